"""A small synthetic Octavia-like tree with every kind of audit site."""

from __future__ import annotations

import tarfile
from pathlib import Path

FILES = {
    "PKG-INFO": "Metadata-Version: 2.1\nName: octavia\nVersion: 0.0.1\n",
    "octavia/__init__.py": "",
    "octavia/common/__init__.py": "",
    "octavia/common/constants.py": (
        "AMPHORAE = 'amphorae'\nTOPOLOGY_SINGLE = 'SINGLE'\n"
        "ROLE_MASTER = 'MASTER'\nDELETED = 'DELETED'\n"
    ),
    "octavia/amphorae/__init__.py": "",
    "octavia/amphorae/drivers/__init__.py": "",
    "octavia/amphorae/drivers/driver_base.py": (
        "import abc\n\n\n"
        "class AmphoraLoadBalancerDriver(metaclass=abc.ABCMeta):\n"
        "    @abc.abstractmethod\n"
        "    def update(self, loadbalancer):\n"
        "        pass\n\n"
        "    @abc.abstractmethod\n"
        "    def post_vip_plug(self, amphora, load_balancer):\n"
        "        pass\n"
    ),
    "octavia/amphorae/drivers/rest.py": (
        "from octavia.amphorae.drivers import driver_base\n"
        "from octavia.common import constants\n\n\n"
        "class RestDriver(driver_base.AmphoraLoadBalancerDriver):\n"
        "    def update(self, loadbalancer):\n"
        "        for amp in loadbalancer.amphorae:\n"
        "            if amp.status != constants.DELETED:\n"
        "                self.push(amp)\n\n"
        "    def post_vip_plug(self, amphora, load_balancer):\n"
        "        self.push(amphora)\n\n"
        "    def push(self, amp):\n"
        "        return amp\n"
    ),
    "octavia/controller/__init__.py": "",
    "octavia/controller/worker/__init__.py": "",
    "octavia/controller/worker/v2/__init__.py": "",
    "octavia/controller/worker/v2/tasks/__init__.py": "",
    "octavia/controller/worker/v2/tasks/tasks.py": (
        "from octavia.common import constants\n\n\n"
        "class ListenersUpdate:\n"
        "    def execute(self, loadbalancer):\n"
        "        self.amphora_driver.update(loadbalancer)\n\n\n"
        "class AmphoraIndexUpdate:\n"
        "    def execute(self, amphorae, amphora_index):\n"
        "        return amphorae[amphora_index]\n\n\n"
        "class Associate:\n"
        "    def execute(self, lb, amp):\n"
        "        lb.amphorae.append(amp)\n\n\n"
        "class Ids:\n"
        "    def execute(self, lb):\n"
        "        return self.amphora_repo.get_amphorae_ids_on_lb(lb.id)\n\n\n"
        "class Gate:\n"
        "    def execute(self, lb, amp):\n"
        "        if lb.topology == constants.TOPOLOGY_SINGLE:\n"
        "            return amp.role == constants.ROLE_MASTER\n"
        "        return lb.amphorae\n"
    ),
    "octavia/controller/worker/v2/flows/__init__.py": "",
    "octavia/controller/worker/v2/flows/member_flows.py": (
        "from octavia.common import constants\n"
        "from octavia.controller.worker.v2.tasks import tasks\n\n\n"
        "class MemberFlows:\n"
        "    def get_create_member_flow(self):\n"
        "        return [tasks.ListenersUpdate(), tasks.AmphoraIndexUpdate(\n"
        "            requires=constants.AMPHORAE)]\n"
    ),
    "octavia/common/jinja/templates/peers.j2": (
        "{% macro peers_macro(loadbalancer) %}\n"
        "{% for amp in loadbalancer.amphorae %}\n"
        "peer {{ amp.id }}\n"
        "{% endfor %}\n"
        "{% endmacro %}\n"
    ),
    "octavia/tests/__init__.py": "",
    "octavia/tests/test_ignored.py": (
        "def test_loop(lb):\n    return [a for a in lb.amphorae]\n"
    ),
}
"""Path -> text.  ``Gate.execute``'s ``return lb.amphorae`` is the one
site the mapping below leaves out."""

