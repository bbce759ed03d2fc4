"""What each family file still owes, and by when: the deadlines of the case process.

Every function takes plain values (dates and the file's final documents) and
returns plain data, so the Plone side can keep a file's open obligations current
on each event and index the nearest due date.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from mgops.caseflow.core import states
from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.calendar import add_working_days
from mgops.caseflow.core.rules.closing import monitoring_obligations
from mgops.caseflow.core.rules.closing import social_work_obligations
from mgops.caseflow.core.rules.obligations import FAMILY_ASSISTANT
from mgops.caseflow.core.rules.obligations import SOCIAL_WORKER
from mgops.caseflow.core.rules.obligations import FileFacts
from mgops.caseflow.core.rules.obligations import Obligation
from mgops.caseflow.core.rules.obligations import dates_of
from mgops.caseflow.core.rules.obligations import final_documents


#: The final documents the deadline rules read: (portal_type, kind), where a
#: kind of None stands for every kind. Finalizing any other document (a
#: contract, a plan) changes no obligation; decisions count once signed.
OBLIGATION_DOCUMENTS = frozenset(
    {
        ("Interview", None),
        ("Note", "introduction"),
        ("Note", "monitoring_visit"),
        ("Note", "control_visit"),
        ("Assessment", None),
    }
)


def affects_obligations(portal_type: str, kind: str | None) -> bool:
    """Whether a document of this type and kind can change a file's obligations."""
    return (portal_type, None) in OBLIGATION_DOCUMENTS or (
        portal_type,
        kind,
    ) in OBLIGATION_DOCUMENTS


INTERVIEW_WORKING_DAYS = 14
URGENT_INTERVIEW_WORKING_DAYS = 2
INTRODUCTION_WORKING_DAYS = 7
ASSESSMENT_INTERVAL_MONTHS = 6


def interview_obligation(
    learned_on: date, urgent: bool, documents: Iterable[tuple] = ()
) -> Obligation | None:
    """The environmental interview, due 14 working days (2 when urgent) after the
    centre learns of the family; met by a final Interview.

    Regulation of the Minister of Family and Social Policy of 8 April 2021 on the
    family environmental interview, § 3.
    """
    if dates_of(documents, "Interview"):
        return None
    days = URGENT_INTERVIEW_WORKING_DAYS if urgent else INTERVIEW_WORKING_DAYS
    rule = "rule_interview_deadline_urgent" if urgent else "rule_interview_deadline"
    return Obligation(
        kind="interview",
        due=add_working_days(learned_on, days),
        rule=rule,
        responsible_role=SOCIAL_WORKER,
    )


def introduction_obligation(
    handed_over: date,
    documents: Iterable[tuple] = (),
    changed: bool = False,
    social_worker: str | None = None,
) -> Obligation | None:
    """The social worker introduces the assistant to the family within 7 working
    days of the signed assignment (or change of assistant, for the new one); met
    by a final Note of kind "introduction" dated on or after the handover and
    written by the file's social worker (``social_worker``), not by the
    assistant or anyone else.

    Centre's rules (DESIGN, "Process" 3).
    """
    if social_worker and any(
        document.portal_type == "Note"
        and document.kind == "introduction"
        and document.day >= handed_over
        and document.author == social_worker
        for document in final_documents(documents)
    ):
        return None
    return Obligation(
        kind="introduction",
        due=add_working_days(handed_over, INTRODUCTION_WORKING_DAYS),
        rule="rule_introduction_after_change"
        if changed
        else "rule_introduction_deadline",
        responsible_role=SOCIAL_WORKER,
    )


def assessment_obligation(
    work_started: date, documents: Iterable[tuple] = ()
) -> Obligation:
    """The next periodic assessment: 6 months after the start of work, then 6 months
    after the last final Assessment.

    Act of 9 June 2011 on supporting the family and the foster care system, art. 15
    ust. 1 pkt 15 ("at least once every six months"). A maximum interval, so a due
    date on a holiday is not moved later.
    """
    since = max([work_started, *dates_of(documents, "Assessment")])
    return Obligation(
        kind="assessment",
        due=add_months(since, ASSESSMENT_INTERVAL_MONTHS),
        rule="rule_assessment_every_six_months",
        responsible_role=FAMILY_ASSISTANT,
    )


def open_obligations(facts: FileFacts) -> list[Obligation]:
    """All open obligations of one file, sorted by due date, each naming the
    responsible user id. The "za_zyciem" path has no interview (DESIGN, "Process"
    11); work starts on the signed assignment. Every date read here is a legal
    one: the decisions' dates and the dates written in the final documents."""
    found: list[Obligation | None] = []
    documents = facts.documents
    if (
        facts.state in (states.INTAKE, states.AWAITING_DECISION)
        and facts.path == "standard"
        and facts.learned_on is not None
    ):
        found.append(interview_obligation(facts.learned_on, facts.urgent, documents))
    if facts.state == states.ACTIVE and facts.assignment_signed is not None:
        handed_over = max(
            facts.handed_over or facts.assignment_signed, facts.assignment_signed
        )
        changed = handed_over != facts.assignment_signed
        found.append(
            introduction_obligation(
                handed_over, documents, changed, facts.social_worker
            )
        )
        found.append(assessment_obligation(facts.assignment_signed, documents))
    if facts.state == states.MONITORING and facts.work_ended is not None:
        found.extend(monitoring_obligations(facts.work_ended, documents))
    if facts.state == states.SOCIAL_WORK and facts.social_work_started is not None:
        found.extend(
            social_work_obligations(
                facts.social_work_started,
                documents,
                facts.control_visits_per_month,
                facts.social_worker,
            )
        )
    people = {SOCIAL_WORKER: facts.social_worker, FAMILY_ASSISTANT: facts.assistant}
    return sorted(
        (
            replace(obligation, responsible=people[obligation.responsible_role])
            for obligation in found
            if obligation is not None
        ),
        key=lambda obligation: (obligation.due, obligation.kind),
    )
