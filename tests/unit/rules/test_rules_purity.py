"""rules/ stays pure: no Plone, no Zope, nothing of mgops.caseflow outside rules/."""

import ast
import sys
from pathlib import Path

import pytest

import mgops.caseflow.rules


RULES = Path(mgops.caseflow.rules.__file__).parent
ALLOWED_THIRD_PARTY = {"holidays", "stdnum"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda p: p.name)
def test_rules_modules_import_no_plone_and_nothing_outside_rules(path):
    for module in imported_modules(path):
        top = module.split(".")[0]
        allowed = (
            top in sys.stdlib_module_names
            or top in ALLOWED_THIRD_PARTY
            or module.startswith("mgops.caseflow.rules")
        )
        assert allowed, f"{path.name} imports {module}"
