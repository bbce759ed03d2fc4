"""The case reference (znak sprawy) of a family file.

Regulation of the Prime Minister of 18 January 2011 on the office instruction,
§ 11: the reference is the organisational-unit prefix and JRWA class, then the
case number and the year, separated by dots, e.g. ``AR.4010.12.2026``.
"""

import re

from mgops.caseflow.core.errors import RuleViolation


DEFAULT_PREFIX = "AR.4010"

_PREFIX = re.compile(r"^[A-Z][A-Z0-9-]*(\.[A-Z0-9-]+)*$")
#: a reference under any valid prefix, as ``check_case_reference`` reads it
_ANY_REFERENCE = re.compile(r"[A-Z][A-Z0-9-]*(\.[A-Z0-9-]+)*\.[1-9]\d*\.\d{4}")


def check_prefix(prefix: str) -> str:
    """Return the prefix, or refuse one that cannot start a case reference."""
    if not _PREFIX.match(prefix or ""):
        raise RuleViolation(
            "rule_case_reference_prefix",
            "The case reference prefix ${prefix} is not valid; "
            "use capitals, digits and dots, e.g. AR.4010.",
            prefix=prefix,
        )
    return prefix


def looks_like_case_reference(value: str) -> bool:
    """Whether ``value`` reads as a case reference of some prefix, ignoring case
    and surrounding spaces (people read ``ar.4010.1.2026`` as one too)."""
    return _ANY_REFERENCE.fullmatch((value or "").strip().upper()) is not None


def is_case_reference_character(character: str) -> bool:
    """Whether a character can be part of a case reference as people read one:
    a letter, a digit, a dot, a hyphen, or the spaces around it."""
    return character.isalnum() or character in ".-" or character.isspace()


def check_case_reference(value: str, prefix: str = DEFAULT_PREFIX) -> tuple[int, int]:
    """Return ``(number, year)`` of a reference in the pattern ``<prefix>.<n>.<year>``."""
    pattern = re.compile(r"^%s\.([1-9]\d*)\.(\d{4})$" % re.escape(check_prefix(prefix)))
    match = pattern.match((value or "").strip())
    if not match:
        raise RuleViolation(
            "rule_case_reference_pattern",
            "The case reference ${value} does not follow the pattern "
            "${prefix}.<number>.<year>, e.g. ${prefix}.12.2026.",
            value=value,
            prefix=prefix,
        )
    return int(match.group(1)), int(match.group(2))


def format_case_reference(number: int, year: int, prefix: str = DEFAULT_PREFIX) -> str:
    """Build the reference for the ``number``-th case of ``year``."""
    return f"{check_prefix(prefix)}.{number}.{year}"
