"""Register numbers of a case reference's shape, from before the register had its own.

Until profile 1012 decisions were numbered ``AR.4010.{n}.{year}`` by default,
the shape of a case reference. That number is inside the XML the head signed,
and a signed document never changes. So such a decision keeps it as
``signed_number``, which re-verification (``signing.reverify``), the archive
export and the import (``verify_archived``) render its XML with, and its entry
in the register gets the register's own number for the same (n, year), e.g.
``1/2025``. The counter (n per year, ``numbers.py``) is not touched, so the
register stays gap-free and unique; new signatures get the new shape from it.
"""

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import parse_register_number
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.numbers import format_number


#: the register's default pattern before 1012
LEGACY_PATTERN = "AR.4010.{n}.{year}"


def legacy_patterns() -> tuple[str, ...]:
    """The patterns this site numbered decisions with before the register's own:
    what the upgrade found configured, and the old default."""
    return tuple(dict.fromkeys((*decision_numbers().legacy_patterns, LEGACY_PATTERN)))


def record_legacy_pattern(pattern: str) -> None:
    """Remember a pattern that numbered signed decisions here (the upgrade)."""
    numbers = decision_numbers(create=True)
    if pattern not in numbers.legacy_patterns:
        numbers.legacy_patterns = (*numbers.legacy_patterns, pattern)


def read_legacy_number(number: str) -> tuple[int, int] | None:
    """The (n, year) of a number of one of the legacy patterns, else None."""
    for pattern in legacy_patterns():
        try:
            return parse_register_number(pattern, number)
        except SignatureError:
            continue
    return None


def renumber(decision) -> bool:
    """Give a signed decision the register's number for its (n, year), keeping
    the number its signature carries; False when it has that number already."""
    number = format_number(decision.register_n, decision.register_year)
    if decision.register_number == number:
        return False
    if not getattr(decision, "signed_number", None):
        decision.signed_number = decision.register_number
    decision.register_number = number
    return True
