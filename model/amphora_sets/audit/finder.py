"""Find every use of a load balancer's amphora cluster in an Octavia tree.

The finder reads the ``octavia/`` package (tests excluded) with :mod:`ast`
and the Jinja templates as text.  A *site* is one use, named by its file,
enclosing ``Class.method``, kind and expression, so that a mapping row can
match it without a line number.  Direct uses:

* ``loop``: a ``for`` or comprehension over the cluster (``.amphorae``,
  the ``AMPHORAE`` store key, a task's ``amphorae`` argument, or a local
  bound to one of them), also through ``filter(...)`` and the like;
* ``index``: indexing into the cluster (``amphorae[amphora_index]``);
* ``write``: a membership write (``.amphorae.append(...)``);
* ``pass``: any other use of the whole cluster (passed on, stored);
* ``query``: a repository query for a load balancer's amphorae;
* ``gate``: a topology or role test;
* ``wire``: a flow wiring the ``AMPHORAE`` store key into a task;
* ``template``: a template loop over the cluster or its peers.

* ``per-amphora``: a driver method that acts on one amphora of a load
  balancer (it takes both), which its callers run once per amphora.

* ``selector``: in a patched tree, a call of a set's selector
  (``select_front_facing`` and the others, their properties, or the
  module helper ``amphora_sets.select(..., amphora_sets.FRONT)``), with
  the set it selects.

One call away, transitively: ``indirect`` is a call of (or a reference to)
a task, driver method, flow or function that holds a site, and
``contract`` an abstract driver method that an implementation holding a
site fulfils.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from amphora_sets.errors import AmphoraSetsError

PACKAGE = "octavia"
_TESTS = "tests"


class Kind(enum.Enum):
    """How a site uses the amphora cluster."""

    LOOP = "loop"
    INDEX = "index"
    WRITE = "write"
    PASS = "pass"
    QUERY = "query"
    GATE = "gate"
    WIRE = "wire"
    TEMPLATE = "template"
    PER_AMPHORA = "per-amphora"
    SELECTOR = "selector"
    INDIRECT = "indirect"
    CONTRACT = "contract"


DIRECT_LIST_KINDS = frozenset(
    {Kind.LOOP, Kind.INDEX, Kind.WRITE, Kind.PASS, Kind.QUERY, Kind.SELECTOR}
)
"""Kinds that make their function a holder callers reach indirectly."""


@dataclasses.dataclass(frozen=True)
class Site:
    """One use of the amphora cluster in Octavia's source."""

    file: str
    function: str
    kind: Kind
    expression: str
    line: int
    selects: str | None = None
    """For a selector site, the set it selects (FRONT, BACK, VRRP, ALL)."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What a mapping row matches: everything but the line."""
        return (self.file, self.function, self.kind.value, self.expression)


_ITER_WRAPPERS = frozenset(
    {"filter", "sorted", "list", "tuple", "enumerate", "reversed", "iter"}
)
_WRITES = frozenset({"append", "remove", "extend", "insert", "pop", "clear"})
_STORE_KEY = "AMPHORAE"
_LIST_NAME = "amphorae"
_GATE_PREFIXES = ("TOPOLOGY_", "ROLE_")
_GATE_FIELDS = frozenset({"topology", "role", "TOPOLOGY", "ROLE"})
_MODULE_LEVEL = "<module>"


def _is_store_key(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == _STORE_KEY) or (
        isinstance(node, ast.Constant) and node.value == _LIST_NAME
    )


@dataclasses.dataclass
class _Function:
    """A function or method definition and what the finder learnt of it."""

    qualname: str
    file: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    owner: str | None
    abstract: bool
    modules: Mapping[str, str]
    """Name bound by an import -> the dotted name it imports."""


def tree_version(root: Path) -> str | None:
    """The Octavia version of the tree at ``root`` from its ``PKG-INFO``
    (an sdist or a built checkout), or None."""
    for info in (root / "PKG-INFO", root / "octavia.egg-info" / "PKG-INFO"):
        if info.is_file():
            for line in info.read_text(errors="replace").splitlines():
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip() or None
    return None


