"""Archival packages built from a site: valid, complete, and read back unchanged."""

import hashlib
import io
import re
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from plone import api
from plone.app.uuid.utils import uuidToObject

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.archive.importer import ImportRefused
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import DirectoryTarget
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive.validation import CASE
from mgops.caseflow.core.archive.validation import DOCUMENT
from mgops.caseflow.core.archive.validation import NAMESPACE
from mgops.caseflow.core.archive.validation import NDAP_HANDOVER_LIST
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.signing.keys import trusted_cas
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.signing import reverify
from mgops.caseflow.testing.builders import delete_unrestricted

from .conftest import without_export_time


def export_zip(context) -> tuple[bytes, list]:
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(context)
        out = io.BytesIO()
        exports.write(selection, ZipTarget(out))
    return out.getvalue(), selection.exported


def schema_of(path: str) -> str | None:
    if path.startswith("metadane/"):
        return NDAP_METADATA
    if path.startswith("sprawy/"):
        return CASE
    if path == "spis-zdawczo-odbiorczy.xml":
        return NDAP_HANDOVER_LIST
    if path.startswith("dokumenty/") and path.endswith(".xml"):
        return None if path.endswith(".xades.xml") else DOCUMENT
    return None


def test_every_file_of_a_demo_package_validates_and_the_manifest_matches(
    portal, demo, every_kind_file, tmp_path
):
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(portal["akta"])
        summary = exports.write(selection, DirectoryTarget(tmp_path / "paczka"))
    assert summary.family_files == 3  # the demo's closed and archived, and ours
    root = tmp_path / "paczka"
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
    schemas = archive_schemas()
    validated = 0
    for path, data in files.items():
        name = schema_of(path)
        if name is not None:
            schemas.validate(name, etree.fromstring(data), path=path)
            validated += 1
    assert validated > 3 * summary.family_files
    manifest = etree.fromstring(files.pop("manifest.xml"))
    listed = {
        entry.get("path"): (int(entry.get("size")), entry.get("sha256"))
        for entry in manifest.iterfind(f"{{{NAMESPACE}}}file")
    }
    assert listed == {
        path: (len(data), hashlib.sha256(data).hexdigest())
        for path, data in files.items()
    }
    assert {p.split("/")[0] for p in files} == {
        "dokumenty",
        "metadane",
        "sprawy",
        "schemas",
        "spis-zdawczo-odbiorczy.xml",
    }


def test_only_closed_or_archived_files_with_an_end_date_are_exported(
    portal, demo, make_family_file
):
    closed_without_end = make_family_file(91, state="closed")
    make_family_file(92, state="active")
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(portal["akta"])
    states = {api.content.get_state(obj=f) for f in selection.exported}
    assert states == {"closed", "archived"}
    assert all(f.ended for f in selection.exported)
    assert {"case_reference": closed_without_end.case_reference, "reason": "ended"} in (
        selection.skipped
    )


def test_date_range_selects_by_the_closing_date(portal, demo, every_kind_file):
    from datetime import date

    with api.env.adopt_roles(["Manager"]):
        july = exports.select(
            portal["akta"], closed_from=date(2026, 7, 1), closed_to=date(2026, 7, 31)
        )
        before = exports.select(portal["akta"], closed_to=date(2026, 6, 30))
    assert [f.case_reference for f in july.exported] == [every_kind_file.case_reference]
    assert every_kind_file not in before.exported


def test_export_import_export_gives_the_same_package_but_the_export_time(
    portal, demo, every_kind_file, zip_files
):
    first, exported = export_zip(portal["akta"])
    uids = {f.UID() for f in exported}
    issued_before = {y: decision_numbers().issued(y) for y in decision_numbers().years}
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
        import_package(io.BytesIO(first), portal["akta"])
    second, reexported = export_zip(portal["akta"])
    assert {f.UID() for f in reexported} == uids
    assert without_export_time(zip_files(second)) == without_export_time(
        zip_files(first)
    )
    stamp = re.compile(rb"<([\w:]*)exportedAt>[^<]+</\1exportedAt>")
    assert stamp.sub(b"", zip_files(second)["manifest.xml"]) == stamp.sub(
        b"", zip_files(first)["manifest.xml"]
    )
    issued_after = {y: decision_numbers().issued(y) for y in decision_numbers().years}
    assert issued_after == issued_before


