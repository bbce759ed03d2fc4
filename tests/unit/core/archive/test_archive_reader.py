"""The reader refuses a package that does not hold together, before yielding anything."""

import io
import os
import zipfile

import pytest

from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import PackageReader
from mgops.caseflow.core.archive import read_package


CASE = "AR.4010.12.2026"
LAST_CASE = "AR.4010.13.2026"
INTERVIEW = f"dokumenty/{CASE}/wywiad-" + "a1" * 16 + ".xml"
LAST_NOTE = f"dokumenty/{LAST_CASE}/notatka-" + "a2" * 16 + ".xml"
LAST_ATTACHMENT = f"dokumenty/{LAST_CASE}/notatka-" + "a2" * 16 + "/list.txt"
SIGNED = f"dokumenty/{CASE}/decyzja-" + "d1" * 16 + ".xades.xml"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<document xmlns="urn:mgops:caseflow:archive:1">&lol3;</document>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<document xmlns="urn:mgops:caseflow:archive:1">&secret;</document>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE document SYSTEM "http://example.invalid/evil.dtd">
<document xmlns="urn:mgops:caseflow:archive:1"/>
"""


@pytest.fixture
def package(export_dir, sample_records):
    return export_dir(sample_records)


def _refusal(source, schemas, **options) -> ArchiveError:
    """The error raised when asking for the first record: nothing was yielded."""
    records = read_package(source, schemas=schemas, **options)
    with pytest.raises(ArchiveError) as raised:
        next(records)
    return raised.value


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _rezip(data: bytes, change) -> bytes:
    """The same zip with its entries passed through ``change(name, bytes)``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            for new_name, content in change(name, source.read(name)):
                target.writestr(new_name, content)
    return out.getvalue()


# -- the manifest and the checksums -----------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        INTERVIEW,
        SIGNED,
        LAST_ATTACHMENT,
        f"metadane/{LAST_CASE}/notatka-" + "a2" * 16 + ".xml.xml",
        f"sprawy/{LAST_CASE}.xml",
        "spis-zdawczo-odbiorczy.xml",
        "schemas/caseflow-document.xsd",
    ],
)
def test_a_package_with_one_changed_byte_is_refused(package, schemas, path):
    _flip_a_byte(package / path)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == ("archive_checksum_mismatch", {"path": path})


def test_a_zip_with_one_changed_byte_is_refused(export_zip, sample_records, schemas):
    def change(name, content):
        if name == LAST_NOTE:
            content = content.replace(b"introduction", b"introductiom")
        yield name, content

    tampered = _rezip(export_zip(sample_records), change)
    error = _refusal(io.BytesIO(tampered), schemas)
    assert (error.msgid, error.mapping) == (
        "archive_checksum_mismatch",
        {"path": LAST_NOTE},
    )


def test_a_damaged_zip_entry_is_refused(export_zip, sample_records, schemas):
    data = bytearray(export_zip(sample_records))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(LAST_ATTACHMENT)
    start = info.header_offset + 30 + len(info.filename.encode()) + 20
    data[start] ^= 0xFF  # inside the deflated data
    error = _refusal(io.BytesIO(bytes(data)), schemas)
    assert (error.msgid, error.mapping) == (
        "archive_checksum_mismatch",
        {"path": LAST_ATTACHMENT},
    )


def test_an_extra_file_is_refused(package, schemas):
    (package / "dokumenty" / "extra.pdf").write_bytes(b"%PDF")
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_file_unlisted",
        {"path": "dokumenty/extra.pdf"},
    )


def test_an_extra_file_in_a_zip_is_refused(export_zip, sample_records, schemas):
    def change(name, content):
        yield name, content
        if name == "manifest.xml":
            yield "README.txt", b"hello"

    error = _refusal(io.BytesIO(_rezip(export_zip(sample_records), change)), schemas)
    assert (error.msgid, error.mapping) == (
        "archive_file_unlisted",
        {"path": "README.txt"},
    )


def test_a_missing_file_is_refused(package, schemas):
    (package / LAST_ATTACHMENT).unlink()
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_file_missing",
        {"path": LAST_ATTACHMENT},
    )


def test_a_missing_file_in_a_zip_is_refused(export_zip, sample_records, schemas):
    def change(name, content):
        if name != SIGNED:
            yield name, content

    error = _refusal(io.BytesIO(_rezip(export_zip(sample_records), change)), schemas)
    assert (error.msgid, error.mapping) == ("archive_file_missing", {"path": SIGNED})