D = "octavia/amphorae/drivers/"
T = "octavia/controller/worker/v2/tasks/tasks.py"
F = "octavia/controller/worker/v2/flows/member_flows.py"
SITES = {
    (
        D + "driver_base.py",
        "AmphoraLoadBalancerDriver.update",
        "contract",
        "update",
    ),
    (
        D + "driver_base.py",
        "AmphoraLoadBalancerDriver.post_vip_plug",
        "per-amphora",
        "post_vip_plug(amphora, load_balancer)",
    ),
    (D + "rest.py", "RestDriver.update", "loop", "loadbalancer.amphorae"),
    (
        D + "rest.py",
        "RestDriver.post_vip_plug",
        "per-amphora",
        "post_vip_plug(amphora, load_balancer)",
    ),
    (T, "ListenersUpdate.execute", "indirect", "self.amphora_driver.update"),
    (T, "AmphoraIndexUpdate.execute", "index", "amphorae[amphora_index]"),
    (T, "Associate.execute", "write", "lb.amphorae.append"),
    (
        T,
        "Ids.execute",
        "query",
        "self.amphora_repo.get_amphorae_ids_on_lb(...)",
    ),
    (T, "Gate.execute", "gate", "lb.topology == constants.TOPOLOGY_SINGLE"),
    (T, "Gate.execute", "gate", "amp.role == constants.ROLE_MASTER"),
    (T, "Gate.execute", "pass", "lb.amphorae"),
    (
        F,
        "MemberFlows.get_create_member_flow",
        "indirect",
        "tasks.ListenersUpdate",
    ),
    (
        F,
        "MemberFlows.get_create_member_flow",
        "indirect",
        "tasks.AmphoraIndexUpdate",
    ),
    (
        F,
        "MemberFlows.get_create_member_flow",
        "wire",
        "AmphoraIndexUpdate(requires=AMPHORAE)",
    ),
    (
        "octavia/common/jinja/templates/peers.j2",
        "peers_macro",
        "template",
        "for amp in loadbalancer.amphorae",
    ),
}
"""Every site the finder must report in :data:`FILES`, by key."""

UNCLASSIFIED = (T, "Gate.execute", "pass", "lb.amphorae")
LOOP = (D + "rest.py", "RestDriver.update", "loop", "loadbalancer.amphorae")
"""The loop a patched tree replaces with a selector."""
STALE = (T, "Gone.execute", "loop", "lb.amphorae")


def mapping_text(
    classes: dict[tuple[str, str, str, str], tuple[str, str]] | None = None,
    rows: set[tuple[str, str, str, str]] | None = None,
) -> str:
    """A mapping for the tree: by default every site but one, and one
    stale row, each ALL with no filter unless ``classes`` says otherwise."""
    if rows is None:
        rows = (SITES - {UNCLASSIFIED}) | {STALE}
    parts = ['octavia = "0.0.1"\n']
    for key in sorted(rows):
        file, function, kind, expression = key
        set_name, row_filter = (classes or {}).get(key, ("ALL", "none"))
        parts.append(
            "[[site]]\n"
            f'file = "{file}"\nfunction = "{function}"\nkind = "{kind}"\n'
            f'expression = "{expression}"\nset = "{set_name}"\n'
            f'filter = "{row_filter}"\nreason = "synthetic"\n'
        )
    return "\n".join(parts)


def write_tree(root: Path) -> Path:
    """Write :data:`FILES` under ``root``; return ``root``."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_sdist(tree: Path, archive: Path) -> Path:
    """Pack ``tree`` as an sdist whose top directory is ``octavia-0.0.1``."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname="octavia-0.0.1")
    return archive
