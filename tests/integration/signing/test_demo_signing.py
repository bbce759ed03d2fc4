"""The demo signing setup writes outside the repository and lets the head sign."""

import pytest
from plone import api

from mgops.caseflow.signing.demo import setup_demo_signing
from mgops.caseflow.signing.keys import certificates_for
from mgops.caseflow.signing.keys import keystore_for
from mgops.caseflow.signing.keys import trusted_cas
from mgops.caseflow.signing.signing import sign_in_server


def test_demo_setup_registers_everything_and_the_head_signs(
    portal, tmp_path, pending_decision
):
    out = tmp_path / "var" / "demo-signing"
    with api.env.adopt_roles(["Manager"]):
        paths = setup_demo_signing(out, "head", "demo-haslo-1")
    assert [p.name for p in paths] == ["ca.pem", "head.pem", "head.p12"]
    assert oct(paths[2].stat().st_mode & 0o777) == "0o600"
    assert keystore_for("head") == paths[2].read_bytes()
    assert len(trusted_cas()) == 2  # the test CA of the fixture and the demo CA
    assert len(certificates_for("head")) == 4
    decision = pending_decision("other")
    with api.env.adopt_user(username="head"):
        sign_in_server(decision, "demo-haslo-1")
    assert api.content.get_state(decision) == "signed"
    # a second run reuses the files
    with api.env.adopt_roles(["Manager"]):
        assert setup_demo_signing(out, "head", "demo-haslo-1") == paths


def test_demo_setup_refuses_a_folder_in_the_repository(portal):
    from pathlib import Path

    inside = Path(__file__).resolve().parent / "demo-keys"
    with (
        pytest.raises(ValueError, match="git working tree"),
        api.env.adopt_roles(["Manager"]),
    ):
        setup_demo_signing(inside, "head", "demo-haslo-1")
    assert not inside.exists()
