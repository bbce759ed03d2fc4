"""Whose certificate it is: the rule a head's own keystore must meet.

A head registers a keystore for themselves only if its certificate names them:

* the subject's common name, or its given name and surname together, is the
  user's full name, compared without regard to case, spacing and diacritics
  ("EWA  Kierownik" and "Ewa Kierownik", "Zastepczyni" and "Zastępczyni");
* where the subject carries a PESEL as its serialNumber, ``PNOPL-<PESEL>``
  (the natural-person semantics identifier of ETSI EN 319 412-1, 5.1.3, used by
  Polish qualified certificates), it is the PESEL of the user's profile, if the
  profile holds one.

Otherwise the administrator registers the keystore for that user, and so
confirms that it is theirs (``signing.keys``).
"""

import unicodedata

from cryptography import x509
from cryptography.x509.oid import NameOID

from mgops.caseflow.core.signing.errors import SignatureError


#: ETSI EN 319 412-1, 5.1.3: a national identity number of Poland
PESEL_PREFIX = "PNOPL-"
#: letters NFKD does not take apart into a base letter and a mark
_FOLDED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


def normalized(name: str) -> str:
    """``name`` without case, diacritics or extra spacing, for comparison."""
    decomposed = unicodedata.normalize("NFKD", (name or "").translate(_FOLDED))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def _values(subject: x509.Name, oid) -> list[str]:
    return [str(attribute.value) for attribute in subject.get_attributes_for_oid(oid)]


def named_people(certificate: x509.Certificate) -> list[str]:
    """The names the subject gives: common names, and given name + surname."""
    subject = certificate.subject
    names = _values(subject, NameOID.COMMON_NAME)
    for given in _values(subject, NameOID.GIVEN_NAME):
        names.extend(f"{given} {sur}" for sur in _values(subject, NameOID.SURNAME))
    return names


def pesels(certificate: x509.Certificate) -> list[str]:
    """The PESELs in the subject's serialNumber (``PNOPL-…``)."""
    return [
        value.removeprefix(PESEL_PREFIX)
        for value in _values(certificate.subject, NameOID.SERIAL_NUMBER)
        if value.upper().startswith(PESEL_PREFIX)
    ]


def check_certificate_names(
    certificate: x509.Certificate, full_name: str, pesel: str | None = None
) -> None:
    """Raise ``SignatureError`` unless the certificate names this person."""
    subject = certificate.subject.rfc4514_string()
    wanted = normalized(full_name)
    if not wanted or wanted not in {normalized(n) for n in named_people(certificate)}:
        raise SignatureError(
            "certificate_names_someone_else",
            "The certificate (${subject}) does not name you (${full_name}); only "
            "the administrator can register it for you.",
            subject=subject,
            full_name=full_name or "-",
        )
    if pesel and any(found != pesel for found in pesels(certificate)):
        raise SignatureError(
            "certificate_pesel_mismatch",
            "The PESEL in the certificate (${subject}) is not the one in your "
            "profile; only the administrator can register it for you.",
            subject=subject,
        )
