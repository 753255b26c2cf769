"""Data flows one way: registry -> model -> plumbing -> (solver | testing |
audit) -> cli.

Each package may import only from the layers below it (and itself); the
model imports no third-party package, solver and testing never import each
other, and the solver encodes the plumbing table itself rather than
importing the plumbing package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from package_env import PACKAGE_ROOT

PACKAGE = PACKAGE_ROOT / "amphora_sets"
MODEL = {
    "values",
    "delta",
    "adapter",
    "cardinality",
    "census",
    "errors",
    "diagram",
    "lifecycle",
}
ALLOWED = {
    "registry": {"registry", "errors"},
    "model": {"registry"} | MODEL,
    "plumbing": {"registry", "plumbing"} | MODEL,
    "solver": {"registry", "solver"} | MODEL,
    "testing": {"registry", "plumbing", "testing"} | MODEL,
    "audit": {"registry", "audit"} | MODEL,
    "vectors": {"registry", "vectors"} | MODEL,
    "cli": {
        "registry",
        "cli",
        "plumbing",
        "solver",
        "testing",
        "audit",
        "vectors",
        "__init__",
    }
    | MODEL,
}
THIRD_PARTY = {"solver": {"z3"}, "testing": {"hypothesis"}}


def _layer(path: Path) -> str:
    part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    return "model" if part in MODEL else part


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


MODULES = [
    p
    for p in sorted(PACKAGE.rglob("*.py"))
    if _layer(p) in ALLOWED and p.name != "__main__.py"
]


@pytest.mark.parametrize(
    "path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_imports_stay_within_the_layers_below(path: Path) -> None:
    layer = _layer(path)
    for name in _imports(path):
        top = name.split(".")[0]
        if top == "amphora_sets":
            parts = name.split(".")
            target = parts[1] if len(parts) > 1 else "__init__"
            target = "model" if target in MODEL - {"errors"} else target
            allowed = ALLOWED[layer] | (
                {"model"} if layer != "registry" else set()
            )
            assert target in allowed or target == "errors", (
                f"{path.name} ({layer}) imports {name}"
            )
        elif top in {"z3", "hypothesis"}:
            assert top in THIRD_PARTY.get(layer, set()), (
                f"{path.name} ({layer}) imports {top}"
            )


def test_every_module_is_in_a_layer() -> None:
    assert {_layer(p) for p in MODULES} == set(ALLOWED)
