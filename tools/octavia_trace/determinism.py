"""Make a run repeatable: seeded UUIDs, ready tasks in name order."""

from __future__ import annotations

import random
import uuid


def seed_uuids(seed: int) -> None:
    """Make ``uuid.uuid4`` (used by oslo's ``generate_uuid``) seeded."""
    rng = random.Random(seed)

    def uuid4() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    uuid.uuid4 = uuid4


def order_ready_tasks() -> None:
    """Schedule the atoms that are ready together in name order.

    TaskFlow keeps ready atoms in a set and sorts them by priority only,
    so without this their order follows string hashing.  The serial
    engine runs them in the order scheduled.
    """
    from taskflow.engines.action_engine import scheduler

    schedule = scheduler.Scheduler.schedule

    def ordered(self, atoms):
        return schedule(
            self,
            sorted(
                atoms,
                key=lambda atom: (-getattr(atom, "priority", 0), atom.name),
            ),
        )

    scheduler.Scheduler.schedule = ordered
