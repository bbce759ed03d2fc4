"""The signer's certificate path, validated with revocation, by pyhanko-certvalidator.

At signing (``fetch=True``) the path from the signer's certificate to one of the
centre's trust anchors (the national root) is built and every certificate on it
is checked for revocation over HTTP with short timeouts: OCSP where the
certificate names a responder, its CRL otherwise (pyhanko-certvalidator asks
what each certificate declares). A revoked certificate, or a status nobody
answered, refuses the signature. The chain and every CRL and OCSP answer used
are returned, so the signed decision keeps them (``xades.add_validation_data``)
and verifies years later without network (``fetch=False``), as of its
timestamp.

Qualified-only centres ``require`` revocation information for every certificate
of the path (ETSI EN 319 411-2: a qualified CA publishes it); a centre that
accepts other certificates checks what a certificate declares (``hard-fail``:
a declared source that does not answer still refuses).
"""

import asyncio
import collections
import concurrent.futures
import datetime
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import ExpiredError
from pyhanko_certvalidator.errors import InsufficientRevinfoError
from pyhanko_certvalidator.errors import NotYetValidError
from pyhanko_certvalidator.errors import PathBuildingError
from pyhanko_certvalidator.errors import PathValidationError
from pyhanko_certvalidator.errors import RevokedError
from pyhanko_certvalidator.errors import ValidationError
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend
from pyhanko_certvalidator.registry import SimpleTrustManager

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.trust import not_valid_at
from mgops.caseflow.core.signing.trust import untrusted
from mgops.caseflow.core.signing.trust import utc_text


#: seconds to wait for one OCSP responder or CRL server
DEFAULT_TIMEOUT = 5.0


@dataclass(frozen=True)
class ValidationData:
    """What proves the certificate's status: DER certificates, CRLs, OCSP answers."""

    certificates: tuple[bytes, ...] = ()
    crls: tuple[bytes, ...] = ()
    ocsps: tuple[bytes, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.certificates or self.crls or self.ocsps)


