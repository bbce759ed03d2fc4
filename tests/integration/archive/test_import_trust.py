"""An import trusts nothing of the package: every signed decision's signature is
verified again, no register number of another decision is overwritten, and
attachments stream into blobs (memory stays far below their size)."""

import hashlib
import io
import os
import tracemalloc
import zipfile
from datetime import date

import pytest
from plone import api

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.importer import ImportRefused
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import delete_unrestricted

from .test_archive_fidelity import blob
from .test_archive_fidelity import rewrite_package  # noqa: F401 - a fixture


def export_to(context, target):
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(context)
        exports.write(selection, ZipTarget(target))
    return selection.exported


@pytest.fixture
def signed_file(portal, demo):
    """A closed demo file holding a signed decision: (file, decision, package)."""
    with api.env.adopt_roles(["Manager"]):
        for brain in api.content.find(
            portal_type="Decision", review_state="signed", unrestricted=True
        ):
            decision = brain._unrestrictedGetObject()
            family_file = decision.aq_parent
            if api.content.get_state(family_file) in ("closed", "archived"):
                break
        else:
            pytest.fail("the demo has no closed file with a signed decision")
    out = io.BytesIO()
    export_to(family_file, out)
    with zipfile.ZipFile(out) as package:
        files = {name: package.read(name) for name in package.namelist()}
    return family_file, decision, files


def _document_xml(files, uid):
    (path,) = [
        p
        for p, data in files.items()
        if p.startswith("dokumenty/") and f'uid="{uid}"'.encode() in data
    ]
    return path


def _tamper_document_text(files, decision):
    """The package describes the decision with another content than was signed."""
    path = _document_xml(files, decision.UID())
    old = decision.content.encode()
    assert old in files[path]
    files[path] = files[path].replace(old, old + b" (dopisane)")


def _tamper_signed_xml(files, decision):
    """The signed XML itself changed (one letter), its checksums made to match."""
    (signed_path,) = [
        p
        for p, data in files.items()
        if p.startswith("dokumenty/")
        and b"SignatureValue" in data
        and decision.UID().encode() in data
    ]
    old = files[signed_path]
    text = decision.content.encode()
    # an ASCII letter's case: the XML stays well-formed UTF-8 of the same length
    at = next(i for i, byte in enumerate(text) if 97 <= byte <= 122)
    new = old.replace(text, text[:at] + text[at : at + 1].upper() + text[at + 1 :], 1)
    assert new != old
    assert len(new) == len(old)
    files[signed_path] = new
    document = _document_xml(files, decision.UID())
    files[document] = files[document].replace(
        hashlib.sha256(old).hexdigest().encode(),
        hashlib.sha256(new).hexdigest().encode(),
    )


@pytest.mark.parametrize("tamper", [_tamper_document_text, _tamper_signed_xml])
def test_a_tampered_signed_decision_is_refused_and_nothing_is_written(
    portal,
    signed_file,
    rewrite_package,  # noqa: F811 - the fixture imported above
    tmp_path,
    tamper,
):
    family_file, decision, files = signed_file
    object_id, year = family_file.getId(), decision.register_year
    tamper(files, decision)
    package = rewrite_package(files, tmp_path / "paczka")
    delete_unrestricted([family_file])
    issued = decision_numbers().issued(year)
    with api.env.adopt_roles(["Manager"]), pytest.raises(SignatureError) as refused:
        import_package(package, portal["akta"])
    assert refused.value.msgid == "archive_import_signature_invalid"
    assert object_id not in portal["akta"].objectIds()
    assert decision_numbers().issued(year) == issued


def test_the_untampered_package_imports_with_its_signature(
    portal,
    signed_file,
    rewrite_package,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    family_file, decision, files = signed_file
    uid, object_id = decision.UID(), family_file.getId()
    package = rewrite_package(files, tmp_path / "paczka")
    delete_unrestricted([family_file])
    with api.env.adopt_roles(["Manager"]):
        import_package(package, portal["akta"])
        assert object_id in portal["akta"].objectIds()
        assert api.content.get(UID=uid).register_number == decision.register_number


def test_a_register_number_held_by_another_decision_is_refused(
    portal,
    signed_file,
    rewrite_package,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    family_file, decision, files = signed_file
    n, year, object_id = (
        decision.register_n,
        decision.register_year,
        family_file.getId(),
    )
    package = rewrite_package(files, tmp_path / "paczka")
    delete_unrestricted([family_file])
    other = (
        "f" * 32
    )  # e.g. a decision of the installation the package did not come from
    decision_numbers().years[year].numbers[n] = other
    with api.env.adopt_roles(["Manager"]), pytest.raises(ImportRefused) as refused:
        import_package(package, portal["akta"])
    assert refused.value.msgid == "archive_import_number_taken"
    assert decision.register_number in refused.value.text
    assert object_id not in portal["akta"].objectIds()
    assert decision_numbers().years[year].numbers[n] == other


SIZE = 30 * 1024 * 1024


def test_a_30_mb_attachment_streams_into_its_blob(portal, make_family_file, tmp_path):
    data = os.urandom(SIZE)
    family_file = make_family_file(
        71, medical_certificate=blob("duze.pdf", data), support_path="za_zyciem"
    )
    close(family_file, date(2026, 7, 31))
    digest = hashlib.sha256(data).hexdigest()
    del data
    path = tmp_path / "paczka.zip"
    with open(path, "wb") as target:
        exported = export_to(family_file, target)
    delete_unrestricted(exported)
    tracemalloc.start()
    try:
        with api.env.adopt_roles(["Manager"]):
            import_package(path, portal["akta"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < SIZE / 6, f"import peak {peak / 2**20:.1f} MiB"
    imported = portal["akta"]["ar-4010-71-2026"].medical_certificate
    assert imported.getSize() == SIZE
    with imported.open() as stored:
        sha = hashlib.sha256()
        while chunk := stored.read(1 << 20):
            sha.update(chunk)
    assert sha.hexdigest() == digest
