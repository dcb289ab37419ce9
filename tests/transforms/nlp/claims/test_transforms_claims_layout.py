"""The claims package imports one way: each module only from those listed before it in the package docstring."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import transforms.nlp.claims as claims

PACKAGE_DIR = Path(claims.__file__).parent


def _documented_order() -> list[str]:
    return re.findall(r"^\* ``(\w+)``:", claims.__doc__, re.MULTILINE)


def _package_imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8"))
    prefix = "transforms.nlp.claims."
    return {
        node.module.removeprefix(prefix)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix)
    }


def test_every_module_is_documented():
    modules = sorted(path.stem for path in PACKAGE_DIR.glob("*.py") if path.stem != "__init__")
    assert sorted(_documented_order()) == modules


def test_modules_import_only_those_documented_before_them():
    order = _documented_order()
    for position, module in enumerate(order):
        assert _package_imports(module) <= set(order[:position]), module


def test_the_public_api_is_re_exported():
    assert set(claims.__all__) == {"Claim", "extract_claims"}
    assert claims.extract_claims.__module__ == "transforms.nlp.claims.extract"
