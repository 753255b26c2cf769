"""Reading what an implementation returned: amphorae, dicts or ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.testing.report import Violation
from amphora_sets.values import id_list, is_collection, raw_ids


def given_ids(
    field: str, members: Any, own: Set[str], lb_id: str
) -> tuple[list[str], frozenset[str]]:
    """The ids of ``members``, in order and keeping repeats, and as a set.

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
    items = members if isinstance(members, (list, tuple)) else list(members)
    read = raw_ids(items)
    try:
        # Every id of the load balancer is a non-empty string, so ids
        # that are all its own need no check of their own.
        if read is not None and (unique := frozenset(read)) <= own:
            return read, unique  # type: ignore[return-value]
    except TypeError:  # an unhashable "id": the validating path names it
        pass
    ids = id_list(items, field)
    unique = frozenset(ids)
    if not unique <= own:
        foreign = next(i for i in ids if i not in own)
        raise AmphoraSetsError(
            field,
            f"not an amphora of load balancer {lb_id!r}",
            amphora_id=foreign,
        )
    return ids, unique


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
