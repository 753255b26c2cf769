"""Hold the recorded calls against the model's selection, per call site.

Calls are grouped per flow, task, driver method and call site; a group's
*touched* amphorae are the union over its calls.  Its *expected* amphorae
are the model's selection of the site's set (``ALL``: its live view)
over the load balancer's amphorae as they stood at the group's first
call, with the site's filter as ``among=``.  A loop that runs to its end
must touch that whole selection; an index, a per-amphora method or a
search loop picks amphorae of it, so each amphora it touches must be in
the selection at its call.  The peers an amphora's keepalived
configuration lists must be its VRRP set but itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from amphora_sets import Amphora, LoadBalancer, SetKind, is_allocated
from amphora_sets.audit.mapping import ALL, ALLOCATED, NOT_DELETED
from amphora_sets.registry import vocabulary as v
from octavia_trace import replay
from octavia_trace.routes import Router

AMONG: dict[str, Callable[[Amphora], bool]] = {
    NOT_DELETED: lambda amphora: amphora.status != v.DELETED,
    ALLOCATED: is_allocated,
}
"""A site's filter as an ``among=`` predicate; other filters keep all."""

SEARCH_LOOPS = frozenset({"ControllerWorker._get_amphorae_for_failover"})
"""Loops that stop at the first amphora found (here: the one answering
on the VIP), so they are held to membership, not to the whole set."""


def whole_set(site_kind: str, function: str) -> bool:
    """True if a site must touch its whole selection: a loop that runs
    to the end.  An index, a per-amphora method or a search loop picks
    amphorae of the selection: those are held to membership only."""
    return site_kind == "loop" and function not in SEARCH_LOOPS


@dataclasses.dataclass(frozen=True)
class Observation:
    """One group of calls: where, what the site says, what happened."""

    topology: str
    flow: str
    task: str
    method: str
    site: str
    set: str
    filter: str
    touched: tuple[str, ...]
    expected: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(topology, flow, task, method): how runs are lined up."""
        return (self.topology, self.flow, self.task, self.method)

    @property
    def matches(self) -> bool:
        """True if exactly the expected amphorae were touched."""
        return set(self.touched) == set(self.expected)


def selection(
    set_name: str,
    filter_name: str,
    topology: str,
    state: Iterable[dict],
    within: Iterable[str] | None = None,
) -> tuple[str, ...]:
    """The ids the model selects for a site over a load balancer's state,
    with the site's filter (and, if given, ``within``) as ``among=``."""
    lb = LoadBalancer(
        id="traced",
        topology=topology,
        amphorae=tuple(
            Amphora(id=a["id"], role=a["role"], status=a["status"])
            for a in state
        ),
    )
    keep = AMONG.get(filter_name, lambda amphora: True)
    ids = None if within is None else frozenset(within)

    def among(amphora: Amphora) -> bool:
        return keep(amphora) and (ids is None or amphora.id in ids)

    if set_name == ALL:
        chosen = lb.select_live(among)
    else:
        chosen = lb.select(SetKind[set_name], among)
    return tuple(amphora.id for amphora in chosen)


def observe(topology: str, calls: list[dict], router: Router) -> list:
    """The observations of one topology's run, in order of first call."""
    groups: dict[tuple, dict] = {}
    for call in calls:
        route = router.route(
            call["task"], call["driver"], call["method"], call["lb_level"]
        )
        if route is None:
            continue
        key = (call["flow"], call["task"], call["method"], route.label)
        first = key not in groups
        group = groups.setdefault(
            key, {"route": route, "touched": [], "expected": []}
        )
        touched = [touch["id"] for touch in call["touched"]]
        site, row = route.site, route.row
        whole = whole_set(site.kind.value, site.function)
        peers = call["method"].endswith(f"[{replay.PEERS}]")
        if whole and not first and not peers:
            # A whole-set site is held to the state at its first call.
            expected: tuple[str, ...] = ()
        else:
            expected = selection(
                row.set,
                row.filter,
                topology,
                call["state"],
                None if whole else touched,
            )
        if peers:
            # An amphora's keepalived peers are its VRRP set but itself.
            itself = {touch["id"] for touch in call["passed"]}
            expected = tuple(i for i in expected if i not in itself)
        for key_name, ids in (("touched", touched), ("expected", expected)):
            for amphora_id in ids:
                if amphora_id not in group[key_name]:
                    group[key_name].append(amphora_id)
    return [
        Observation(
            topology=topology,
            flow=flow.partition(" ")[2],
            task=task,
            method=method,
            site=site,
            set=group["route"].row.set,
            filter=group["route"].row.filter,
            touched=tuple(group["touched"]),
            expected=group["expected"],
        )
        for (flow, task, method, site), group in groups.items()
    ]
