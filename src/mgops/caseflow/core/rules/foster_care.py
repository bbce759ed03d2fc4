"""A child of the family placed in foster care (*piecza zastępcza*), and since when.

Seed rule 1 of the programme names families whose child is already in foster
care: the assistant works for the child's return home. The Act of 9 June 2011
on supporting the family and the foster-care system, art. 15 ust. 1 pkt 2,
gives the assistant, for such a family, a work plan agreed with the foster-care
coordinator and coordinated with the plan of help for the child placed in
foster care. A file records it per member: ``foster_care_since`` on a child's
row, a day not before the child's birth (and, as every recorded date, not in
the future: the schema's constraint).
"""

from datetime import date

from mgops.caseflow.core.errors import RuleViolation


#: the member role (vocabulary ``MemberRoles``) that can be placed in foster care
CHILD = "child"


def check_foster_care(
    role: str | None, birth_date: date | None, since: date | None, name: str = ""
) -> None:
    """Refuse a placement recorded on a member who is not a child, or dated
    before the child was born."""
    if since is None:
        return
    if role != CHILD:
        raise RuleViolation(
            "rule_foster_care_child_only",
            "Only a child of the family is placed in foster care; ${name} is not "
            "recorded as a child.",
            name=name,
        )
    if birth_date is not None and since < birth_date:
        raise RuleViolation(
            "rule_foster_care_before_birth",
            "${name} was placed in foster care on ${since}, before their birth "
            "(${birth_date}).",
            name=name,
            since=since.isoformat(),
            birth_date=birth_date.isoformat(),
        )


def placed_children(members, day: date) -> list[dict]:
    """The child rows of ``members`` placed in foster care on ``day``."""
    return [
        row
        for row in members or ()
        if row.get("role") == CHILD
        and isinstance(row.get("foster_care_since"), date)
        and row["foster_care_since"] <= day
    ]