def test_a_package_without_manifest_is_refused(package, schemas):
    (package / "manifest.xml").unlink()
    assert _refusal(package, schemas).msgid == "archive_manifest_missing"


def test_a_file_listed_twice_is_refused(package, schemas, rewrite_manifest):
    rewrite_manifest(package, add=(INTERVIEW,))
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_duplicate_entry",
        {"path": INTERVIEW},
    )


def test_a_zip_with_a_name_twice_is_refused(export_zip, sample_records, schemas):
    import warnings

    def change(name, content):
        yield name, content
        if name == INTERVIEW:
            yield name, content

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        tampered = _rezip(export_zip(sample_records), change)
    error = _refusal(io.BytesIO(tampered), schemas)
    assert (error.msgid, error.mapping) == (
        "archive_duplicate_entry",
        {"path": INTERVIEW},
    )


@pytest.mark.parametrize(
    ("path", "msgid"),
    [
        ("../outside.txt", "archive_unsafe_path"),
        ("dokumenty/../../outside.txt", "archive_unsafe_path"),
        ("a\\b", "archive_unsafe_path"),
        ("c:/x", "archive_unsafe_path"),
        ("/etc/passwd", "archive_invalid_xml"),  # the manifest schema already says no
    ],
)
def test_a_manifest_pointing_outside_the_package_is_refused(
    package, schemas, path, msgid
):
    from lxml import etree

    from mgops.caseflow.core.archive.validation import NAMESPACE

    manifest = package / "manifest.xml"
    tree = etree.parse(str(manifest))
    etree.SubElement(
        tree.getroot(), f"{{{NAMESPACE}}}file", path=path, size="1", sha256="0" * 64
    )
    manifest.write_bytes(etree.tostring(tree))
    assert _refusal(package, schemas).msgid == msgid


def test_a_zip_entry_pointing_outside_is_refused(export_zip, sample_records, schemas):
    def change(name, content):
        yield name, content
        if name == "manifest.xml":
            yield "../../evil.txt", b"x"

    error = _refusal(io.BytesIO(_rezip(export_zip(sample_records), change)), schemas)
    assert error.msgid == "archive_unsafe_path"


def test_a_symbolic_link_in_a_directory_package_is_refused(package, schemas, tmp_path):
    os.symlink("/etc/passwd", package / "dokumenty" / "link.txt")
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_unsafe_path",
        {"path": "dokumenty/link.txt"},
    )


def test_something_that_is_no_package_is_refused(tmp_path, schemas):
    path = tmp_path / "notes.txt"
    path.write_text("no zip")
    assert _refusal(path, schemas).msgid == "archive_not_a_package"
    assert _refusal(io.BytesIO(b"no zip"), schemas).msgid == "archive_not_a_package"


# -- hostile and invalid XML (with a manifest that matches) ---------------------


@pytest.mark.parametrize(
    "hostile",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD],
    ids=["billion-laughs", "external-entity", "external-dtd"],
)
@pytest.mark.parametrize(
    "path",
    [
        LAST_NOTE,
        f"metadane/{CASE}/wywiad-" + "a1" * 16 + ".xml.xml",
        f"sprawy/{LAST_CASE}.xml",
        "spis-zdawczo-odbiorczy.xml",
    ],
)
def test_hostile_xml_in_a_package_is_refused(
    package, schemas, rewrite_manifest, hostile, path
):
    (package / path).write_bytes(hostile)
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == ("archive_hostile_xml", {"path": path})


@pytest.mark.parametrize(
    "hostile",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD],
    ids=["billion-laughs", "external-entity", "external-dtd"],
)
def test_a_hostile_signed_decision_is_refused(
    package, schemas, rewrite_manifest, hostile
):
    import hashlib

    (package / SIGNED).write_bytes(hostile)
    decision = package / SIGNED.replace(".xades.xml", ".xml")
    text = decision.read_text(encoding="utf-8")
    start = text.index("<signature ")
    end = text.index(">", start)
    text = (
        text[:start]
        + f'<signature path="{SIGNED}" size="{len(hostile)}"'
        + f' sha256="{hashlib.sha256(hostile).hexdigest()}"'
        + text[end:]
    )
    decision.write_text(text, encoding="utf-8")
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping["path"]) == ("archive_hostile_xml", SIGNED)


def test_hostile_xml_as_the_manifest_is_refused(package, schemas):
    (package / "manifest.xml").write_bytes(BILLION_LAUGHS)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_hostile_xml",
        {"path": "manifest.xml"},
    )


