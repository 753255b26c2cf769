"""Map a recorded driver call to its audit call site, by the audit's data.

The call site is looked up among the sites the audit's own finder reports
for the traced tree, classified by the audit's mapping, in this order:

1. the keepalived template's peer loop, for the peers an
   ``update_vrrp_conf`` renders;
2. a loop or index in the calling task (or controller-worker function),
   innermost first when a task runs another's ``execute``: that site chose
   the amphorae the task hands the driver one by one;
3. for a load-balancer-level call, the real driver method's own loop,
   following the driver's internal ``indirect`` hops (``reload`` ->
   ``_apply``);
4. the real driver method, as a per-amphora site.

A call with none of these (building, waiting for or finalising a
role-less amphora) is not a use of the cluster and is not checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from amphora_sets.audit.finder import Site, find_sites
from amphora_sets.audit.mapping import (
    NOT_APPLICABLE,
    Row,
    load_mapping,
    load_mapping_file,
)
from amphora_sets.audit.report import audit
from octavia_trace import replay
from octavia_trace.trees import UNPATCHED

REAL_DRIVERS: dict[str, tuple[str, ...]] = {
    "amphora": (
        "HaproxyAmphoraLoadBalancerDriver",
        "KeepalivedAmphoraDriverMixin",
    ),
    "network": ("AllowedAddressPairsDriver",),
    "compute": ("VirtualMachineManager",),
}
"""The real driver classes whose code stands behind each noop driver."""

PEER_LOOP = "KeepalivedJinjaTemplater.build_keepalived_config"
TASK_KINDS = ("loop", "index")


@dataclasses.dataclass(frozen=True)
class Route:
    """A call's site and the mapping row that classifies it."""

    site: Site
    row: Row

    @property
    def label(self) -> str:
        """``function (kind)``, as the report shows it."""
        return f"{self.site.function} ({self.site.kind.value})"


class Router:
    """Finds the route of each call among classified sites."""

    def __init__(self, classified: Iterable[tuple[Site, Row]]) -> None:
        self._by_function: dict[str, list[Route]] = {}
        for site, row in classified:
            if row.set == NOT_APPLICABLE:
                continue
            self._by_function.setdefault(site.function, []).append(
                Route(site, row)
            )

    def _first(self, function: str, kinds: tuple[str, ...]) -> Route | None:
        for route in self._by_function.get(function, ()):
            if route.site.kind.value in kinds:
                return route
        return None

    def route(
        self, task: str, driver: str, method: str, lb_level: bool
    ) -> Route | None:
        """The route of a call by ``task`` to ``driver.method``."""
        name, _, aspect = method.partition("[")
        if aspect.rstrip("]") == replay.PEERS:
            return self._first(PEER_LOOP, ("loop",))
        nested = reversed(task.split(" > "))
        callers = [t if "." in t else f"{t}.execute" for t in nested]
        for caller in callers:
            found = self._first(caller, TASK_KINDS)
            if found:
                return found
        for cls in REAL_DRIVERS.get(driver, ()):
            if lb_level:
                found = self._driver_loop(cls, name, depth=3)
                if found:
                    return found
            found = self._first(f"{cls}.{name}", ("per-amphora",))
            if found:
                return found
        return None

    def _driver_loop(self, cls: str, name: str, depth: int) -> Route | None:
        found = self._first(f"{cls}.{name}", ("loop",))
        if found or depth == 0:
            return found
        for route in self._by_function.get(f"{cls}.{name}", ()):
            if route.site.kind.value == "indirect":
                hop = route.site.expression.rpartition(".")[2]
                found = self._driver_loop(cls, hop, depth - 1)
                if found:
                    return found
        return None


def router_for(result: dict, mapping_file: Path | None = None) -> Router:
    """The router over the traced 19.0.0 tree's sites, as the audit's
    finder reports them and its mapping (packaged, or ``mapping_file``)
    classifies them.  Both trees' calls are routed by it: a patched call
    site keeps the set and filter its 19.0.0 loop has."""
    root = Path(result["octavia"]).parent
    mapping = (
        load_mapping(UNPATCHED)
        if mapping_file is None
        else load_mapping_file(mapping_file)
    )
    found = audit(find_sites(root), mapping)
    return Router((c.site, c.row) for c in found.classified)
