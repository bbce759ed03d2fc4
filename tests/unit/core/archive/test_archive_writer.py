"""The package the writer makes: layout, validity, manifest, determinism, refusals."""

import dataclasses
import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import ArchiveSettings
from mgops.caseflow.core.archive import Attachment
from mgops.caseflow.core.archive import DirectoryTarget
from mgops.caseflow.core.archive import DiscardTarget
from mgops.caseflow.core.archive import Signature
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive import write_package
from mgops.caseflow.core.archive.validation import NAMESPACE
from mgops.caseflow.core.archive.validation import OWN_SCHEMA_DIR


CF = {"cf": NAMESPACE}
NDAP = {"n": "http://www.mswia.gov.pl/standardy/ndap"}
SIGNED_DECISION = "dokumenty/AR.4010.12.2026/decyzja-" + "d1" * 16 + ".xades.xml"


@pytest.fixture
def package(export_dir, sample_records) -> Path:
    return export_dir(sample_records)


def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def _assert_valid(schema: etree.XMLSchema, path: Path) -> None:
    assert schema.validate(etree.parse(str(path))), f"{path}: {schema.error_log}"


def _replace_document(records, index, **changes):
    first = records[0]
    documents = list(first.documents)
    documents[index] = dataclasses.replace(documents[index], **changes)
    return [dataclasses.replace(first, documents=tuple(documents)), *records[1:]]


# -- layout -----------------------------------------------------------------


def test_the_package_has_the_archive_layout_with_no_folder_around_it(package):
    assert {path.name for path in package.iterdir()} == {
        "dokumenty",
        "metadane",
        "sprawy",
        "schemas",
        "spis-zdawczo-odbiorczy.xml",
        "manifest.xml",
    }
    assert sorted(p.name for p in (package / "sprawy").iterdir()) == [
        "AR.4010.12.2026.xml",
        "AR.4010.13.2026.xml",
    ]


def test_every_item_in_dokumenty_has_one_metadata_file_named_after_it(package):
    items = {
        p.relative_to(package / "dokumenty").as_posix()
        for p in (package / "dokumenty").rglob("*")
        if p.is_file()
    }
    metadata = {
        p.relative_to(package / "metadane").as_posix()
        for p in (package / "metadane").rglob("*")
        if p.is_file()
    }
    assert metadata == {f"{item}.xml" for item in items}
    # 10 + 1 documents, 1 signed decision, 3 + 1 attachments
    assert len(items) == 16


def test_attachments_are_their_original_bytes_under_safe_names(package, sample_records):
    folder = package / "dokumenty" / "AR.4010.12.2026" / ("wywiad-" + "a1" * 16)
    interview = sample_records[0].documents[0]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "Skan wywiadu (1)-2.PDF",
        "skan wywiadu (1).pdf",
        "zdjęcie_mieszkania.PNG",
    ]
    by_name = {
        "skan wywiadu (1).pdf": interview.attachments[0],
        "zdjęcie_mieszkania.PNG": interview.attachments[1],
        "Skan wywiadu (1)-2.PDF": interview.attachments[2],
    }
    for name, attachment in by_name.items():
        assert (folder / name).read_bytes() == attachment.content


def test_an_attachment_given_as_an_opener_is_streamed_in_whole(package, sample_records):
    attachment = sample_records[1].documents[0].attachments[0]
    path = package / "dokumenty/AR.4010.13.2026" / ("notatka-" + "a2" * 16) / "list.txt"
    assert path.read_bytes() == b"".join(attachment.chunks())


# -- validity ---------------------------------------------------------------


def test_every_metadata_file_is_valid_against_the_shared_ndap_schema(package, ndap_dir):
    schema = _schema(ndap_dir / "metadane.xsd")
    files = [p for p in (package / "metadane").rglob("*") if p.is_file()]
    assert len(files) == 16
    for path in files:
        _assert_valid(schema, path)


