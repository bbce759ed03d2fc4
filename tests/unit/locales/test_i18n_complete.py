"""Every message a user can read has a Polish translation in locales/pl."""

import ast
import re
from pathlib import Path

import pytest
from lxml import etree

import mgops.caseflow
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS


PACKAGE = Path(mgops.caseflow.__file__).parent
LC_MESSAGES = PACKAGE / "locales" / "pl" / "LC_MESSAGES"
#: exception classes whose first argument is a message id
MESSAGE_EXCEPTIONS = {
    "RuleViolation",
    "SignatureError",
    "ArchiveError",
    "CaseflowError",
    "NotAllowed",
}


def po_translations(domain):
    text = (LC_MESSAGES / f"{domain}.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, flags=re.M)
    return {msgid: msgstr for msgid, msgstr in pairs if msgid}


def message_ids_in_code():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
                continue
            if name == "_" or name in MESSAGE_EXCEPTIONS:
                yield path.relative_to(PACKAGE), first.value
    for rule in OBLIGATION_TEXTS:
        yield Path("core/rules/obligations.py"), rule


def fti_texts():
    for path in sorted((PACKAGE / "profiles" / "default" / "types").glob("*.xml")):
        for prop in etree.parse(str(path)).iter("property"):
            if prop.get("name") in ("title", "description"):
                yield prop.text.strip()


def workflow_titles():
    for path in sorted((PACKAGE / "profiles" / "default" / "workflows").rglob("*.xml")):
        text = path.read_text()
        yield from re.findall(r'<(?:state|transition) [^>]*?title="([^"]+)"', text)
        yield from re.findall(r'<dc-workflow [^>]*?title="([^"]+)"', text)


def test_every_message_id_in_code_is_translated():
    translated = po_translations("mgops.caseflow")
    missing = sorted(
        {
            f"{where}: {msgid}"
            for where, msgid in message_ids_in_code()
            if not translated.get(msgid)
        }
    )
    assert missing == []


def test_message_ids_are_found_at_all():
    ids = {msgid for _, msgid in message_ids_in_code()}
    assert {
        "label_pesel",
        "rule_pesel_checksum",
        "role_head",
        "rule_caseload_limit",
    } <= ids


@pytest.mark.parametrize("text", sorted(set(fti_texts())))
def test_type_titles_and_descriptions_are_translated(text):
    assert po_translations("mgops.caseflow").get(text)


@pytest.mark.parametrize("title", sorted(set(workflow_titles())))
def test_workflow_states_and_transitions_are_translated(title):
    # Plone shows state and transition titles through its own "plone" domain.
    assert po_translations("plone").get(title)


def test_translations_keep_their_placeholders():
    translated = po_translations("mgops.caseflow")
    text = (LC_MESSAGES / "mgops.caseflow.po").read_text(encoding="utf-8")
    with_default = re.findall(r'^#\. Default: "(.*)"\nmsgid "(.*)"$', text, flags=re.M)
    assert with_default
    for default, msgid in with_default:
        placeholders = set(re.findall(r"\$\{\w+\}", default))
        assert placeholders == set(re.findall(r"\$\{\w+\}", translated[msgid])), msgid