def _run(coroutine):
    """``asyncio.run``, also where the calling thread already runs an event loop
    (a server or a test tool may: Playwright's sync API keeps one in its thread);
    then the validation runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


#: how many parsed certificates and revocation answers a thread keeps, and the
#: largest one kept (a big CA's CRL is parsed anew each time rather than held)
PARSED_KEPT = 32
PARSED_MAX_BYTES = 128 * 1024
_parsed = threading.local()


def parsed(kind: type, der: bytes):
    """The asn1crypto object of ``der``, the same one each time in this thread.

    asn1crypto parses lazily and keeps what it computed in the object: the
    prepared forms of names that path building compares, the extensions. A new
    object per validation computes them again: a qualified ``@sign`` took
    54 ms with new objects and 45 ms with these (``bench/``, 40 files). The
    objects stay in the thread that parsed them because asn1crypto's lazy
    parsing is not safe to share between threads.
    """
    if len(der) > PARSED_MAX_BYTES:
        return kind.load(der)
    kept = getattr(_parsed, "objects", None)
    if kept is None:
        kept = _parsed.objects = collections.OrderedDict()
    key = (kind, der)
    found = kept.get(key)
    if found is None:
        found = kept[key] = kind.load(der)
        while len(kept) > PARSED_KEPT:
            kept.popitem(last=False)
    else:
        kept.move_to_end(key)
    return found


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return parsed(asn1_x509.Certificate, certificate.public_bytes(Encoding.DER))


def revocation_mode(qualified_only: bool) -> str:
    """How strictly the centre's signers' paths are checked (module docstring)."""
    return "require" if qualified_only else "hard-fail"


#: seconds a good status fetched for a path is reused (never past the answers'
#: own nextUpdate, which validation checks): a certificate revoked meanwhile
#: still signs for at most this long, as with any client that caches OCSP
#: answers (RFC 5019, 6.2); 0 asks the responders at every signing
REUSE_SECONDS = 300
_REUSE_MAX = 64
_reused: dict[tuple, tuple[float, ValidationData]] = {}
_reused_lock = threading.Lock()


def forget_revocation_answers() -> None:
    """Drop the reused answers (tests, a CA's incident)."""
    with _reused_lock:
        _reused.clear()


def validate_path(
    certificate: x509.Certificate,
    intermediates: Iterable[x509.Certificate],
    anchors: Iterable[x509.Certificate],
    at: datetime.datetime,
    *,
    signer: str,
    revocation_mode: str,
    known: ValidationData = ValidationData(),  # noqa: B008 - frozen, empty
    fetch: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    key_usage: frozenset[str] = frozenset({"non_repudiation"}),
) -> ValidationData:
    """The path and the revocation answers that prove ``certificate`` good ``at``
    (``_validate``); with ``fetch``, answers fetched for the same path within
    ``REUSE_SECONDS`` are tried first, offline, and asked anew when they no
    longer prove it (stale, or not enough)."""
    intermediates, anchors = list(intermediates), list(anchors)
    options = {"signer": signer, "revocation_mode": revocation_mode}
    options["key_usage"] = key_usage
    if not fetch:
        return _validate(
            certificate, intermediates, anchors, at, known, False, **options
        )
    key = (
        certificate.fingerprint(hashes.SHA256()),
        tuple(a.fingerprint(hashes.SHA256()) for a in anchors),
        revocation_mode,
        key_usage,
    )
    now = time.monotonic()
    with _reused_lock:
        entry = _reused.get(key)
    if entry is not None and now - entry[0] < REUSE_SECONDS:
        reused = ValidationData(
            certificates=known.certificates + entry[1].certificates,
            crls=known.crls + entry[1].crls,
            ocsps=known.ocsps + entry[1].ocsps,
        )
        try:
            return _validate(
                certificate, intermediates, anchors, at, reused, False, **options
            )
        except VerificationError as error:
            if error.reason == "certificate_revoked":
                raise
    data = _validate(
        certificate, intermediates, anchors, at, known, True, timeout=timeout, **options
    )
    if REUSE_SECONDS > 0:
        with _reused_lock:
            while len(_reused) >= _REUSE_MAX:
                del _reused[min(_reused, key=lambda k: _reused[k][0])]
            _reused[key] = (now, data)
    return data


def _validate(
    certificate: x509.Certificate,
    intermediates: list[x509.Certificate],
    anchors: list[x509.Certificate],
    at: datetime.datetime,
    known: ValidationData,
    fetch: bool,
    *,
    signer: str,
    revocation_mode: str,
    key_usage: frozenset[str],
    timeout: float = DEFAULT_TIMEOUT,
) -> ValidationData:
    """The path and the revocation answers that prove ``certificate`` good ``at``.

    ``revocation_mode`` is pyhanko-certvalidator's: ``require`` (every
    certificate of the path has a status), ``hard-fail`` (every declared source
    answers) or ``soft-fail``; ``key_usage``: what the certificate must allow.

    Raises ``VerificationError``: ``certificate_revoked``,
    ``revocation_status_unknown``, ``certificate_untrusted`` or
    ``certificate_not_valid_at_signing_time``.
    """
    anchors = [_asn1(anchor) for anchor in anchors]
    if not anchors:
        raise untrusted(signer)
    context = ValidationContext(
        trust_manager=SimpleTrustManager.build(trust_roots=anchors),
        other_certs=[_asn1(c) for c in intermediates]
        + [parsed(asn1_x509.Certificate, der) for der in known.certificates],
        moment=at,
        allow_fetching=fetch,
        crls=[parsed(asn1_crl.CertificateList, der) for der in known.crls],
        ocsps=[parsed(asn1_ocsp.OCSPResponse, der) for der in known.ocsps],
        revocation_mode=revocation_mode,
        retroactive_revinfo=True,
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=timeout)
        if fetch
        else None,
    )
    validator = CertificateValidator(_asn1(certificate), validation_context=context)
    try:
        path = _run(validator.async_validate_usage(set(key_usage)))
    except RevokedError as error:
        raise VerificationError(
            "certificate_revoked",
            "The certificate of ${signer} was revoked on ${revoked_on}; it can "
            "no longer sign.",
            signer=signer,
            revoked_on=utc_text(error.revocation_dt),
        ) from None
    except InsufficientRevinfoError as error:
        raise VerificationError(
            "revocation_status_unknown",
            "The revocation status of the certificate of ${signer} could not be "
            "checked (${detail}); the signature cannot be accepted. Try again "
            "later.",
            signer=signer,
            detail=str(error),
        ) from None
    except (ExpiredError, NotYetValidError):
        raise not_valid_at(certificate, signer, at) from None
    except (PathBuildingError, PathValidationError, ValidationError):
        raise untrusted(signer) from None
    return ValidationData(
        certificates=tuple(c.dump() for c in path.iter_certs(include_root=True)),
        crls=tuple(c.dump() for c in context.crls),
        ocsps=tuple(o.dump() for o in context.ocsps),
    )
