"""The head's PKCS#12 keystore opens with its password and nothing else."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
from cryptography.hazmat.primitives.serialization import pkcs12

from mgops.caseflow.core.signing.democa import make_keystore
from mgops.caseflow.core.signing.errors import KeystoreError
from mgops.caseflow.core.signing.keystore import load_keystore


PASSWORD = "Zażółć gęślą jaźń 1"


@pytest.fixture(scope="module")
def keystore_bytes(pki) -> bytes:
    return make_keystore(
        pki.head.key, pki.head.certificate, (pki.ca.certificate,), PASSWORD
    )


def test_keystore_opens_with_its_password(pki, keystore_bytes):
    keystore = load_keystore(keystore_bytes, PASSWORD)
    assert keystore.certificate == pki.head.certificate
    assert keystore.private_key.public_key() == pki.head.certificate.public_key()
    assert keystore.chain == (pki.ca.certificate,)


@pytest.mark.parametrize("password", ["haslo-123", "", PASSWORD.upper()])
def test_wrong_password_is_a_clear_error_without_the_password(keystore_bytes, password):
    with pytest.raises(KeystoreError) as raised:
        load_keystore(keystore_bytes, password)
    assert raised.value.reason == "keystore_password_wrong"
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__
    if password:
        assert password not in str(raised.value)


def test_not_a_keystore_is_refused():
    with pytest.raises(KeystoreError) as raised:
        load_keystore(b"certainly not PKCS#12", PASSWORD)
    assert raised.value.reason == "keystore_password_wrong"


def test_keystore_without_key_is_refused(pki):
    data = pkcs12.serialize_key_and_certificates(
        name=None,
        key=None,
        cert=None,
        cas=[pki.ca.certificate],
        encryption_algorithm=BestAvailableEncryption(PASSWORD.encode()),
    )
    with pytest.raises(KeystoreError) as raised:
        load_keystore(data, PASSWORD)
    assert raised.value.reason == "keystore_incomplete"


def test_keystore_with_an_ec_key_is_refused(pki):
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(pki.head.certificate.subject)
        .issuer_name(pki.ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(pki.head.certificate.not_valid_before_utc)
        .not_valid_after(pki.head.certificate.not_valid_after_utc)
        .sign(pki.ca.key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        None, key, certificate, None, BestAvailableEncryption(PASSWORD.encode())
    )
    with pytest.raises(KeystoreError) as raised:
        load_keystore(data, PASSWORD)
    assert raised.value.reason == "key_not_rsa"


# -- unlock_keystore: an opened keystore reused, the password checked each time


@pytest.fixture
def unlocked():
    from mgops.caseflow.core.signing import keystore

    keystore.forget_unlocked_keystores()
    yield keystore
    keystore.forget_unlocked_keystores()


def test_unlocked_keystore_is_reused_with_the_same_password(
    unlocked, keystore_bytes, monkeypatch
):
    first = unlocked.unlock_keystore("head", keystore_bytes, PASSWORD)
    opened = []
    monkeypatch.setattr(unlocked, "load_keystore", lambda *a: opened.append(a) or first)
    assert unlocked.unlock_keystore("head", keystore_bytes, PASSWORD) is first
    assert opened == []


@pytest.mark.parametrize("password", ["haslo-123", "", PASSWORD.upper()])
def test_unlocked_keystore_still_refuses_a_wrong_password(
    unlocked, keystore_bytes, password
):
    unlocked.unlock_keystore("head", keystore_bytes, PASSWORD)
    with pytest.raises(KeystoreError) as raised:
        unlocked.unlock_keystore("head", keystore_bytes, password)
    assert raised.value.reason == "keystore_password_wrong"


def test_unlocked_keystore_is_per_user_and_per_keystore_bytes(
    unlocked, pki, keystore_bytes
):
    unlocked.unlock_keystore("head", keystore_bytes, PASSWORD)
    other = make_keystore(
        pki.head.key, pki.head.certificate, (pki.ca.certificate,), "inne-haslo"
    )
    # a replaced keystore is opened from its own bytes: its own password only
    with pytest.raises(KeystoreError):
        unlocked.unlock_keystore("head", other, PASSWORD)
    assert unlocked.unlock_keystore("head", other, "inne-haslo").certificate == (
        pki.head.certificate
    )
    # another user never gets the head's entry
    with pytest.raises(KeystoreError):
        unlocked.unlock_keystore("other", other, PASSWORD)


def test_unlocked_keystore_expires(unlocked, keystore_bytes, monkeypatch):
    first = unlocked.unlock_keystore("head", keystore_bytes, PASSWORD)
    monkeypatch.setattr(unlocked, "UNLOCKED_TTL", 0)
    assert unlocked.unlock_keystore("head", keystore_bytes, PASSWORD) is not first
