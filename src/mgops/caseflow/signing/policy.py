"""The centre's settings of qualified signatures as the core's ``Policy`` and TSA.

The trust anchors are the trust list (``keys.trusted_cas``: the national
root(s) the administrator installs); the TSA's address, login and certificates,
the qualified-only and QcSSCD switches and the timeout are records of
``settings.ICaseflowSettings`` (Site Setup → Akta rodziny → Podpisy
kwalifikowane).
"""

from cryptography import x509

from mgops.caseflow.core.signing.timestamp import TsaSettings
from mgops.caseflow.core.signing.verify import Policy
from mgops.caseflow.settings import setting


def tsa_certificates() -> tuple[x509.Certificate, ...]:
    text = setting("tsa_certificates") or ""
    if not text.strip():
        return ()
    return tuple(x509.load_pem_x509_certificates(text.encode("ascii")))


def signing_policy() -> Policy:
    return Policy(
        qualified_only=bool(setting("signatures_qualified_only")),
        require_sscd=bool(setting("signatures_require_sscd")),
        tsa_anchors=tsa_certificates(),
        timeout=float(setting("revocation_timeout")),
    )


def tsa_settings() -> TsaSettings | None:
    """The centre's TSA, or None where no address is set."""
    url = (setting("tsa_url") or "").strip()
    if not url:
        return None
    return TsaSettings(
        url=url,
        certificates=tsa_certificates(),
        username=setting("tsa_username") or "",
        password=setting("tsa_password") or "",
        timeout=float(setting("revocation_timeout")),
    )


def timestamp_required() -> bool:
    return bool(setting("timestamp_required"))
