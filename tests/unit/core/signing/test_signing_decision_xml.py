"""The decision XML: deterministic, valid against its XSD, fit to be signed."""

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from mgops.caseflow.core.signing.decision_xml import NAMESPACE
from mgops.caseflow.core.signing.decision_xml import DecisionData
from mgops.caseflow.core.signing.decision_xml import DecisionKind
from mgops.caseflow.core.signing.decision_xml import decision_schema
from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.errors import SignatureError


def _find(root, path: str) -> str | None:
    element = root.find(path, {"d": NAMESPACE})
    return None if element is None else element.text


def test_rendering_is_valid_against_the_xsd(unsigned):
    decision_schema().assertValid(etree.fromstring(unsigned))


def test_rendering_carries_every_field_in_its_own_namespace(decision, unsigned):
    root = etree.fromstring(unsigned)
    assert root.tag == f"{{{NAMESPACE}}}decision"
    assert _find(root, "d:registerNumber") == "7/2026"
    assert _find(root, "d:date") == "2026-03-02"
    assert _find(root, "d:kind") == "assign_assistant"
    assert _find(root, "d:familyFile/d:caseReference") == "AR.4010.12.2026"
    assert _find(root, "d:familyFile/d:familyName") == "Wiśniewscy"
    assert _find(root, "d:assistant") == "Jan Nowak"
    assert _find(root, "d:legalBasis") == decision.legal_basis
    assert _find(root, "d:content") == decision.content
    assert _find(root, "d:justification") == decision.justification
    assert _find(root, "d:signer/d:name") == "Anna Kierownik"
    assert _find(root, "d:signer/d:post") == decision.signer_post
    assert _find(root, "d:uid") == decision.uid


def test_rendering_has_no_xml_lang_anywhere(unsigned):
    root = etree.fromstring(unsigned)
    assert not root.xpath("//@xml:lang")


def test_same_decision_renders_to_the_same_bytes(decision):
    copy = dataclasses.replace(decision)
    assert render_decision_xml(decision) == render_decision_xml(copy)


def test_kind_is_taken_as_its_string():
    assert DecisionKind("end_work") is DecisionKind.END_WORK


def test_end_of_work_needs_neither_assistant_nor_justification(decision):
    ending = dataclasses.replace(
        decision, kind="end_work", assistant_name="", justification=""
    )
    root = etree.fromstring(render_decision_xml(ending))
    assert _find(root, "d:kind") == "end_work"
    assert _find(root, "d:assistant") is None
    assert _find(root, "d:justification") is None


def test_windows_line_endings_render_as_plain_newlines(decision):
    typed = dataclasses.replace(decision, content="Pierwsza linia\r\nDruga linia")
    assert b"Pierwsza linia\nDruga linia<" in render_decision_xml(typed)


def test_assignment_without_assistant_is_refused(decision):
    with pytest.raises(SignatureError) as raised:
        dataclasses.replace(decision, assistant_name=" ")
    assert raised.value.reason == "decision_assistant_required"


@pytest.mark.parametrize("field", ["register_number", "content", "signer_post"])
def test_blank_required_field_is_refused(decision, field):
    with pytest.raises(SignatureError) as raised:
        dataclasses.replace(decision, **{field: "  \n"})
    assert raised.value.reason == "decision_field_required"
    assert raised.value.mapping == {"field": field}


def test_characters_xml_cannot_hold_are_refused(decision):
    with pytest.raises(SignatureError) as raised:
        dataclasses.replace(decision, justification="bell\x07")
    assert raised.value.reason == "decision_field_invalid_characters"


_xml_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff"
    ).filter(lambda c: c in "\t\n" or c >= " "),
    min_size=1,
).filter(str.strip)


@given(content=_xml_text, family_name=_xml_text, date=st.dates())
def test_any_decision_renders_deterministically_and_validly(content, family_name, date):
    decision = DecisionData(
        uid="u",
        register_number="1/2026",
        date=date,
        kind=DecisionKind.OTHER,
        case_reference="AR.4010.1.2026",
        family_name=family_name,
        legal_basis="art. 1",
        content=content,
        signer_name="A",
        signer_post="B",
    )
    rendered = render_decision_xml(decision)
    assert rendered == render_decision_xml(decision)
    root = etree.fromstring(rendered)
    decision_schema().assertValid(root)
    assert _find(root, "d:content") == content
    assert _find(root, "d:familyFile/d:familyName") == family_name
    assert _find(root, "d:date") == date.isoformat()


def test_a_datetime_is_not_a_decision_date(decision):
    with pytest.raises(etree.DocumentInvalid):
        render_decision_xml(
            dataclasses.replace(decision, date=datetime.datetime(2026, 3, 2, 12, 0))
        )
