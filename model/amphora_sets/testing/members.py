"""Reading what an implementation returned: amphorae, dicts or ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.testing.report import Violation
from amphora_sets.values import id_list, is_collection


def given_ids(
    field: str, members: Any, own: Set[str], lb_id: str
) -> list[str]:
    """The ids of ``members``, in order and keeping repeats.

    ``members`` is what an implementation returned for ``field``: a
    collection (a generator too) of amphorae, dicts or ids.  Anything
    else, or an id not in ``own`` (the load balancer's amphora ids), is
    bad input and raises AmphoraSetsError naming ``field``.
    """
    if not is_collection(members):
        raise AmphoraSetsError(
            field,
            f"must be a collection of amphorae or ids, not {members!r}",
        )
    ids = id_list(members, field)
    if not set(ids) <= own:
        foreign = next(i for i in ids if i not in own)
        raise AmphoraSetsError(
            field,
            f"not an amphora of load balancer {lb_id!r}",
            amphora_id=foreign,
        )
    return ids


def duplicates(field: str, ids: list[str]) -> list[Violation]:
    """An ``INV-NO-DUPLICATES`` violation for each id listed twice."""
    return [
        Violation(
            "INV-NO-DUPLICATES",
            f"is listed {count} times in {field}",
            amphora_id,
        )
        for amphora_id, count in Counter(ids).items()
        if count > 1
    ]
