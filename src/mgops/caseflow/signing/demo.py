"""Demo signing for a development site: a demo CA, a head's certificate and keystore.

``setup_demo_signing(out, head_user, password)`` writes ``ca.pem``,
``<head_user>.pem`` and ``<head_user>.p12`` into ``out`` (with
``signing.democa.write_demo_ca``, which refuses a folder inside a git working tree:
use the instance's ``var/``, e.g. ``var/demo-signing``), then registers them in
the current site: the CA joins the trust list, the certificate is registered for
the head and the keystore stored for them. The head then signs with ``@sign`` and
the same password. The demo loader (``demo/``) can call it; nothing here runs at
install. The password is only passed through, never stored.

If the files already exist (a second run), they are read and registered again
instead of being made anew.
"""

from pathlib import Path

from plone import api

from mgops.caseflow.core.signing.democa import write_demo_ca
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.keys import register_certificate
from mgops.caseflow.signing.keys import store_keystore


def allow_demo_signatures() -> None:
    """The demo's settings: its CA issues no qualified certificates and no TSA
    answers it, so non-qualified signatures are allowed and signing goes on
    without a timestamp (README, "Signing"). A real office keeps both on."""
    api.portal.set_registry_record(f"{PREFIX}.signatures_qualified_only", False)
    api.portal.set_registry_record(f"{PREFIX}.timestamp_required", False)


def setup_demo_signing(
    out: Path,
    head_user: str,
    password: str,
    head_name: str | None = None,
    valid_from=None,
) -> list[Path]:
    out = Path(out).resolve()
    paths = [out / "ca.pem", out / f"{head_user}.pem", out / f"{head_user}.p12"]
    if not all(path.exists() for path in paths):
        if head_name is None:
            user = api.user.get(userid=head_user)
            head_name = (user and user.getProperty("fullname")) or head_user
        paths = write_demo_ca(
            out, head_user, head_name, password, valid_from=valid_from
        )
    ca_pem, head_pem, keystore = (path.read_bytes() for path in paths)
    add_trusted_ca(ca_pem)
    allow_demo_signatures()
    register_certificate(head_user, head_pem)
    store_keystore(head_user, keystore)
    return paths