def find_sites(root: Path) -> tuple[Site, ...]:
    """Every site in the Octavia tree at ``root``, sorted.

    Raises AmphoraSetsError naming ``PATH`` if ``root`` holds no
    ``octavia/`` package.
    """
    package = root / PACKAGE
    if not (package / "__init__.py").is_file():
        raise AmphoraSetsError(
            "PATH", f"{str(root)!r} is not an Octavia source tree"
        )
    modules = sorted(
        p
        for p in package.rglob("*.py")
        if _TESTS not in p.relative_to(package).parts
    )
    sites: list[Site] = []
    functions: list[_Function] = []
    bases: dict[str, frozenset[str]] = {}
    for path in modules:
        rel = path.relative_to(root).as_posix()
        try:
            tree = ast.parse(path.read_bytes(), filename=rel)
        except (SyntaxError, ValueError) as exc:
            raise AmphoraSetsError(
                "PATH", f"cannot parse {rel}: {exc}"
            ) from None
        finder = _ModuleFinder(rel)
        finder.visit(tree)
        sites.extend(finder.sites)
        functions.extend(finder.functions)
        for name, names in finder.bases.items():
            bases[name] = bases.get(name, frozenset()) | names
    sites.extend(_indirect_sites(functions, sites, bases))
    sites.extend(_template_sites(root, package))
    return tuple(sorted(sites, key=_order))


def _order(site: Site) -> tuple[str, int, str, str]:
    return (site.file, site.line, site.kind.value, site.expression)


class _ModuleFinder(ast.NodeVisitor):
    """The direct sites of one module, and its function definitions."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sites: list[Site] = []
        self.functions: list[_Function] = []
        self.modules: dict[str, str] = {}
        self._scope: list[str] = []
        self._classes: list[str] = []
        self.bases: dict[str, frozenset[str]] = {}

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.modules[alias.asname] = alias.name
            else:
                first = alias.name.split(".")[0]
                self.modules[first] = first

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            name = alias.asname or alias.name
            self.modules[name] = f"{node.module or ''}.{alias.name}"

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.bases[node.name] = frozenset(
            ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases
        )
        self._scope.append(node.name)
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()
        self._scope.pop()

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        enclosing = self._scope[-1] if self._scope else None
        if enclosing is not None and enclosing not in self._classes[-1:]:
            return  # nested in a function: part of that function's sites
        self._scope.append(node.name)
        qualname = ".".join(self._scope)
        abstract = any(
            "abstractmethod" in ast.unparse(d) for d in node.decorator_list
        )
        self.functions.append(
            _Function(
                qualname,
                self.file,
                node,
                enclosing,
                abstract,
                MappingProxyType(dict(self.modules)),
            )
        )
        self.sites.extend(_direct_sites(self.file, qualname, node))
        if enclosing is not None and self.file.startswith(_DRIVER_FILES):
            signature = _per_amphora(node)
            if signature is not None:
                self.sites.append(
                    Site(
                        self.file,
                        qualname,
                        Kind.PER_AMPHORA,
                        signature,
                        node.lineno,
                    )
                )
        self._scope.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function


_DRIVER_FILES = (
    "octavia/amphorae/drivers/",
    "octavia/network/",
    "octavia/distributor/drivers/",
)
_AMPHORA_ARGS = frozenset({"amphora", "amp"})
_LB_ARGS = frozenset({"load_balancer", "loadbalancer", "lb", "vip"})


def _per_amphora(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The signature of a driver method taking one amphora of a load
    balancer, or None."""
    names = [a.arg for a in node.args.args[1:]]
    if _AMPHORA_ARGS.isdisjoint(names) or _LB_ARGS.isdisjoint(names):
        return None
    return f"{node.name}({', '.join(names)})"


_SELECTOR_METHODS = {
    "select_front_facing": "FRONT",
    "select_back_facing": "BACK",
    "select_vrrp": "VRRP",
    "select_live": "ALL",
}
_SELECTOR_PROPERTIES = {
    "front_facing_amphorae": "FRONT",
    "back_facing_amphorae": "BACK",
    "vrrp_amphorae": "VRRP",
    "live_amphorae": "ALL",
}
_HELPER = "select"
_HELPER_SETS = frozenset({"FRONT", "BACK", "VRRP"})
_SELECTOR_MODULE = "octavia/common/amphora_sets.py"
"""Where a patched tree defines the sets: its calls are not sites."""


