"""The plain records and the archive's error messages."""

import ast
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from mgops.caseflow.core.archive import KIND_BY_PORTAL_TYPE
from mgops.caseflow.core.archive import MESSAGES
from mgops.caseflow.core.archive import Address
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import Attachment
from mgops.caseflow.core.archive import DocumentRecord
from mgops.caseflow.core.archive import FamilyFileRecord
from mgops.caseflow.core.archive import Signature
from mgops.caseflow.core.archive import Staff


STAFF = Staff("u", "Jan", "Kowal", "SocialWorker")
NOW = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)


def _document(**changes):
    values = {
        "uid": "u1",
        "portal_type": "Note",
        "title": "t",
        "creator": STAFF,
        "created": NOW,
        "modified": NOW,
        "state": "draft",
    }
    values.update(changes)
    return DocumentRecord(**values)


def test_each_type_has_its_archival_kind():
    assert KIND_BY_PORTAL_TYPE == {
        "Interview": "wywiad",
        "Contract": "kontrakt",
        "Plan": "plan",
        "Assessment": "ocena",
        "Note": "notatka",
        "Decision": "decyzja",
    }
    assert _document(portal_type="Assessment").kind == "ocena"


def test_an_unknown_type_is_refused():
    with pytest.raises(ArchiveError) as raised:
        _document(portal_type="Folder")
    assert raised.value.msgid == "archive_unknown_portal_type"
    assert (
        raised.value.text
        == "Document u1 has the type Folder, which cannot be archived."
    )


def test_only_a_decision_carries_a_signature():
    signature = Signature(b"<x/>", "1/2026", STAFF)
    assert _document(portal_type="Decision", signature=signature).signature == signature
    with pytest.raises(ArchiveError) as raised:
        _document(portal_type="Note", signature=signature)
    assert raised.value.msgid == "archive_signature_not_decision"


def test_a_family_file_path_is_standard_or_za_zyciem():
    values = {
        "uid": "f",
        "case_reference": "AR.4010.1.2026",
        "title": "t",
        "family_name": "n",
        "address": Address("s", "00-000", "c"),
        "social_worker": STAFF,
        "opened": dt.date(2026, 1, 1),
        "jrwa_class": "4010",
        "jrwa_title": "Asystent rodziny",
        "archival_category": "B10",
        "state": "closed",
    }
    assert FamilyFileRecord(path="za_zyciem", **values).path == "za_zyciem"
    with pytest.raises(ArchiveError) as raised:
        FamilyFileRecord(path="other", **values)
    assert raised.value.msgid == "archive_unknown_family_path"


@pytest.mark.parametrize(
    "value",
    [1, 1.5, {"a": 1}, {1, 2}, [1, 2], ["a", {"b": "c"}], [{"a": ["nested"]}], b"x"],
)
def test_a_value_that_cannot_be_archived_is_refused(value):
    with pytest.raises(ArchiveError) as raised:
        _document(fields={"field": value})
    assert raised.value.msgid == "archive_unsupported_value"


def test_fields_are_copied_into_lists_and_dicts_in_their_order():
    document = _document(
        fields={
            "z": ("a", "b"),
            "a": ({"k": True},),
            "m": None,
            "d": dt.date(2026, 1, 1),
        }
    )
    assert list(document.fields) == ["z", "a", "m", "d"]
    assert document.fields["z"] == ["a", "b"]
    assert document.fields["a"] == [{"k": True}]


def test_an_attachment_checksum_must_be_sha256_hex():
    with pytest.raises(ArchiveError) as raised:
        Attachment("a.pdf", "application/pdf", 1, "ABC", b"x")
    assert raised.value.msgid == "archive_invalid_checksum"


def test_attachment_content_streams_in_chunks_and_takes_no_part_in_equality():
    data = bytes(range(256)) * 600
    from_bytes = Attachment.from_bytes("a.bin", "application/octet-stream", data)
    chunks = list(from_bytes.chunks())
    assert b"".join(chunks) == data
    assert max(len(chunk) for chunk in chunks) <= 64 * 1024
    opened = Attachment(
        "a.bin",
        "application/octet-stream",
        len(data),
        hashlib.sha256(data).hexdigest(),
        lambda: iter([data[:10], data[10:]]),
    )
    assert b"".join(opened.chunks()) == data
    assert opened == from_bytes


def test_an_error_fills_its_placeholders():
    error = ArchiveError("archive_checksum_mismatch", path="dokumenty/a.xml")
    assert error.mapping == {"path": "dokumenty/a.xml"}
    assert str(error) == (
        "dokumenty/a.xml does not match the size or checksum given in the manifest."
    )


def test_an_error_must_be_given_exactly_its_placeholders():
    with pytest.raises(TypeError):
        ArchiveError("archive_checksum_mismatch")
    with pytest.raises(TypeError):
        ArchiveError("archive_empty", path="x")


def test_every_message_is_raised_somewhere_and_every_raise_has_a_message():
    package = Path(__file__).resolve().parents[4] / "src/mgops/caseflow/core/archive"
    raised = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "ArchiveError"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                raised.add(node.args[0].value)
    assert raised == set(MESSAGES)
