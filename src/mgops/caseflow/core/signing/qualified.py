"""Is a certificate a qualified certificate for electronic signatures?

A qualified certificate says so in its qcStatements extension (RFC 3739, with
the statements of ETSI EN 319 412-5): id-etsi-qcs-QcCompliance (issued as a
qualified certificate, Regulation (EU) No 910/2014 (eIDAS), Annex I) and,
where the private key is on a qualified signature creation device (a smart
card), id-etsi-qcs-QcSSCD. The Polish Act of 5 September 2016 on trust
services and electronic identification gives a qualified electronic signature
the effect of a handwritten one (eIDAS art. 25(2)).
"""

from asn1crypto import core
from cryptography import x509

from mgops.caseflow.core.signing.errors import VerificationError


QC_STATEMENTS = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
QC_COMPLIANCE = "0.4.0.1862.1.1"
QC_SSCD = "0.4.0.1862.1.4"


class QcStatement(core.Sequence):
    _fields = [
        ("statement_id", core.ObjectIdentifier),
        ("statement_info", core.Any, {"optional": True}),
    ]


class QcStatements(core.SequenceOf):
    _child_spec = QcStatement


def qc_statement_ids(certificate: x509.Certificate) -> set[str]:
    """The dotted OIDs of the certificate's QC statements (empty without any)."""
    try:
        extension = certificate.extensions.get_extension_for_oid(QC_STATEMENTS)
    except x509.ExtensionNotFound:
        return set()
    try:
        statements = QcStatements.load(extension.value.value)
        return {statement["statement_id"].dotted for statement in statements}
    except (ValueError, TypeError):
        return set()


def check_qualified(
    certificate: x509.Certificate, signer: str, require_sscd: bool
) -> None:
    """Raise ``VerificationError`` unless the certificate is qualified (and on an
    SSCD, when ``require_sscd``)."""
    found = qc_statement_ids(certificate)
    if QC_COMPLIANCE not in found:
        raise VerificationError(
            "certificate_not_qualified",
            "The certificate of ${signer} is not a qualified certificate (it "
            "carries no QcCompliance statement); the centre accepts only "
            "qualified electronic signatures.",
            signer=signer,
        )
    if require_sscd and QC_SSCD not in found:
        raise VerificationError(
            "certificate_not_on_sscd",
            "The certificate of ${signer} does not state that its key is on a "
            "qualified signature creation device (QcSSCD), which the centre "
            "requires.",
            signer=signer,
        )
