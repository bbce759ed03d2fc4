"""How many families one family assistant may work with at the same time."""

from mgops.caseflow.core.errors import RuleViolation


# Act of 9 June 2011 on supporting the family and the foster care system, art. 15
# ust. 4: the number of families one assistant works with at the same time may not
# exceed 15. The centre may set a lower limit, never a higher one.
STATUTORY_CASELOAD_LIMIT = 15
DEFAULT_CASELOAD_LIMIT = STATUTORY_CASELOAD_LIMIT


def effective_caseload_limit(limit: int = DEFAULT_CASELOAD_LIMIT) -> int:
    """The configured limit, capped at the statutory 15 (Act of 9 June 2011,
    art. 15 ust. 4) so that a registry setting cannot exceed the law."""
    if limit < 1:
        raise ValueError("the caseload limit must be at least 1")
    return min(limit, STATUTORY_CASELOAD_LIMIT)


def check_caseload(active_count: int, limit: int = DEFAULT_CASELOAD_LIMIT) -> None:
    """Refuse to give an assistant one more family beyond the limit.

    ``active_count`` is the number of families the assistant already works with;
    taking one more must not exceed the limit (Act of 9 June 2011, art. 15 ust. 4).
    """
    limit = effective_caseload_limit(limit)
    if active_count + 1 > limit:
        raise RuleViolation(
            "rule_caseload_limit",
            "The assistant already works with ${active} families; an assistant may "
            "work with at most ${limit} families at once (Act of 9 June 2011 on "
            "supporting the family, art. 15).",
            active=active_count,
            limit=limit,
        )


def caseload_free_places(active_count: int, limit: int = DEFAULT_CASELOAD_LIMIT) -> int:
    """How many more families the assistant may take (never below zero)."""
    return max(effective_caseload_limit(limit) - active_count, 0)
