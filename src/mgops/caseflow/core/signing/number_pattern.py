"""Register numbers of decisions from a configurable pattern, and back.

A pattern such as ``{n}/{year}`` names the number in the year ``{n}`` and the
year ``{year}``, each exactly once, so every number maps back to one (n, year).
The gap-free counter itself belongs to the Plone layer.

A register number must never be taken for a case reference (``AR.4010.1.2026``
names a family file, ``decyzja nr 1/2026`` a decision). A case reference holds
only letters, digits, dots and hyphens (``core.rules.case_reference``), and
``{n}`` and ``{year}`` give digits only, so a pattern is accepted only when its
own text holds some other character (such as the slash of the default): then
none of its numbers can read as a case reference, whatever the prefix.
"""

import re
import string

from mgops.caseflow.core.rules.case_reference import is_case_reference_character
from mgops.caseflow.core.signing.errors import SignatureError


#: "decyzja nr 1/2026": the register's own shape, never a case reference's
DEFAULT_PATTERN = "{n}/{year}"

_FIELD_PATTERNS = {"n": "(?P<n>[1-9][0-9]*)", "year": "(?P<year>[0-9]{4})"}


def _invalid_pattern(pattern: str) -> SignatureError:
    return SignatureError(
        "register_pattern_invalid",
        "The register number pattern ${pattern} must contain {n} and {year} "
        "exactly once and no other fields.",
        pattern=pattern,
    )


def _parts(pattern: str) -> list[tuple[str, str | None]]:
    """The pattern as (literal text, field name or None) pairs, once it is valid."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise _invalid_pattern(pattern) from None
    fields = sorted(field for _, field, _, _ in parts if field is not None)
    if fields != ["n", "year"] or any(spec or conv for _, _, spec, conv in parts):
        raise _invalid_pattern(pattern)
    return [(literal, field) for literal, field, _, _ in parts]


def validate_pattern(pattern: str) -> None:
    """Raise ``SignatureError`` unless ``pattern`` can number decisions, each
    with a number that no one can take for a case reference."""
    literals = "".join(literal for literal, _ in _parts(pattern))
    if all(is_case_reference_character(character) for character in literals):
        raise SignatureError(
            "register_pattern_like_case_reference",
            "The register number pattern ${pattern} gives numbers that look like "
            "case references; put in a character that a case reference never "
            "has, such as a slash, e.g. {n}/{year}.",
            pattern=pattern,
        )


def format_register_number(pattern: str, n: int, year: int) -> str:
    """The ``n``-th number (from 1) of ``year`` in ``pattern``."""
    validate_pattern(pattern)
    if n < 1:
        raise ValueError("register numbers start at 1")
    return pattern.format(n=n, year=f"{year:04d}")


def parse_register_number(pattern: str, number: str) -> tuple[int, int]:
    """The (n, year) that ``number`` was formatted from with ``pattern``.

    Any valid pattern is read, a case-reference-like one too: numbers given
    before the register had a shape of its own are still read back.
    """
    regex = "".join(
        re.escape(literal) + (_FIELD_PATTERNS[field] if field else "")
        for literal, field in _parts(pattern)
    )
    match = re.fullmatch(regex, number)
    if match is None:
        raise SignatureError(
            "register_number_invalid",
            "${number} is not a register number of the form ${pattern}.",
            number=number,
            pattern=pattern,
        )
    return int(match["n"]), int(match["year"])
