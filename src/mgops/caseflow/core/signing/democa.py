"""A demo certification authority and a head's keystore, for development only.

``caseflow-demo-ca --out DIR --head-user USERID`` writes the CA certificate
(``ca.pem``, for the trust list), the head's certificate (``USERID.pem``, to
register for that user) and the head's PKCS#12 keystore (``USERID.p12``). The
keystore password comes from ``CASEFLOW_KEYSTORE_PASSWORD`` or is asked for. No
private key is ever written unencrypted, the CA's is not written at all, and DIR
may not lie inside a git working tree, so no key lands in a repository. Tests use
the same functions to make their certificates.
"""

import argparse
import datetime
import getpass
import os
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


PASSWORD_VARIABLE = "CASEFLOW_KEYSTORE_PASSWORD"
_ORGANIZATION = "MGOPS caseflow demo"


def _name(common_name: str, extra=()) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            *extra,
        ]
    )


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(
    common_name: str, not_before: datetime.datetime, not_after: datetime.datetime
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-signed RSA 2048 CA that may issue end-entity certificates only."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signing=False), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def issue_certificate(
    ca_key: rsa.RSAPrivateKey,
    ca_certificate: x509.Certificate,
    common_name: str,
    not_before: datetime.datetime,
    not_after: datetime.datetime,
    extra_subject: tuple[x509.NameAttribute, ...] = (),
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A new RSA 2048 key and its signing certificate issued by the CA.

    ``extra_subject``: further subject attributes (given name, surname, the
    serialNumber ``PNOPL-<PESEL>`` of a qualified certificate).
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, extra_subject))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def make_keystore(
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
    password: str,
) -> bytes:
    """A PKCS#12 keystore holding the key, its certificate and the CA chain."""
    return pkcs12.serialize_key_and_certificates(
        name=certificate.subject.rfc4514_string().encode("utf-8"),
        key=key,
        cert=certificate,
        cas=list(chain),
        encryption_algorithm=BestAvailableEncryption(password.encode("utf-8")),
    )


def write_demo_ca(
    out: Path,
    head_user: str,
    head_name: str,
    password: str,
    valid_days: int = 730,
    valid_from: datetime.datetime | None = None,
) -> list[Path]:
    """Write ca.pem, USERID.pem and USERID.p12 into ``out``; return their paths.

    ``valid_from`` back-dates both certificates, so demo decisions dated in the
    past can be signed at their own date.
    """
    if any((folder / ".git").exists() for folder in (out, *out.parents)):
        raise ValueError(
            f"{out} is inside a git working tree; choose a folder outside it."
        )
    paths = [out / "ca.pem", out / f"{head_user}.pem", out / f"{head_user}.p12"]
    existing = [str(path) for path in paths if path.exists()]
    if existing:
        raise FileExistsError(f"Not overwriting {', '.join(existing)}.")
    now = datetime.datetime.now(datetime.UTC)
    start = valid_from or now
    ca_key, ca_certificate = make_ca(
        "MGOPS caseflow demo CA", start, now + datetime.timedelta(days=10 * 365)
    )
    key, certificate = issue_certificate(
        ca_key,
        ca_certificate,
        head_name,
        start,
        now + datetime.timedelta(days=valid_days),
    )
    keystore = make_keystore(key, certificate, (ca_certificate,), password)
    out.mkdir(parents=True, exist_ok=True)
    paths[0].write_bytes(ca_certificate.public_bytes(Encoding.PEM))
    paths[1].write_bytes(certificate.public_bytes(Encoding.PEM))
    with os.fdopen(
        os.open(paths[2], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"
    ) as file:
        file.write(keystore)
    return paths


def _password() -> str:
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    password = getpass.getpass("Keystore password: ")
    if not password or password != getpass.getpass("Repeat the password: "):
        raise SystemExit("The passwords are empty or differ.")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="caseflow-demo-ca", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder to write into (outside the repository)",
    )
    parser.add_argument("--head-user", required=True, help="the head's Plone user id")
    parser.add_argument(
        "--head-name", help="common name in the certificate (default: the user id)"
    )
    parser.add_argument(
        "--valid-days", type=int, default=730, help="validity of the head's certificate"
    )
    args = parser.parse_args(argv)
    try:
        paths = write_demo_ca(
            args.out.resolve(),
            args.head_user,
            args.head_name or args.head_user,
            _password(),
            args.valid_days,
        )
    except (ValueError, FileExistsError) as error:
        parser.exit(2, f"{parser.prog}: {error}\n")
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
