"""The demo CA script writes a usable trust anchor, certificate and keystore."""

import pytest
from cryptography import x509

from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.democa import PASSWORD_VARIABLE
from mgops.caseflow.core.signing.democa import main
from mgops.caseflow.core.signing.keystore import load_keystore
from mgops.caseflow.core.signing.verify import verify
from mgops.caseflow.core.signing.xades import sign


PASSWORD = "demo-haslo"


@pytest.fixture
def written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    out = tmp_path / "demo-ca"
    assert (
        main(
            [
                "--out",
                str(out),
                "--head-user",
                "kierownik",
                "--head-name",
                "Anna Kierownik",
            ]
        )
        == 0
    )
    assert PASSWORD not in capsys.readouterr().out
    return out


def test_writes_ca_certificate_and_keystore(written):
    assert sorted(path.name for path in written.iterdir()) == [
        "ca.pem",
        "kierownik.p12",
        "kierownik.pem",
    ]
    assert (written / "kierownik.p12").stat().st_mode & 0o077 == 0
    assert b"PRIVATE KEY" not in (written / "ca.pem").read_bytes()
    assert b"PRIVATE KEY" not in (written / "kierownik.pem").read_bytes()


def test_keystore_signs_a_decision_that_verifies_against_the_demo_ca(written, decision):
    ca = x509.load_pem_x509_certificate((written / "ca.pem").read_bytes())
    head = x509.load_pem_x509_certificate((written / "kierownik.pem").read_bytes())
    keystore = load_keystore((written / "kierownik.p12").read_bytes(), PASSWORD)
    assert keystore.certificate == head
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    unsigned = render_decision_xml(decision)
    signed = sign(unsigned, keystore.private_key, keystore.certificate, keystore.chain)
    assert verify(signed, unsigned, [ca], [head]).signer_common_name == "Anna Kierownik"


def test_existing_files_are_never_overwritten(written, capsys):
    before = (written / "kierownik.p12").read_bytes()
    with pytest.raises(SystemExit):
        main(["--out", str(written), "--head-user", "kierownik"])
    assert "Not overwriting" in capsys.readouterr().err
    assert (written / "kierownik.p12").read_bytes() == before


def test_refuses_to_write_into_a_git_working_tree(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    (tmp_path / ".git").mkdir()
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path / "var" / "ca"), "--head-user", "kierownik"])
    assert "git working tree" in capsys.readouterr().err
    assert not (tmp_path / "var").exists()
