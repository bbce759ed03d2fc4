"""A signature made complete for the long term before it is stored.

Both signing routes end here: the signature (ours, or the head's own tool's)
is verified with the centre's ``Policy`` while the OCSP responders and CRL
servers are asked; a signature without a timestamp gets one from the centre's
TSA over its SignatureValue (XAdES-T; a BES upload too); the chain and the
revocation answers go into its unsigned properties; and the result is verified
once more from its own bytes alone, offline, as the archive's reader will
verify it years later (unless nothing was added: a demo's XAdES-BES whose
certificate declares no OCSP or CRL is stored as it was verified). Any failure
raises and nothing is stored.
"""

import dataclasses
import datetime
from collections.abc import Iterable

from cryptography import x509

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.timestamp import TsaSettings
from mgops.caseflow.core.signing.timestamp import request_timestamp
from mgops.caseflow.core.signing.unsigned import add_unsigned_properties
from mgops.caseflow.core.signing.unsigned import timestamped_data
from mgops.caseflow.core.signing.verify import Policy
from mgops.caseflow.core.signing.verify import VerificationResult
from mgops.caseflow.core.signing.verify import verify


def no_tsa() -> SignatureError:
    return SignatureError(
        "timestamp_not_configured",
        "No time-stamping authority is configured, and the centre's settings "
        "require a timestamp on every signature; ask the administrator.",
    )


def complete(
    signed_bytes: bytes,
    expected_unsigned_bytes: bytes,
    trusted_ca_certs: Iterable[x509.Certificate],
    allowed_signer_certs: Iterable[x509.Certificate],
    policy: Policy,
    tsa: TsaSettings | None,
    timestamp_required: bool = True,
    now: datetime.datetime | None = None,
) -> tuple[bytes, VerificationResult]:
    """The bytes to store and what they prove; ``tsa`` None signs without one
    where ``timestamp_required`` allows it."""
    trusted = list(trusted_ca_certs)
    allowed = list(allowed_signer_certs)
    first = verify(
        signed_bytes,
        expected_unsigned_bytes,
        trusted,
        allowed,
        now=now,
        policy=dataclasses.replace(policy, fetch=True),
    )
    token = None
    if not first.timestamped:
        if tsa is None and timestamp_required:
            raise no_tsa()
        if tsa is not None:
            token = request_timestamp(
                timestamped_data(parse_untrusted(signed_bytes)), tsa
            )
    final = add_unsigned_properties(signed_bytes, token, first.validation)
    if final is signed_bytes:  # nothing to keep (a demo's BES): verified above
        return final, first
    result = verify(
        final,
        expected_unsigned_bytes,
        trusted,
        allowed,
        now=now,
        policy=dataclasses.replace(
            policy,
            fetch=False,
            tsa_anchors=(*policy.tsa_anchors, *(tsa.certificates if tsa else ())),
        ),
    )
    return final, result