def _selects(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str | None:
    """The set a selector call or property selects, or None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        name = node.func.attr
        if name in _SELECTOR_METHODS:
            return _SELECTOR_METHODS[name]
        if name == _HELPER:
            for arg in (*node.args, *(k.value for k in node.keywords)):
                if isinstance(arg, ast.Attribute) and arg.attr in _HELPER_SETS:
                    return arg.attr
        return None
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Load)
        and node.attr in _SELECTOR_PROPERTIES
    ):
        return _SELECTOR_PROPERTIES[node.attr]
    return None


def _in_selector(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether ``node`` is an argument of a selector call."""
    parent = parents.get(node)
    if isinstance(parent, ast.keyword):
        parent = parents.get(parent)
    return (
        isinstance(parent, ast.Call)
        and node is not parent.func
        and (_selects(parent, parents) is not None)
    )


def _direct_sites(
    file: str, function: str, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[Site]:
    """The direct sites in one function, nested functions included."""
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(node):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    aliases = _aliases(node)
    if file == _SELECTOR_MODULE or node.name in (
        _SELECTOR_METHODS.keys() | _SELECTOR_PROPERTIES.keys()
    ):
        return  # the sets' own definition in a patched tree
    for child in ast.walk(node):
        if child is node:
            continue
        selects = _selects(child, parents)
        if selects is not None:
            yield Site(
                file,
                function,
                Kind.SELECTOR,
                ast.unparse(child),
                child.lineno,
                selects,
            )
            continue
        if _in_selector(child, parents):
            continue  # the selector's own input, not a use of its own
        site = _site_at(child, parents, aliases)
        if site is not None:
            kind, expression = site
            yield Site(file, function, kind, expression, child.lineno)


def _aliases(node: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """Names that hold the cluster: the ``amphorae`` argument and locals
    assigned a cluster expression."""
    names = {
        a.arg
        for a in (
            *node.args.posonlyargs,
            *node.args.args,
            *node.args.kwonlyargs,
        )
        if a.arg == _LIST_NAME
    }
    changed = True
    while changed:
        changed = False
        for child in ast.walk(node):
            if (
                isinstance(child, ast.Assign)
                and len(child.targets) == 1
                and isinstance(child.targets[0], ast.Name)
                and child.targets[0].id not in names
                and _is_cluster(child.value, frozenset(names))
            ):
                names.add(child.targets[0].id)
                changed = True
    return frozenset(names)


def _is_cluster(node: ast.AST, aliases: frozenset[str]) -> bool:
    """True if ``node`` evaluates to a load balancer's amphora list."""
    if isinstance(node, ast.Attribute):
        return node.attr == _LIST_NAME and isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Subscript):
        return _is_store_key(node.slice) and isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Name):
        return node.id in aliases and isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and bool(node.args)
            and _is_store_key(node.args[0])
        )
    return False


def _site_at(
    node: ast.AST, parents: dict[ast.AST, ast.AST], aliases: frozenset[str]
) -> tuple[Kind, str] | None:
    if _is_cluster(node, aliases):
        return _cluster_use(node, parents)
    if _is_store_key(node):
        return _wiring(node, parents)
    if isinstance(node, ast.Compare):
        return _gate_or_query(node)
    if isinstance(node, ast.Call):
        return _query_call(node)
    return None


def _cluster_use(
    node: ast.AST, parents: dict[ast.AST, ast.AST]
) -> tuple[Kind, str] | None:
    parent = parents.get(node)
    if (
        isinstance(parent, ast.Assign)
        and parent.value is node
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
    ):
        return None  # an alias: its uses are the sites
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return Kind.INDEX, ast.unparse(parent)
    if isinstance(parent, ast.Attribute) and parent.attr in _WRITES:
        return Kind.WRITE, ast.unparse(parent)
    iterable = node
    while (
        isinstance(parents.get(iterable), ast.Call)
        and isinstance(parents[iterable].func, ast.Name)
        and parents[iterable].func.id in _ITER_WRAPPERS
    ):
        iterable = parents[iterable]
    holder = parents.get(iterable)
    if (
        isinstance(holder, (ast.For, ast.AsyncFor)) and holder.iter is iterable
    ) or (isinstance(holder, ast.comprehension) and holder.iter is iterable):
        return Kind.LOOP, ast.unparse(iterable)
    return Kind.PASS, ast.unparse(node)