def test_the_handover_list_is_valid_with_one_entry_per_family_file(package, ndap_dir):
    path = package / "spis-zdawczo-odbiorczy.xml"
    _assert_valid(_schema(ndap_dir / "spis-zdawczo-odbiorczy.xsd"), path)
    root = etree.parse(str(path)).getroot()
    entries = [
        (
            entry.findtext("n:LiczbaPorzadkowa", namespaces=NDAP),
            entry.findtext("n:ZnakSprawy", namespaces=NDAP),
            entry.findtext("n:DataWszczecia", namespaces=NDAP),
            entry.findtext("n:DataZakonczenia", namespaces=NDAP),
            entry.findtext("n:LiczbaDokumentow", namespaces=NDAP),
        )
        for entry in root.iterfind("n:Sprawa", NDAP)
    ]
    assert entries == [
        ("1", "AR.4010.12.2026", "2026-01-02", "2026-12-15", "10"),
        ("2", "AR.4010.13.2026", "2026-02-01", "2026-10-01", "1"),
    ]


def test_documents_cases_and_manifest_are_valid_against_the_shipped_xsds(package):
    shipped = package / "schemas"
    document = _schema(shipped / "caseflow-document.xsd")
    case = _schema(shipped / "caseflow-case.xsd")
    documents = [
        p
        for p in (package / "dokumenty").rglob("*.xml")
        if not p.name.endswith(".xades.xml")
    ]
    assert len(documents) == 11
    for path in documents:
        _assert_valid(document, path)
    for path in (package / "sprawy").iterdir():
        _assert_valid(case, path)
    _assert_valid(_schema(shipped / "caseflow-manifest.xsd"), package / "manifest.xml")


def test_the_package_ships_the_project_xsds_and_the_ndap_ones(package, ndap_dir):
    for name in (
        "caseflow-common.xsd",
        "caseflow-document.xsd",
        "caseflow-case.xsd",
        "caseflow-manifest.xsd",
    ):
        assert (package / "schemas" / name).read_bytes() == (
            OWN_SCHEMA_DIR / name
        ).read_bytes()
    for name in ("metadane.xsd", "spis-zdawczo-odbiorczy.xsd"):
        assert (package / "schemas/ndap" / name).read_bytes() == (
            ndap_dir / name
        ).read_bytes()


# -- manifest ---------------------------------------------------------------


def test_the_manifest_lists_every_other_file_with_size_and_sha256(package, files_of):
    root = etree.parse(str(package / "manifest.xml")).getroot()
    listed = {
        element.get("path"): (int(element.get("size")), element.get("sha256"))
        for element in root.iterfind("cf:file", CF)
    }
    files = files_of(package)
    del files["manifest.xml"]
    assert listed == {
        path: (len(data), hashlib.sha256(data).hexdigest())
        for path, data in files.items()
    }
    assert root.findtext("cf:exportedAt", namespaces=CF) == "2027-03-01T12:00:00+00:00"


# -- signed decisions -------------------------------------------------------


def test_a_signed_decision_is_written_byte_for_byte(package, signed_decision_xml):
    assert (package / SIGNED_DECISION).read_bytes() == signed_decision_xml


def test_a_signed_decision_still_verifies_with_the_project_verifier(
    package, unsigned_decision_xml, head_pki
):
    from mgops.caseflow.core.signing.verify import verify

    result = verify(
        (package / SIGNED_DECISION).read_bytes(),
        unsigned_decision_xml,
        [head_pki.ca_certificate],
        [head_pki.certificate],
    )
    assert result.signer_common_name.startswith("Marek Wiśniewski")


