"""The project's document XML: complete, valid, deterministic, and its own inverse."""

import dataclasses
import datetime as dt

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from mgops.caseflow.core.archive import DocumentRecord
from mgops.caseflow.core.archive import Staff
from mgops.caseflow.core.archive.document_xml import build_document
from mgops.caseflow.core.archive.document_xml import read_document
from mgops.caseflow.core.archive.layout import DocumentPaths
from mgops.caseflow.core.archive.validation import DOCUMENT
from mgops.caseflow.core.archive.validation import NAMESPACE
from mgops.caseflow.core.archive.xml_common import to_bytes


CF = {"cf": NAMESPACE}
STAFF = Staff("u", "Jan", "Kowal", "FamilyAssistant")


def _paths(document) -> DocumentPaths:
    return DocumentPaths(
        document=f"dokumenty/X/{document.kind}-{document.uid}.xml",
        signature=None,
        attachments=tuple(
            f"dokumenty/X/a{n}" for n in range(len(document.attachments))
        ),
    )


def _round_trip(document, schemas) -> tuple[bytes, DocumentRecord]:
    root = build_document(document, case_reference="AR.1", paths=_paths(document))
    schemas.validate(DOCUMENT, root, path="test")
    data = to_bytes(root)
    back = etree.fromstring(data)
    schemas.validate(DOCUMENT, back, path="test")
    return data, read_document(
        back, open_file=lambda *args: lambda: iter(()), read_file=lambda path: b""
    )


def test_the_document_xml_carries_fields_history_and_attachments(
    sample_records, schemas
):
    interview = sample_records[0].documents[0]
    data, _back = _round_trip(interview, schemas)
    root = etree.fromstring(data)
    assert [e.get("name") for e in root.find("cf:fields", CF)] == list(interview.fields)
    assert [etree.QName(e).localname for e in root.find("cf:fields", CF)] == [
        "date",
        "text",
        "text",
        "boolean",
        "text",
        "empty",
    ]
    events = root.findall("cf:history/cf:event", CF)
    assert [e.findtext("cf:action", namespaces=CF) for e in events] == [
        "create",
        "finalize",
    ]
    attachments = root.findall("cf:attachments/cf:attachment", CF)
    assert [
        (a.findtext("cf:fileName", namespaces=CF), a.get("sha256"), a.get("size"))
        for a in attachments
    ] == [(a.filename, a.sha256, str(a.size)) for a in interview.attachments]


def test_every_sample_document_reads_back_equal(sample_records, schemas):
    for record in sample_records:
        for document in record.documents:
            if document.signature is None:
                assert _round_trip(document, schemas)[1] == document


def _signed_round_trip(document, schemas):
    paths = DocumentPaths(
        document=f"dokumenty/X/{document.kind}-{document.uid}.xml",
        signature=f"dokumenty/X/{document.kind}-{document.uid}.xades.xml",
        attachments=(),
    )
    root = build_document(document, case_reference="AR.4010.12.2026", paths=paths)
    schemas.validate(DOCUMENT, root, path="test")
    signed = document.signature.signed_xml
    return root, read_document(
        etree.fromstring(to_bytes(root)),
        open_file=lambda *args: lambda: iter(()),
        read_file=lambda path: signed,
    )


def _signed_decision(sample_records):
    return next(
        document
        for record in sample_records
        for document in record.documents
        if document.signature is not None
    )


def test_a_signature_keeps_the_number_it_signed_beside_the_register_number(
    sample_records, schemas
):
    """Signed before the register had numbers of its own (upgrade 1012)."""
    decision = _signed_decision(sample_records)
    decision = dataclasses.replace(
        decision,
        attachments=(),
        signature=dataclasses.replace(
            decision.signature, signed_number="AR.4010.1.2026"
        ),
    )
    root, back = _signed_round_trip(decision, schemas)
    assert root.findtext("cf:signature/cf:registerNumber", namespaces=CF) == "1/2026"
    assert (
        root.findtext("cf:signature/cf:signedNumber", namespaces=CF) == "AR.4010.1.2026"
    )
    assert back.signature == decision.signature


def test_a_signature_of_the_register_number_has_no_signed_number(
    sample_records, schemas
):
    decision = dataclasses.replace(_signed_decision(sample_records), attachments=())
    root, back = _signed_round_trip(decision, schemas)
    assert root.find("cf:signature/cf:signedNumber", CF) is None
    assert back.signature.signed_number == ""


def test_rendering_is_deterministic(sample_records, schemas):
    contract = sample_records[0].documents[3]
    assert _round_trip(contract, schemas)[0] == _round_trip(contract, schemas)[0]


# -- any plain value survives the trip -----------------------------------------

_xml_characters = st.characters(
    codec="utf-8",
    exclude_categories=("Cs",),
).filter(
    lambda c: (
        c in "\t\n\r"
        or "\x20" <= c <= "\ud7ff"
        or "\ue000" <= c <= "\ufffd"
        or c >= "\U00010000"
    )
)
_texts = st.text(_xml_characters, max_size=40)
_offsets = st.integers(-14 * 60, 14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
_datetimes = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1),
    timezones=st.none() | _offsets,
)  # fmt: skip
_scalars = st.none() | st.booleans() | _texts | st.dates(dt.date(1, 1, 1)) | _datetimes
_values = (
    _scalars
    | st.lists(_texts, max_size=4)
    | st.lists(
        st.dictionaries(_texts, _scalars, min_size=1, max_size=4),
        min_size=1,
        max_size=3,
    )
)


@hypothesis_settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.dictionaries(_texts, _values, max_size=6), title=_texts)
def test_any_plain_field_values_come_back_exactly(fields, title, schemas):
    document = DocumentRecord(
        uid="u",
        portal_type="Plan",
        title=title,
        creator=STAFF,
        created=dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC),
        modified=dt.datetime(2026, 1, 1, 9, 30, 15, 123456),
        state="draft",
        fields=fields,
    )
    back = _round_trip(document, schemas)[1]
    assert back == document
    assert list(back.fields) == list(document.fields)
    for name, value in document.fields.items():
        assert type(back.fields[name]) is type(value)
