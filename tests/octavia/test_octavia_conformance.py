"""run_conformance against subclasses of Octavia 19.0.0's LoadBalancer.

``SetsLoadBalancer`` is a reference implementation of the spec's
properties, selectors and delta, written the way an Octavia change would
write them (no import of amphora_sets).  It passes ``run_conformance``
and every check.  Each wrong subclass changes one thing and must be
rejected with the obligation ID it breaks.  Run by ``tox -e octavia``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

data_models = pytest.importorskip("octavia.common.data_models")
constants = pytest.importorskip("octavia.common.constants")
lib_constants = pytest.importorskip("octavia_lib.common.constants")

from amphora_sets import LoadBalancer, SetKind, amphora_delta  # noqa: E402
from amphora_sets.testing import (  # noqa: E402
    ConformanceFailure,
    OctaviaStyle,
    assert_delta,
    assert_invariants,
    assert_selection,
    load_balancer_pairs,
    load_balancers,
    run_conformance,
    subsets,
)

ACTIVE_ACTIVE, IN_CLUSTER = "ACTIVE_ACTIVE", "IN_CLUSTER"
MASTER, BACKUP = constants.ROLE_MASTER, constants.ROLE_BACKUP
DISTRIBUTORS = {MASTER, BACKUP}
ROLES = {
    constants.TOPOLOGY_SINGLE: {
        "front": {constants.ROLE_STANDALONE},
        "back": {constants.ROLE_STANDALONE},
        "vrrp": set(),
    },
    constants.TOPOLOGY_ACTIVE_STANDBY: {
        "front": DISTRIBUTORS,
        "back": DISTRIBUTORS,
        "vrrp": DISTRIBUTORS,
    },
    ACTIVE_ACTIVE: {
        "front": DISTRIBUTORS | {IN_CLUSTER},
        "back": {IN_CLUSTER},
        "vrrp": DISTRIBUTORS,
    },
}


def _id(item):
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping):
        return item["id"]
    return item.id


def _within(among):
    if among is None:
        return lambda amphora: True
    if callable(among):
        return among
    ids = {_id(item) for item in among}
    return lambda amphora: amphora.id in ids


class SetsLoadBalancer(data_models.LoadBalancer):
    """The three sets, their selectors and the delta, as the spec says."""

    def roles(self, kind):
        return ROLES[self.topology][kind]

    def live(self, amphora):
        return amphora.status != lib_constants.DELETED

    def member(self, amphora, kind):
        return self.live(amphora) and amphora.role in self.roles(kind)

    def select(self, kind, among=None):
        wanted = _within(among)
        return [a for a in self.amphorae if self.member(a, kind) and wanted(a)]

    @property
    def front_facing_amphorae(self):
        return self.select("front")

    @property
    def back_facing_amphorae(self):
        return self.select("back")

    @property
    def vrrp_amphorae(self):
        return self.select("vrrp")

    def select_front_facing(self, among=None):
        return self.select("front", among)

    def select_back_facing(self, among=None):
        return self.select("back", among)

    def select_vrrp(self, among=None):
        return self.select("vrrp", among)

    def key(self, amphora):
        return amphora.id

    def amphora_delta(self, old, kind, among=None):
        """(added, removed) for set ``kind`` from ``old`` to ``self``."""
        before = old.select(kind, among)
        after = self.select(kind, among)
        before_keys = {self.key(a) for a in before}
        after_keys = {self.key(a) for a in after}
        return (
            [a for a in after if self.key(a) not in before_keys],
            [a for a in before if self.key(a) not in after_keys],
        )


def octavia_style(cls):
    """The adapter: builds ``cls`` from the reference model's values."""

    def build(lb: LoadBalancer):
        return cls(
            id=lb.id,
            topology=lb.topology,
            amphorae=[
                data_models.Amphora(
                    id=a.id,
                    role=a.role,
                    status=a.status,
                    load_balancer_id=lb.id,
                )
                for a in lb.amphorae
            ],
        )

    return OctaviaStyle(build)


REFERENCE = octavia_style(SetsLoadBalancer)


def test_the_reference_subclass_conforms() -> None:
    run_conformance(REFERENCE, max_examples=40)


