"""What changed in one set between two versions of a load balancer."""

from __future__ import annotations

import dataclasses
from typing import Any

from amphora_sets.adapter import versions_from
from amphora_sets.registry.topologies import Registry
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.values import Among, Amphora, set_kind


@dataclasses.dataclass(frozen=True, slots=True)
class Delta:
    """The amphorae that joined (``added``) and left (``removed``) a set."""

    kind: SetKind
    added: tuple[Amphora, ...]
    removed: tuple[Amphora, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def amphora_delta(
    old: Any,
    new: Any,
    kind: SetKind | str,
    among: Among = None,
    registry: Registry | None = None,
) -> Delta:
    """How set ``kind`` changed from ``old`` to ``new``, within ``among``.

    ``old`` and ``new`` are two versions of one load balancer, in any form
    :func:`~amphora_sets.load_balancer_from` reads (``registry`` is as
    there).  Amphorae are matched by id.  ``added`` comes from ``new`` in
    its order, ``removed`` from ``old`` in its order, so growing or
    shrinking a cluster hands the flows only the amphorae that changed.
    ``among`` follows :func:`~amphora_sets.values.subset_test`'s rule: a
    one-shot iterator is refused.
    """
    kind = set_kind(kind)
    old, new = versions_from(old, new, registry)
    before = old.select(kind, among)
    after = new.select(kind, among)
    before_ids = {amphora.id for amphora in before}
    after_ids = {amphora.id for amphora in after}
    return Delta(
        kind,
        added=tuple(a for a in after if a.id not in before_ids),
        removed=tuple(a for a in before if a.id not in after_ids),
    )
