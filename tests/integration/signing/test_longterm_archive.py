"""Long-term: a decision signed with a short-lived qualified certificate verifies
from its archival package alone, as of its timestamp, after the certificate
expired (mock PKI on 127.0.0.1; nothing is fetched when verifying)."""

import datetime
import time
import zipfile

from plone import api

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.unsigned import timestamps
from mgops.caseflow.core.signing.unsigned import validation_data
from mgops.caseflow.signing.signing import reverify
from mgops.caseflow.signing.signing import sign_in_server
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import delete_unrestricted
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.testing.pki import install_qualified


def test_a_decision_verifies_from_its_package_after_the_certificate_expired(
    portal, pending_decision, mock_pki, tmp_path
):
    with api.env.adopt_roles(["Manager"]):
        short = mock_pki.issue_short_lived(seconds=10)
        install_qualified(mock_pki, short)
    decision = pending_decision("other", file_state="active")
    family_file, uid = decision.aq_parent, decision.UID()
    with api.env.adopt_user(username="head"):
        sign_in_server(decision, KEYSTORE_PASSWORD)
    close(family_file, datetime.date.today())
    package = tmp_path / "paczka.zip"
    with api.env.adopt_roles(["Manager"]), open(package, "wb") as target:
        exports.write(exports.select(family_file), ZipTarget(target))
    with zipfile.ZipFile(package) as archive:
        (signed,) = [
            archive.read(name)
            for name in archive.namelist()
            if b"SignatureValue" in archive.read(name)
        ]
    root = parse_untrusted(signed)
    assert len(timestamps(root)) == 1
    proofs = validation_data(root)
    assert len(proofs.certificates) == 3
    assert proofs.crls
    expiry = mock_pki.certificate(short).not_valid_after_utc
    wait = (expiry - datetime.datetime.now(datetime.UTC)).total_seconds() + 1
    time.sleep(max(0.0, wait))
    assert datetime.datetime.now(datetime.UTC) > expiry

    delete_unrestricted([family_file])
    with api.env.adopt_roles(["Manager"]):
        import_package(package, portal["akta"])
        imported = api.content.get(UID=uid)
        assert api.content.get_state(imported) == "signed"
        result = reverify(imported)
    assert result.timestamped
    assert result.signing_time < expiry
    assert imported.signature_file.data == signed
