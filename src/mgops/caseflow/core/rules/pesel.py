"""PESEL, the Polish personal identification number.

Act of 24 September 2010 on population records, art. 15: eleven digits encoding
the birth date, a serial number, the sex and a check digit. The checksum and the
date decoding come from python-stdnum (``stdnum.pl.pesel``).
"""

from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.pl import pesel as stdnum_pesel

from mgops.caseflow.core.errors import RuleViolation


def check_pesel(number: str, birth_date: date | None = None) -> str:
    """Return the PESEL compacted, or raise RuleViolation naming what is wrong.

    When ``birth_date`` is given, the date encoded in the PESEL must match it.
    """
    compact = stdnum_pesel.compact(number or "")
    if len(compact) != 11 or not compact.isdigit():
        raise RuleViolation(
            "rule_pesel_format",
            "PESEL must have exactly 11 digits (given: ${number}).",
            number=number,
        )
    try:
        stdnum_pesel.validate(compact)
    except ValidationError as error:
        raise RuleViolation(
            "rule_pesel_checksum",
            "PESEL ${number} is not valid: its check digit or encoded date is wrong.",
            number=compact,
        ) from error
    if birth_date is not None:
        encoded = stdnum_pesel.get_birth_date(compact)
        if encoded != birth_date:
            raise RuleViolation(
                "rule_pesel_birth_date",
                "PESEL ${number} encodes the birth date ${encoded}, "
                "but the birth date given is ${given}.",
                number=compact,
                encoded=encoded.isoformat(),
                given=birth_date.isoformat(),
            )
    return compact