def _wiring(
    node: ast.AST, parents: dict[ast.AST, ast.AST]
) -> tuple[Kind, str] | None:
    parent = parents.get(node)
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return None  # the cluster itself: reported by _cluster_use
    if (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Attribute)
        and parent.func.attr == "get"
    ):
        return None
    keyword = None
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        if isinstance(current, ast.keyword) and keyword is None:
            keyword = current.arg
        if isinstance(current, ast.Call) and keyword is not None:
            return Kind.WIRE, f"{_callee(current)}({keyword}=AMPHORAE)"
        current = parents.get(current)
    return None  # a key in a dict or a test: not a flow's wiring


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ast.unparse(func)


def _gate_or_query(node: ast.Compare) -> tuple[Kind, str] | None:
    operands = [node.left, *node.comparators]
    text = ast.unparse(node)
    if any(
        isinstance(o, ast.Attribute) and o.attr == "load_balancer_id"
        for o in operands
    ) and any(_mentions_amphora_model(o) for o in operands):
        return Kind.QUERY, text
    for operand in operands:
        for sub in ast.walk(operand):
            if isinstance(sub, ast.Attribute) and (
                sub.attr.startswith(_GATE_PREFIXES)
                or (sub.attr in _GATE_FIELDS and sub is operand)
            ):
                return Kind.GATE, text
            if (
                isinstance(sub, ast.Subscript)
                and sub is operand
                and isinstance(sub.slice, ast.Attribute)
                and sub.slice.attr in _GATE_FIELDS
            ):
                return Kind.GATE, text
    return None


