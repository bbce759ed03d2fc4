"""REGON, the identifier of the centre in the national business register.

Act of 29 June 1995 on official statistics, art. 42: every public body has a
REGON, nine digits (fourteen for a local unit), the last a check digit. The
checksum comes from python-stdnum (``stdnum.pl.regon``). The number is written
into archival metadata, so only bare digits are taken.
"""

from stdnum.exceptions import ValidationError
from stdnum.pl import regon as stdnum_regon

from mgops.caseflow.core.errors import RuleViolation


def check_regon(number: str) -> str:
    """Return the REGON, or raise RuleViolation naming what is wrong."""
    if not (number or "").isdigit() or len(number) not in (9, 14):
        raise RuleViolation(
            "rule_regon_format",
            "REGON must have 9 or 14 digits and nothing else (given: ${number}).",
            number=number,
        )
    try:
        stdnum_regon.validate(number)
    except ValidationError as error:
        raise RuleViolation(
            "rule_regon_checksum",
            "REGON ${number} is not valid: its check digit is wrong.",
            number=number,
        ) from error
    return number
