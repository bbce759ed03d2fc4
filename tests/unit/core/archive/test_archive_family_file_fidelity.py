"""What the family file holds itself travels too: urgency, when the centre
learned of the family, its description, its own dates, an address as
entered, a file with no named social worker, and its own files (the
"Za życiem" medical certificate) in dokumenty/ with their NDAP metadata."""

import datetime as dt
import hashlib
import io
from dataclasses import replace

import pytest
from lxml import etree

from mgops.caseflow.core.archive import Address
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import Attachment
from mgops.caseflow.core.archive import read_package
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.core.archive.validation import NDAP_NAMESPACE

from .conftest import WARSAW


CERTIFICATE = b"%PDF-1.7\n" + "zaświadczenie".encode() * 300


@pytest.fixture
def full_records(sample_records):
    """The sample, with every family-file field set to something not default."""
    first, second = sample_records
    first = replace(
        first,
        description="Akta przejęte z innego ośrodka.\nDwie teczki.",
        urgent=True,
        learned_on=dt.date(2025, 12, 30),
        created=dt.datetime(2026, 1, 2, 8, 15, 30, 125000, tzinfo=WARSAW),
        modified=dt.datetime(2026, 12, 15, 14, 0, tzinfo=WARSAW),
        address=Address(
            "ul. Lipowa 5/3", "00-950", "Przykładowo", "ul. Lipowa 5/3\n00-950  Przykł."
        ),
    )
    second = replace(
        second,
        social_worker_named=False,
        learned_on=dt.date(2026, 1, 31),
        created=dt.datetime(2026, 2, 1, 9, 0, tzinfo=WARSAW),
        modified=dt.datetime(2026, 10, 1, 9, 0, tzinfo=WARSAW),
        attachments=(
            Attachment.from_bytes(
                "zaświadczenie lekarskie.pdf",
                "application/pdf",
                CERTIFICATE,
                field="medical_certificate",
            ),
            Attachment.from_bytes("akta.pdf", "application/pdf", b"%PDF-1.4\n"),
        ),
        documents=tuple(
            replace(
                document,
                attachments=tuple(
                    replace(a, field="attachment") for a in document.attachments
                ),
            )
            for document in second.documents
        ),
    )
    return [first, second]


def test_family_file_fields_and_own_files_read_back_equal(
    export_dir, full_records, schemas
):
    records = list(read_package(export_dir(full_records), schemas=schemas))
    assert records == full_records
    read = records[1]
    assert read.attachments[0].field == "medical_certificate"
    assert b"".join(read.attachments[0].chunks()) == CERTIFICATE
    assert read.documents[0].attachments[0].field == "attachment"
    assert not read.social_worker_named
    assert records[0].urgent
    assert records[0].address.text.endswith("Przykł.")


def test_round_trip_of_full_records_gives_identical_bytes(
    export_zip, full_records, schemas
):
    first = export_zip(full_records)
    second = export_zip(read_package(io.BytesIO(first), schemas=schemas))
    assert second == first


def test_the_medical_certificate_is_a_file_in_dokumenty_with_ndap_metadata(
    export_dir, full_records, schemas, files_of
):
    files = files_of(export_dir(full_records))
    path = "dokumenty/AR.4010.13.2026/akta-rodziny/zaświadczenie lekarskie.pdf"
    assert files[path] == CERTIFICATE
    metadata = files[
        "metadane/AR.4010.13.2026/akta-rodziny/zaświadczenie lekarskie.pdf.xml"
    ]
    root = etree.fromstring(metadata)
    schemas.validate(NDAP_METADATA, root, path="certificate")

    def texts(xpath):
        return root.xpath(xpath, namespaces={"n": NDAP_NAMESPACE})

    assert texts("n:typ/n:rodzaj/text()") == ["załącznik"]
    assert texts("n:tytul/n:oryginalny/text()") == ["zaświadczenie lekarskie.pdf"]
    assert texts("n:format/n:wielkosc/text()") == [str(len(CERTIFICATE))]
    assert f"{'2b' * 16}/zalacznik-1" in texts("n:identyfikator/n:wartosc/text()")
    assert "2b" * 16 in texts("n:relacja/n:identyfikator/n:wartosc/text()")
    assert "Za życiem" in texts("n:opis/text()")[0]
    assert "metadane/AR.4010.13.2026/akta-rodziny/akta.pdf.xml" in files
    case = etree.fromstring(files["sprawy/AR.4010.13.2026.xml"])
    listed = case.xpath(
        "c:attachments/c:attachment/@path",
        namespaces={"c": "urn:mgops:caseflow:archive:1"},
    )
    assert listed == [path, "dokumenty/AR.4010.13.2026/akta-rodziny/akta.pdf"]
    # every metadata file of the package is still valid NDAP
    for name, data in files.items():
        if name.startswith("metadane/"):
            schemas.validate(NDAP_METADATA, etree.fromstring(data), path=name)


def test_a_changed_medical_certificate_is_refused(
    export_dir, full_records, schemas, rewrite_manifest
):
    package = export_dir(full_records)
    path = (
        package / "dokumenty/AR.4010.13.2026/akta-rodziny/zaświadczenie lekarskie.pdf"
    )
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError) as refused:
        list(read_package(package, schemas=schemas))
    assert refused.value.msgid == "archive_checksum_mismatch"
    # with the manifest made to match, the case XML's checksum still refuses it
    rewrite_manifest(package)
    with pytest.raises(ArchiveError) as refused:
        list(read_package(package, schemas=schemas))
    assert refused.value.msgid == "archive_reference_mismatch"


def test_a_certificate_that_is_not_what_the_record_says_is_refused(
    export_dir, full_records
):
    first, second = full_records
    liar = replace(
        second.attachments[0],
        sha256=hashlib.sha256(b"something else").hexdigest(),
    )
    broken = replace(second, attachments=(liar,))
    with pytest.raises(ArchiveError) as refused:
        export_dir([first, broken])
    assert refused.value.msgid == "archive_attachment_mismatch"
