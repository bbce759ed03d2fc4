"""The national trusted list (ETSI TS 119 612), read only once its signature holds.

The supervisory body (in Poland the minister for digitisation, Act of
5 September 2016 on trust services, art. 13; the list is published under
eIDAS art. 22) signs its trusted list with an enveloped XML signature. The list
is accepted only if that signature verifies with one of the list-signing
certificates the centre configured (the certificate in the signature must be
one of them); then the qualified CAs (service type ``CA/QC``) and qualified
time-stamping services (``TSA/QTST``) are taken from it with their current
status and their status history.
"""

import base64
import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import SignXMLException

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.xades import DS_NAMESPACE


TSL_NAMESPACE = "http://uri.etsi.org/02231/v2#"
QUALIFIED_CA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
QUALIFIED_TSA = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
_NS = {"tsl": TSL_NAMESPACE, "ds": DS_NAMESPACE}


@dataclass(frozen=True)
class StatusPeriod:
    status: str
    since: datetime.datetime


@dataclass(frozen=True)
class TrustedService:
    """A qualified CA or TSA of the list: its certificates, now and before."""

    name: str
    service_type: str
    certificates: tuple[x509.Certificate, ...]
    history: tuple[StatusPeriod, ...]  # newest first

    @property
    def granted(self) -> bool:
        return bool(self.history) and self.history[0].status == GRANTED


def _refused(detail: str) -> VerificationError:
    return VerificationError(
        "trusted_list_signature_invalid",
        "The trusted list was not installed: its signature does not verify with "
        "the configured list-signing certificate (${detail}).",
        detail=detail,
    )


def _check_signature(data: bytes, signing_certificates: list[x509.Certificate]):
    if not signing_certificates:
        raise _refused("no list-signing certificate is configured")
    root = parse_untrusted(data)
    texts = root.findall("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS)
    try:
        (signer,) = [
            x509.load_der_x509_certificate(base64.b64decode("".join(t.text.split())))
            for t in texts
        ]
    except (ValueError, TypeError, AttributeError):
        raise _refused("the list carries no signer's certificate") from None
    der = signer.public_bytes(Encoding.DER)
    if not any(c.public_bytes(Encoding.DER) == der for c in signing_certificates):
        raise _refused("signed with another certificate")
    try:
        XMLVerifier().verify(
            data,
            x509_cert=signer.public_bytes(Encoding.PEM).decode("ascii"),
            expect_references=1,
        )
    except (SignXMLException, etree.LxmlError, ValueError) as error:
        raise _refused(str(error) or type(error).__name__) from None
    return root


def _moment(text: str | None) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat((text or "").strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _certificates(node) -> tuple[x509.Certificate, ...]:
    return tuple(
        x509.load_der_x509_certificate(base64.b64decode("".join(t.text.split())))
        for t in node.iterfind(
            "tsl:ServiceDigitalIdentity/tsl:DigitalId/tsl:X509Certificate", _NS
        )
    )


def _period(node) -> StatusPeriod:
    return StatusPeriod(
        status=node.findtext("tsl:ServiceStatus", "", _NS).strip(),
        since=_moment(node.findtext("tsl:StatusStartingTime", None, _NS)),
    )


def read_trusted_list(
    data: bytes, signing_certificates: list[x509.Certificate]
) -> list[TrustedService]:
    """The qualified CAs and TSAs of a trusted list whose signature holds."""
    root = _check_signature(data, signing_certificates)
    services = []
    try:
        for service in root.iterfind(".//tsl:TSPService", _NS):
            information = service.find("tsl:ServiceInformation", _NS)
            kind = information.findtext("tsl:ServiceTypeIdentifier", "", _NS).strip()
            if kind not in (QUALIFIED_CA, QUALIFIED_TSA):
                continue
            history = [_period(information)] + [
                _period(old)
                for old in service.iterfind(
                    "tsl:ServiceHistory/tsl:ServiceHistoryInstance", _NS
                )
            ]
            services.append(
                TrustedService(
                    name=information.findtext(
                        "tsl:ServiceName/tsl:Name", "", _NS
                    ).strip(),
                    service_type=kind,
                    certificates=_certificates(information),
                    history=tuple(sorted(history, key=lambda p: p.since, reverse=True)),
                )
            )
    except (ValueError, TypeError, AttributeError) as error:
        raise VerificationError(
            "trusted_list_malformed",
            "The trusted list cannot be read (${detail}).",
            detail=str(error),
        ) from None
    return services