@settings(max_examples=40)
@given(st.data(), load_balancers(), st.sampled_from(SetKind))
def test_the_reference_subclass_passes_every_check(data, lb, kind) -> None:
    octavia_lb = REFERENCE.build(lb)
    assert_invariants(
        octavia_lb,
        front=octavia_lb.front_facing_amphorae,
        back=octavia_lb.back_facing_amphorae,
        vrrp=octavia_lb.vrrp_amphorae,
    )
    among = data.draw(subsets(lb))
    assert_selection(
        octavia_lb,
        kind,
        among=among,
        selected=REFERENCE.select(octavia_lb, kind, among),
    )


@settings(max_examples=40)
@given(load_balancer_pairs(), st.sampled_from(SetKind))
def test_the_reference_delta_agrees_with_the_model(pair, kind) -> None:
    old, new = (REFERENCE.build(lb) for lb in pair)
    added, removed = new.amphora_delta(old, kind.value)
    assert_delta(old, new, kind, added=added, removed=removed)
    expected = amphora_delta(*pair, kind)
    assert [a.id for a in added] == [a.id for a in expected.added]


# -- deliberately wrong implementations -----------------------------------


class DistributorBackFacing(SetsLoadBalancer):
    def roles(self, kind):
        if kind == "back" and self.topology == ACTIVE_ACTIVE:
            return ROLES[ACTIVE_ACTIVE]["front"]
        return super().roles(kind)


class KeepsDeleted(SetsLoadBalancer):
    def live(self, amphora):
        return True


class BackupNotVrrp(SetsLoadBalancer):
    def roles(self, kind):
        return super().roles(kind) - ({BACKUP} if kind == "vrrp" else set())


class IgnoresAmong(SetsLoadBalancer):
    def select_back_facing(self, among=None):
        return self.back_facing_amphorae


class MatchesByStatusToo(SetsLoadBalancer):
    """Matches versions by (id, status): a status change is both."""

    def key(self, amphora):
        return amphora.id, amphora.status


class DeltaMissesAdded(SetsLoadBalancer):
    def amphora_delta(self, old, kind, among=None):
        return [], super().amphora_delta(old, kind, among)[1]


class RolelessInSets(SetsLoadBalancer):
    """Membership by excluding the other roles: None slips through."""

    def member(self, amphora, kind):
        others = set().union(*ROLES[self.topology].values())
        others -= self.roles(kind)
        return self.live(amphora) and amphora.role not in others


class VrrpGrowsWithFront(SetsLoadBalancer):
    """The VRRP delta takes in whatever joins the front-facing set."""

    def amphora_delta(self, old, kind, among=None):
        added, removed = super().amphora_delta(old, kind, among)
        if kind == "vrrp":
            added = super().amphora_delta(old, "front", among)[0]
        return added, removed


class FrontListsBackThenVrrp(SetsLoadBalancer):
    @property
    def front_facing_amphorae(self):
        return self.back_facing_amphorae + self.vrrp_amphorae


WRONG = [
    (DistributorBackFacing, "INV-AA-DISTRIBUTORS-FRONT-ONLY", None),
    (KeepsDeleted, "INV-DELETED-EXCLUDED", None),
    (BackupNotVrrp, "INV-AS-EQUAL", None),
    (IgnoresAmong, "SEL-AMONG-IS-INTERSECTION", None),
    (MatchesByStatusToo, "DELTA-DISJOINT", None),
    (DeltaMissesAdded, "DELTA-RECONSTRUCTS-NEW", None),
    (RolelessInSets, "INV-UNASSIGNED-EXCLUDED", None),
    (VrrpGrowsWithFront, "DELTA-SCALE-KEEPS-VRRP", [ACTIVE_ACTIVE]),
    (FrontListsBackThenVrrp, "INV-NO-DUPLICATES", None),
]


@pytest.mark.parametrize(
    ("cls", "expected", "topologies"),
    WRONG,
    ids=[cls.__name__ for cls, _, _ in WRONG],
)
def test_a_wrong_subclass_is_rejected_by_its_id(
    cls, expected, topologies
) -> None:
    with pytest.raises(ConformanceFailure) as raised:
        run_conformance(
            octavia_style(cls), topologies=topologies, max_examples=40
        )
    assert expected in {v.obligation_id for v in raised.value.violations}


def test_the_wrong_subclasses_cover_the_issue_list() -> None:
    assert len({expected for _, expected, _ in WRONG}) == len(WRONG) >= 8