def test_a_document_against_its_schema_is_refused(package, schemas, rewrite_manifest):
    path = package / LAST_NOTE
    path.write_bytes(
        path.read_bytes()
        .replace(b"<state>", b"<status>", 1)
        .replace(b"</state>", b"</status>", 1)
    )
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping["path"]) == ("archive_invalid_xml", LAST_NOTE)


def test_malformed_xml_is_refused(package, schemas, rewrite_manifest):
    (package / LAST_NOTE).write_bytes(b"<document")
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping["path"]) == ("archive_malformed_xml", LAST_NOTE)


def test_xml_over_the_size_limit_is_refused(package, schemas):
    error = _refusal(package, schemas, max_xml_bytes=1000)
    assert error.msgid == "archive_xml_too_large"


def test_a_value_python_cannot_take_is_refused(package, schemas, rewrite_manifest):
    path = package / f"sprawy/{LAST_CASE}.xml"
    path.write_bytes(path.read_bytes().replace(b"2026-10-01", b"20260-10-01"))
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping["path"]) == (
        "archive_malformed_xml",
        f"sprawy/{LAST_CASE}.xml",
    )


# -- cross-references --------------------------------------------------------------


def test_a_file_no_document_refers_to_is_refused(package, schemas, rewrite_manifest):
    (package / f"dokumenty/{LAST_CASE}/stray.pdf").write_bytes(b"%PDF")
    (package / f"metadane/{LAST_CASE}/stray.pdf.xml").write_bytes(
        (
            package / (f"metadane/{LAST_CASE}/notatka-" + "a2" * 16 + ".xml.xml")
        ).read_bytes()
    )
    rewrite_manifest(
        package,
        add=(f"dokumenty/{LAST_CASE}/stray.pdf", f"metadane/{LAST_CASE}/stray.pdf.xml"),
    )
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_orphan_file",
        {"path": f"dokumenty/{LAST_CASE}/stray.pdf"},
    )


def test_a_metadata_file_describing_nothing_is_refused(
    package, schemas, rewrite_manifest
):
    stray = f"metadane/{LAST_CASE}/nothing.pdf.xml"
    (package / stray).write_bytes(
        (
            package / (f"metadane/{LAST_CASE}/notatka-" + "a2" * 16 + ".xml.xml")
        ).read_bytes()
    )
    rewrite_manifest(package, add=(stray,))
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == ("archive_orphan_metadata", {"path": stray})


def test_an_item_without_metadata_is_refused(package, schemas, rewrite_manifest):
    metadata = f"metadane/{LAST_CASE}/notatka-" + "a2" * 16 + "/list.txt.xml"
    (package / metadata).unlink()
    rewrite_manifest(package, drop=(metadata,))
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_metadata_missing",
        {"path": LAST_ATTACHMENT, "expected": metadata},
    )


def test_a_document_whose_attachment_checksum_disagrees_is_refused(
    package, schemas, rewrite_manifest
):
    path = package / LAST_NOTE
    text = path.read_text(encoding="utf-8")
    start = text.index('sha256="') + len('sha256="')
    path.write_text(text[:start] + "0" * 64 + text[start + 64 :], encoding="utf-8")
    rewrite_manifest(package)
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_reference_mismatch",
        {"path": LAST_NOTE, "target": LAST_ATTACHMENT},
    )


def test_a_handover_list_that_disagrees_with_the_cases_is_refused(
    package, schemas, rewrite_manifest
):
    path = package / "spis-zdawczo-odbiorczy.xml"
    path.write_bytes(
        path.read_bytes().replace(b"<LiczbaDokumentow>10<", b"<LiczbaDokumentow>9<")
    )
    rewrite_manifest(package)
    assert _refusal(package, schemas).msgid == "archive_handover_mismatch"


def test_a_file_outside_the_layout_is_refused(package, schemas, rewrite_manifest):
    (package / "notes.txt").write_text("x")
    rewrite_manifest(package, add=("notes.txt",))
    error = _refusal(package, schemas)
    assert (error.msgid, error.mapping) == (
        "archive_unexpected_file",
        {"path": "notes.txt"},
    )


def test_an_attachment_changed_after_the_check_is_refused_when_read(package, schemas):
    with PackageReader(package, schemas=schemas) as reader:
        records = list(reader.records())
        (package / LAST_ATTACHMENT).write_bytes(b"changed")
        attachment = records[1].documents[0].attachments[0]
        with pytest.raises(ArchiveError) as raised:
            b"".join(attachment.chunks())
    assert raised.value.msgid == "archive_checksum_mismatch"
