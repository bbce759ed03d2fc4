"""The case reference (znak sprawy) of a family file.

Regulation of the Prime Minister of 18 January 2011 on the office instruction,
§ 11: the reference is the organisational-unit prefix and JRWA class, then the
case number and the year, separated by dots, e.g. ``AR.4010.12.2026``.
"""

import re

from mgops.caseflow.core.errors import RuleViolation


DEFAULT_PREFIX = "AR.4010"

_PREFIX = re.compile(r"^[A-Z][A-Z0-9-]*(\.[A-Z0-9-]+)*$")


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