def test_imported_files_keep_states_history_people_and_corrections(
    portal, demo, every_kind_file
):
    expected = {
        "state": api.content.get_state(obj=every_kind_file),
        "history": every_kind_file.workflow_history["mgops_familyfile_workflow"],
        "roles": sorted(
            (p, tuple(sorted(r)))
            for p, r in every_kind_file.get_local_roles()
            if "Owner" not in r
        ),
        "documents": {
            d.UID(): (d.portal_type, api.content.get_state(obj=d), d.Creator())
            for d in every_kind_file.objectValues()
        },
    }
    data, exported = export_zip(every_kind_file)
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
        import_package(io.BytesIO(data), portal["akta"])
        imported = api.content.get(UID=exported[0].UID())
    assert api.content.get_state(obj=imported) == expected["state"]
    assert _history(imported) == _history_of(expected["history"])
    assert (
        sorted(
            (p, tuple(sorted(r)))
            for p, r in imported.get_local_roles()
            if "Owner" not in r
        )
        == expected["roles"]
    )
    assert {
        d.UID(): (d.portal_type, api.content.get_state(obj=d), d.Creator())
        for d in imported.objectValues()
    } == expected["documents"]
    (correction,) = [
        d for d in imported.objectValues() if d.Title() == "Korekta notatki"
    ]
    corrected = uuidToObject(correction.corrects, unrestricted=True)
    assert corrected.aq_parent.UID() == imported.UID()
    # a closed file stays read-only after the import
    with api.env.adopt_user(username="sw1"):
        assert not api.user.has_permission("Modify portal content", obj=imported)


def test_signed_decisions_in_a_package_still_verify_with_the_project_verifier(
    portal, demo, zip_files
):
    data, exported = export_zip(portal["akta"])
    signed = {
        path: content
        for path, content in zip_files(data).items()
        if path.endswith(".xades.xml")
    }
    assert signed, "the demo's closed files hold signed decisions"
    originals = {
        d.UID(): bytes(d.signature_file.data)
        for f in exported
        for d in f.objectValues()
        if d.portal_type == "Decision" and d.signature_file is not None
    }
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
        import_package(io.BytesIO(data), portal["akta"])
        for uid, original in originals.items():
            decision = api.content.get(UID=uid)
            assert bytes(decision.signature_file.data) == original
            assert original in signed.values()
            result = reverify(decision)
            assert result.signer_common_name


def test_signed_decisions_in_a_package_verify_with_xmlsec1(
    portal, demo, zip_files, tmp_path
):
    xmlsec1 = shutil.which("xmlsec1")
    assert xmlsec1, "xmlsec1 is not installed (Debian package: xmlsec1)"
    data, _exported = export_zip(portal["akta"])
    trusted = tmp_path / "ca.pem"
    trusted.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in trusted_cas()))
    signed = [
        content
        for path, content in zip_files(data).items()
        if path.endswith(".xades.xml")
    ]
    assert signed
    for number, content in enumerate(signed):
        document = tmp_path / f"decyzja-{number}.xml"
        document.write_bytes(content)
        result = subprocess.run(
            [xmlsec1, "--verify", "--trusted-pem", str(trusted), str(document)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr


def _history_of(entries):
    return [
        {**entry, "time": entry["time"].asdatetime().isoformat()} for entry in entries
    ]


def _history(obj):
    return _history_of(obj.workflow_history["mgops_familyfile_workflow"])


def _counts(portal):
    catalog = api.portal.get_tool("portal_catalog")
    return len(catalog.unrestrictedSearchResults())


def test_a_package_with_one_changed_byte_is_refused_and_nothing_is_written(
    portal, demo, every_kind_file, zip_files, tmp_path
):
    data, exported = export_zip(every_kind_file)
    files = zip_files(data)
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
    before = _counts(portal)
    target = tmp_path / "paczka"
    for path, content in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(content)
    victim = next(p for p in files if p.startswith("dokumenty/") and p.endswith(".pdf"))
    changed = bytearray(files[victim])
    changed[len(changed) // 2] ^= 0x01
    (target / victim).write_bytes(bytes(changed))
    with api.env.adopt_roles(["Manager"]), pytest.raises(ArchiveError) as refused:
        import_package(target, portal["akta"])
    assert refused.value.msgid == "archive_checksum_mismatch"
    assert _counts(portal) == before
    assert every_kind_file.getId() not in portal["akta"].objectIds()


def test_import_refuses_a_family_file_that_is_already_here(
    portal, demo, every_kind_file
):
    data, _exported = export_zip(every_kind_file)
    before = _counts(portal)
    with api.env.adopt_roles(["Manager"]), pytest.raises(ImportRefused):
        import_package(io.BytesIO(data), portal["akta"])
    assert _counts(portal) == before
