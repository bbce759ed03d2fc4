"""When a closed family file's retention period ends (pure, no Plone).

Archival categories of the uniform list of files (JRWA) — Regulation of the
Prime Minister of 18 January 2011 on office instructions, uniform lists of files
and instructions on the organisation and scope of the operation of company
archives, annex 6 (§ 6): "A" is kept permanently (materials of archival value);
"Bn" is kept n years; "BEn" is kept n years and then assessed by the state
archive's expert before destruction. The period counts from 1 January of the
year after the case was closed.

Every "B" category is non-archival documentation (*dokumentacja
niearchiwalna*), which the Act of 14 July 1983 on the national archival
resource and archives lets a public body destroy only with the consent of the
director of the competent state archive (art. 5 ust. 1 pkt 2 of the
consolidated text, Dz. U. 2020 poz. 164: "może ulec brakowaniu, za zgodą
dyrektora właściwego archiwum państwowego"; the task names it art. 5 ust. 2).
That holds for B5, B10, B25 as for BE10; "BE" adds the archive's expert
assessment.
"""

from datetime import date

from mgops.caseflow.core.errors import RuleViolation


PERMANENT = "A"


def retention_years(category: str) -> int | None:
    """Years a file of ``category`` is kept; None when kept permanently."""
    if category == PERMANENT or not category:
        return None
    digits = category.lstrip("BE")
    return int(digits) if digits.isdigit() else None


def needs_expert_assessment(category: str) -> bool:
    return (category or "").startswith("BE")


def needs_archive_consent(category: str) -> bool:
    """Non-archival documentation: every category B (B5, B10, BE10, …)."""
    return (category or "").startswith("B")


def retention_ends(category: str, closed_on: date) -> date | None:
    years = retention_years(category)
    if years is None or closed_on is None:
        return None
    return date(closed_on.year + 1 + years, 1, 1)


def retention_over(category: str, closed_on: date, today: date) -> bool:
    ends = retention_ends(category, closed_on)
    return ends is not None and today >= ends


#: the longest archive name and consent reference a protocol keeps
CONSENT_TEXT_LIMIT = 200


def _no_consent(category: str) -> RuleViolation:
    return RuleViolation(
        "rule_destroy_archive_consent",
        "Non-archival (category ${category}) files are destroyed only with the "
        "consent of the director of the competent state archive: give in "
        "archive_consent the archive's name (archive), the consent's reference "
        "(reference), each at most ${limit} characters, and its date "
        "(date, YYYY-MM-DD).",
        category=category,
        limit=CONSENT_TEXT_LIMIT,
    )


def _consent_text(value) -> str | None:
    value = value.strip() if isinstance(value, str) else ""
    return value if 0 < len(value) <= CONSENT_TEXT_LIMIT else None


def _consent_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_archive_consent(
    category: str, consent, closed_on: date | None, today: date
) -> dict | None:
    """The state archive's consent as the protocol keeps it, or a refusal.

    ``consent`` is ``{"archive", "reference", "date"}`` (the date as ISO text or
    a ``date``); None when the category needs none (it is never destroyed).
    The consent is dated no later than today and not before the file closed.
    """
    if not needs_archive_consent(category):
        return None
    consent = consent if isinstance(consent, dict) else {}
    archive = _consent_text(consent.get("archive"))
    reference = _consent_text(consent.get("reference"))
    given = _consent_date(consent.get("date"))
    if archive is None or reference is None or given is None:
        raise _no_consent(category)
    if given > today or (closed_on is not None and given < closed_on):
        raise RuleViolation(
            "rule_destroy_archive_consent_date",
            "The state archive's consent is dated ${date}: it must lie between the "
            "file's closing (${closed}) and today.",
            date=given.isoformat(),
            closed=closed_on.isoformat() if closed_on else "—",
        )
    return {"archive": archive, "reference": reference, "date": given.isoformat()}