def _mentions_amphora_model(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return "models.Amphora." in text or text.startswith("self.model_class.")


def _query_call(node: ast.Call) -> tuple[Kind, str] | None:
    if not isinstance(node.func, ast.Attribute):
        return None
    name = node.func.attr
    if name == "get_amphorae_ids_on_lb":
        return Kind.QUERY, f"{ast.unparse(node.func)}(...)"
    if name in {"filter_by", "get_all", "count"} and any(
        k.arg == "load_balancer_id" for k in node.keywords
    ):
        receiver = ast.unparse(node.func.value)
        if "Amphora" in receiver or "amphora_repo" in receiver:
            return Kind.QUERY, f"{name}(load_balancer_id=...)"
    return None


# -- one call away -----------------------------------------------------------

_DRIVER_DIRS = {
    "amp": "octavia/amphorae/drivers/",
    "network": "octavia/network/drivers/",
    "distributor": "octavia/distributor/drivers/",
}
_FLOW_DIR = "octavia/controller/worker/v2/flows/"
_DISPATCH = frozenset(
    {
        "octavia/controller/worker/v2/controller_worker.py",
        "octavia/controller/worker/v2/flows/flow_utils.py",
    }
)
"""The dispatch layer: it only picks a flow by name; the flow is the site."""
_RUN_METHODS = frozenset({"execute"})


def _indirect_sites(
    functions: list[_Function],
    direct: list[Site],
    bases: dict[str, frozenset[str]],
) -> list[Site]:
    """Calls of holders, to a fixed point; then the abstract contracts."""
    by_key = {(f.file, f.qualname): f for f in functions}
    holders = {
        (s.file, s.function)
        for s in direct
        if s.kind in DIRECT_LIST_KINDS and (s.file, s.function) in by_key
    }
    found: dict[tuple[str, str, str], Site] = {}
    references = [
        (
            f,
            [
                n
                for n in ast.walk(f.node)
                if isinstance(n, (ast.Call, ast.Attribute))
            ],
        )
        for f in functions
    ]
    while True:
        targets = _Targets([by_key[h] for h in sorted(holders)])
        new = set()
        for function, nodes in references:
            if function.file in _DISPATCH:
                continue
            for node in nodes:
                target = targets.resolve(node, function)
                if target is None:
                    continue
                key = (function.file, function.qualname, target)
                if key not in found:
                    found[key] = Site(
                        function.file,
                        function.qualname,
                        Kind.INDIRECT,
                        target,
                        node.lineno,
                    )
                new.add((function.file, function.qualname))
        if new <= holders:
            break
        holders |= new
    sites = list(found.values())
    fulfilled = {
        (ancestor, by_key[h].node.name)
        for h in holders
        if by_key[h].owner
        for ancestor in _ancestors(by_key[h].owner, bases)
    }
    sites.extend(
        Site(f.file, f.qualname, Kind.CONTRACT, f.node.name, f.node.lineno)
        for f in functions
        if f.abstract and (f.owner, f.node.name) in fulfilled
    )
    return sites


def _ancestors(name: str, bases: dict[str, frozenset[str]]) -> set[str]:
    """Every base class of class ``name``, by name, transitively."""
    seen: set[str] = set()
    todo = list(bases.get(name, ()))
    while todo:
        base = todo.pop()
        if base not in seen:
            seen.add(base)
            todo.extend(bases.get(base, ()))
    return seen


class _Targets:
    """What a call or reference may reach among the holders, by name."""

    def __init__(self, holders: list[_Function]) -> None:
        self.tasks = {
            f.owner for f in holders if f.owner and f.node.name in _RUN_METHODS
        }
        self.drivers = {
            (f.file, f.node.name)
            for f in holders
            if f.owner and f.file.startswith(tuple(_DRIVER_DIRS.values()))
        }
        self.flows = {
            f.node.name
            for f in holders
            if f.owner and f.file.startswith(_FLOW_DIR)
        }
        self.module_functions = {
            f"{_dotted(f.file)}.{f.node.name}"
            for f in holders
            if f.owner is None and "." not in f.qualname
        }
        self.methods = {
            (f.file, f.owner, f.node.name) for f in holders if f.owner
        }

    def _driver_holds(self, receiver: str, name: str, caller: str) -> bool:
        """Whether a driver method ``name`` called on ``receiver`` holds a
        site: a named driver (``amphora_driver``, ``network_driver``...)
        is looked up among its kind's drivers; a bare ``driver`` is the
        caller's own module's."""
        dirs = [d for word, d in _DRIVER_DIRS.items() if word in receiver]
        return any(
            method == name
            and (file.startswith(tuple(dirs)) if dirs else file == caller)
            for file, method in self.drivers
        )

    def resolve(self, node: ast.AST, caller: _Function) -> str | None:
        """The holder ``node`` calls or names, as the site's expression."""
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                here = f"{_dotted(caller.file)}.{func.id}"
                imported = caller.modules.get(func.id)
                if func.id in self.tasks or (
                    {here, imported} & self.module_functions
                ):
                    return f"{func.id}()"
            return None
        if not isinstance(node, ast.Attribute) or not isinstance(
            node.ctx, ast.Load
        ):
            return None
        receiver = ast.unparse(node.value)
        name = node.attr
        if name in self.tasks and receiver in caller.modules:
            return f"{receiver}.{name}"
        if receiver == "self" and (
            (caller.file, caller.owner, name) in self.methods
        ):
            return f"self.{name}"
        last = receiver.rsplit(".", 1)[-1].lower()
        if last.endswith("driver") and self._driver_holds(
            last, name, caller.file
        ):
            return f"{receiver}.{name}"
        if last.endswith("flows") and name in self.flows:
            return f"{receiver}.{name}"
        module = caller.modules.get(receiver)
        if module and f"{module}.{name}" in self.module_functions:
            return f"{receiver}.{name}"
        return None


def _dotted(file: str) -> str:
    """The dotted module name of a source file."""
    return file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


# -- templates ---------------------------------------------------------------

_TEMPLATE_SUFFIXES = (".j2", ".template")
_FOR = re.compile(r"{%-?\s*for\s+(\w+)\s+in\s+([^%]*?)\s*-?%}")
_MACRO = re.compile(r"{%-?\s*macro\s+(\w+)")
_CLUSTER_WORDS = re.compile(r"\b(amphorae|\w*peers\w*)\b")


def _template_sites(root: Path, package: Path) -> Iterator[Site]:
    """Template loops over the amphorae or their peers."""
    for path in sorted(package.rglob("*")):
        if (
            not path.name.endswith(_TEMPLATE_SUFFIXES)
            or _TESTS in path.relative_to(package).parts
        ):
            continue
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _FOR.finditer(text):
            # The loop, not its filter: a patched tree may filter in Python.
            iterable = " ".join(match.group(2).split()).split(" if ")[0]
            if not _CLUSTER_WORDS.search(iterable):
                continue
            macros = _MACRO.findall(text, 0, match.start())
            yield Site(
                rel,
                macros[-1] if macros else _MODULE_LEVEL,
                Kind.TEMPLATE,
                f"for {match.group(1)} in {iterable}",
                text.count("\n", 0, match.start()) + 1,
            )
