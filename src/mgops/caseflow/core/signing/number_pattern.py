"""Register numbers of decisions from a configurable pattern, and back.

A pattern such as ``AR.4010.{n}.{year}`` names the number in the year ``{n}`` and
the year ``{year}``, each exactly once, so every number maps back to one (n, year).
The gap-free counter itself belongs to the Plone layer.
"""

import re
import string

from mgops.caseflow.core.signing.errors import SignatureError


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
    """Raise ``SignatureError`` unless ``pattern`` can number decisions."""
    _parts(pattern)


def format_register_number(pattern: str, n: int, year: int) -> str:
    """The ``n``-th number (from 1) of ``year`` in ``pattern``."""
    _parts(pattern)
    if n < 1:
        raise ValueError("register numbers start at 1")
    return pattern.format(n=n, year=f"{year:04d}")


def parse_register_number(pattern: str, number: str) -> tuple[int, int]:
    """The (n, year) that ``number`` was formatted from with ``pattern``."""
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
