"""Each message id has one English default, so the .po file can translate it once."""

import ast
from pathlib import Path

import mgops.caseflow.core.rules
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS


RULES = Path(mgops.caseflow.core.rules.__file__).parent


def violation_defaults():
    """(message id, default) of every literal RuleViolation raised in rules/."""
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "RuleViolation"
                and len(node.args) >= 2
                and all(isinstance(arg, ast.Constant) for arg in node.args[:2])
            ):
                yield node.args[0].value, node.args[1].value


def test_rule_message_ids_have_a_single_english_default():
    defaults = {}
    for rule, default in violation_defaults():
        assert defaults.setdefault(rule, default) == default, rule
    for rule, default in OBLIGATION_TEXTS.items():
        assert defaults.setdefault(rule, default) == default, rule


def test_rule_message_ids_are_named_after_a_rule():
    ids = {rule for rule, _ in violation_defaults()} | set(OBLIGATION_TEXTS)
    assert len(ids) >= 15
    assert all(rule.startswith("rule_") for rule in ids)