def test_a_signed_decision_still_verifies_with_xmlsec1(package, head_pki, tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    xmlsec1 = shutil.which("xmlsec1")
    assert xmlsec1, "xmlsec1 is not installed (Debian package: xmlsec1)"
    trusted = tmp_path / "ca.pem"
    trusted.write_bytes(head_pki.ca_certificate.public_bytes(Encoding.PEM))
    completed = subprocess.run(
        [
            xmlsec1,
            "--verify",
            "--trusted-pem",
            str(trusted),
            str(package / SIGNED_DECISION),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr


# -- progress and determinism -----------------------------------------------


def test_progress_reports_family_files_and_documents_done(export_dir, sample_records):
    calls = []
    export_dir(
        sample_records,
        progress=lambda files, documents: calls.append((files, documents)),
    )
    assert calls == [(1, 10), (2, 11)]


def test_the_same_records_give_the_same_zip_bytes(export_zip, sample_records):
    assert export_zip(sample_records) == export_zip(sample_records)


def test_only_the_manifest_time_depends_on_when_the_export_ran(
    export_dir, sample_records, files_of
):
    import datetime as dt

    first = files_of(export_dir(sample_records))
    later = files_of(
        export_dir(sample_records, exported_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    )
    changed = [path for path in first if first[path] != later[path]]
    assert changed == ["manifest.xml"]
    difference = [
        (a, b)
        for a, b in zip(
            first["manifest.xml"].splitlines(),
            later["manifest.xml"].splitlines(),
            strict=True,
        )
        if a != b
    ]
    assert len(difference) == 1
    assert b"<exportedAt>" in difference[0][0]


def test_the_zip_holds_the_same_files_as_the_directory(
    export_zip, export_dir, sample_records, files_of
):
    with zipfile.ZipFile(io.BytesIO(export_zip(sample_records))) as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    assert zipped == files_of(export_dir(sample_records))


def test_a_dry_run_validates_everything_and_writes_nothing(
    sample_records, schemas, settings
):
    target = DiscardTarget()
    summary = write_package(
        iter(sample_records), target, schemas=schemas, settings=settings
    )
    assert (summary.family_files, summary.documents) == (2, 11)
    assert summary.files == 6 + 16 + 16 + 2 + 1 + 1
    assert target.bytes == summary.bytes


# -- refusals: nothing is offered --------------------------------------------


def test_a_failed_export_leaves_no_directory(
    tmp_path, sample_records, schemas, settings
):
    unended = dataclasses.replace(sample_records[1], ended=None)
    with pytest.raises(ArchiveError) as raised:
        write_package(
            [sample_records[0], unended],
            DirectoryTarget(tmp_path / "paczka"),
            schemas=schemas,
            settings=settings,
        )
    assert raised.value.msgid == "archive_file_not_ended"
    assert raised.value.mapping == {"reference": "AR.4010.13.2026"}
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_zip_file(
    tmp_path, sample_records, schemas, settings
):
    unended = dataclasses.replace(sample_records[1], ended=None)
    with pytest.raises(ArchiveError):
        write_package(
            [sample_records[0], unended],
            ZipTarget(tmp_path / "paczka.zip"),
            schemas=schemas,
            settings=settings,
        )
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_to_a_stream_is_no_readable_zip(
    sample_records, schemas, settings, non_seekable_sink
):
    sink = non_seekable_sink()
    unended = dataclasses.replace(sample_records[1], ended=None)
    with pytest.raises(ArchiveError):
        write_package(
            [sample_records[0], unended],
            ZipTarget(sink),
            schemas=schemas,
            settings=settings,
        )
    assert sink.written > 0
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(bytes(sink.data)))


def test_nothing_to_export_is_refused(tmp_path, schemas, settings):
    with pytest.raises(ArchiveError) as raised:
        write_package(
            [], DirectoryTarget(tmp_path / "p"), schemas=schemas, settings=settings
        )
    assert raised.value.msgid == "archive_empty"


def test_two_family_files_with_the_same_case_reference_are_refused(
    export_dir, sample_records
):
    twin = dataclasses.replace(
        sample_records[1], uid="3c" * 16, case_reference="ar.4010.12.2026"
    )
    with pytest.raises(ArchiveError) as raised:
        export_dir([sample_records[0], twin])
    assert raised.value.msgid == "archive_duplicate_path"


def test_the_same_document_twice_in_a_file_is_refused(export_dir, sample_records):
    first = sample_records[0]
    doubled = dataclasses.replace(
        first, documents=(*first.documents, first.documents[0])
    )
    with pytest.raises(ArchiveError) as raised:
        export_dir([doubled])
    assert raised.value.msgid == "archive_duplicate_document"


@pytest.mark.parametrize(
    "attachment",
    [
        Attachment(
            "a.pdf", "application/pdf", 3, hashlib.sha256(b"abc").hexdigest(), b"abd"
        ),
        Attachment(
            "a.pdf", "application/pdf", 2, hashlib.sha256(b"abc").hexdigest(), b"abc"
        ),
        Attachment(
            "a.pdf", "application/pdf", 4, hashlib.sha256(b"abc").hexdigest(), b"abc"
        ),
    ],
    ids=["other-bytes", "longer-than-announced", "shorter-than-announced"],
)
def test_an_attachment_that_does_not_match_its_checksum_is_refused(
    export_dir, sample_records, attachment
):
    records = _replace_document(sample_records, 3, attachments=(attachment,))
    with pytest.raises(ArchiveError) as raised:
        export_dir(records)
    assert raised.value.msgid == "archive_attachment_mismatch"


def test_text_that_xml_cannot_hold_is_refused(export_dir, sample_records):
    records = _replace_document(sample_records, 3, fields={"content": "bell \x07"})
    with pytest.raises(ArchiveError) as raised:
        export_dir(records)
    assert raised.value.msgid == "archive_invalid_field_text"
    assert raised.value.mapping == {"field": "content", "uid": "c1" * 16}


def test_a_title_that_xml_cannot_hold_is_refused(export_dir, sample_records):
    records = _replace_document(sample_records, 3, title="nul \x00")
    with pytest.raises(ArchiveError) as raised:
        export_dir(records)
    assert raised.value.msgid == "archive_invalid_text"
    assert raised.value.mapping == {"where": "c1" * 16}


def test_a_signed_xml_with_a_doctype_is_refused(export_dir, sample_records):
    hostile = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'
    signature = Signature(hostile, "2/2026", sample_records[0].social_worker)
    records = _replace_document(sample_records, 1, signature=signature)
    with pytest.raises(ArchiveError) as raised:
        export_dir(records)
    assert raised.value.msgid == "archive_hostile_xml"


def test_invalid_metadata_is_caught_by_the_schema_before_it_is_written(
    export_dir, sample_records, settings
):
    wrong = dataclasses.replace(settings, access="everything")
    with pytest.raises(ArchiveError) as raised:
        export_dir(sample_records, settings=wrong)
    assert raised.value.msgid == "archive_invalid_xml"
    assert raised.value.mapping["schema"] == "metadane.xsd"


def test_a_target_directory_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ArchiveError) as raised:
        DirectoryTarget(tmp_path)
    assert raised.value.msgid == "archive_target_not_empty"


def test_missing_ndap_schemas_are_reported(tmp_path):
    from mgops.caseflow.core.archive import ArchiveSchemas

    with pytest.raises(ArchiveError) as raised:
        ArchiveSchemas(tmp_path)
    assert raised.value.msgid == "archive_schemas_missing"
    assert raised.value.mapping["name"] == "metadane.xsd"


def test_settings_default_to_metadata_only_access():
    from mgops.caseflow.core.archive import Institution

    settings = ArchiveSettings(Institution("MGOPS"))
    assert settings.access == "metadane"
    assert settings.category_for("Note", "B10") == "B10"


def test_two_documents_that_would_share_a_file_are_refused(export_dir, sample_records):
    # A decision's signed XML is <stem>.xades.xml; a UID ending in ".xades" would
    # give another decision that very name.
    first = sample_records[0]
    signed = first.documents[2]
    clash = dataclasses.replace(
        first.documents[1], uid=signed.uid + ".xades", signature=None
    )
    record = dataclasses.replace(first, documents=(signed, clash))
    with pytest.raises(ArchiveError) as raised:
        export_dir([record])
    assert raised.value.msgid == "archive_duplicate_path"
    assert raised.value.mapping["path"].endswith(".xades.xml")
