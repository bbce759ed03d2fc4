"""When a closed family file's retention period ends (pure, no Plone).

Archival categories of the uniform list of files (JRWA) — Regulation of the
Prime Minister of 18 January 2011 on office instructions, uniform lists of files
and instructions on the organisation and scope of the operation of company
archives, annex 6 (§ 6): "A" is kept permanently (materials of archival value);
"Bn" is kept n years; "BEn" is kept n years and then assessed by the state
archive's expert before destruction. The period counts from 1 January of the
year after the case was closed.
"""

from datetime import date


PERMANENT = "A"


def retention_years(category: str) -> int | None:
    """Years a file of ``category`` is kept; None when kept permanently."""
    if category == PERMANENT or not category:
        return None
    digits = category.lstrip("BE")
    return int(digits) if digits.isdigit() else None


def needs_expert_assessment(category: str) -> bool:
    return (category or "").startswith("BE")


def retention_ends(category: str, closed_on: date) -> date | None:
    years = retention_years(category)
    if years is None or closed_on is None:
        return None
    return date(closed_on.year + 1 + years, 1, 1)


def retention_over(category: str, closed_on: date, today: date) -> bool:
    ends = retention_ends(category, closed_on)
    return ends is not None and today >= ends
