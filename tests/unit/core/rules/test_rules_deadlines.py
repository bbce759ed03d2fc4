"""Deadlines of the case process, at and around each boundary."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from mgops.caseflow.core.rules.deadlines import FileFacts
from mgops.caseflow.core.rules.deadlines import Obligation
from mgops.caseflow.core.rules.deadlines import affects_obligations
from mgops.caseflow.core.rules.deadlines import assessment_obligation
from mgops.caseflow.core.rules.deadlines import interview_obligation
from mgops.caseflow.core.rules.deadlines import introduction_obligation
from mgops.caseflow.core.rules.deadlines import open_obligations
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS
from mgops.caseflow.core.rules.obligations import PATHS
from mgops.caseflow.core.rules.obligations import STATES


# Interview: regulation of the Minister of Family and Social Policy of
# 8 April 2021 on the family environmental interview, § 3.


def test_interview_due_within_14_working_days_of_learning_of_the_family():
    # From Thu 10 Dec 2026: 11, 14-18, 21-23 Dec (9), 28-31 Dec (13), 4 Jan (14);
    # 24-25 Dec and 1 Jan are holidays.
    obligation = interview_obligation(date(2026, 12, 10), urgent=False)
    assert obligation.due == date(2027, 1, 4)
    assert obligation.kind == "interview"
    assert obligation.rule == "rule_interview_deadline"
    assert obligation.responsible_role == "SocialWorker"


def test_urgent_interview_due_within_2_working_days_over_easter_monday():
    # Thu 2 Apr 2026: Fri 3 Apr is day 1, Easter Monday 6 Apr is skipped.
    obligation = interview_obligation(date(2026, 4, 2), urgent=True)
    assert obligation.due == date(2026, 4, 7)
    assert obligation.rule == "rule_interview_deadline_urgent"


def test_urgent_interview_due_over_corpus_christi():
    assert interview_obligation(date(2026, 6, 3), urgent=True).due == date(2026, 6, 8)


def test_urgent_interview_due_over_1_and_3_may_2026():
    # 1 May (Fri) holiday, 2-3 May weekend (3 May a Sunday holiday): 4 and 5 May.
    assert interview_obligation(date(2026, 4, 30), urgent=True).due == date(2026, 5, 5)


def test_interview_obligation_is_met_by_a_final_interview():
    documents = [("Interview", None, date(2026, 12, 15))]
    assert interview_obligation(date(2026, 12, 10), False, documents) is None


def test_interview_obligation_is_not_met_by_other_documents():
    documents = [("Note", "visit", date(2026, 12, 15))]
    assert interview_obligation(date(2026, 12, 10), False, documents) is not None


# Introduction: centre's rules, 7 working days from the signed assignment.


def test_introduction_due_7_working_days_after_handover_on_23_december_2026():
    # 24-27 Dec (Christmas Eve, Christmas, weekend), 1 Jan and 6 Jan are skipped.
    obligation = introduction_obligation(date(2026, 12, 23))
    assert obligation.due == date(2027, 1, 7)
    assert obligation.kind == "introduction"
    assert obligation.responsible_role == "SocialWorker"


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (date(2027, 1, 6), False),  # the day before
        (date(2027, 1, 7), False),  # the due day itself is in time
        (date(2027, 1, 8), True),  # the day after
    ],
)
def test_introduction_overdue_only_after_the_seventh_working_day(today, overdue):
    assert introduction_obligation(date(2026, 12, 23)).is_overdue(today) is overdue


def test_introduction_obligation_is_met_by_the_social_workers_introduction_note():
    documents = [("Note", "introduction", date(2026, 12, 28), "anna.sw")]
    assert (
        introduction_obligation(date(2026, 12, 23), documents, social_worker="anna.sw")
        is None
    )


@pytest.mark.parametrize("author", ["piotr.fa", "admin", None])
def test_introduction_note_by_anyone_else_does_not_meet_the_obligation(author):
    """DESIGN, Process 3: the social worker introduces the assistant; an
    introduction note by the assistant (or of unknown author) is not that act."""
    documents = [("Note", "introduction", date(2026, 12, 28), author)]
    assert introduction_obligation(
        date(2026, 12, 23), documents, social_worker="anna.sw"
    )


def test_introduction_obligation_of_a_file_without_social_worker_stays_open():
    documents = [("Note", "introduction", date(2026, 12, 28), None)]
    assert introduction_obligation(date(2026, 12, 23), documents, social_worker=None)


def test_introduction_obligation_is_not_met_by_a_visit_note():
    documents = [("Note", "visit", date(2026, 12, 28))]
    assert introduction_obligation(date(2026, 12, 23), documents) is not None


# Assessment: Act of 9 June 2011 on supporting the family, art. 15 (at least
# every 6 months).


def test_first_assessment_due_6_months_after_the_start_of_work():
    obligation = assessment_obligation(date(2026, 1, 15))
    assert obligation.due == date(2026, 7, 15)
    assert obligation.kind == "assessment"
    assert obligation.responsible_role == "FamilyAssistant"


def test_assessment_due_at_month_end_when_the_start_day_does_not_exist():
    assert assessment_obligation(date(2026, 8, 31)).due == date(2027, 2, 28)


def test_assessment_due_is_not_moved_off_a_weekend():
    # 6 months after 5 Dec 2026 is Sat 5 Jun 2027; "at least every 6 months" is a
    # maximum interval, so it is not stretched to Monday.
    assert assessment_obligation(date(2026, 12, 5)).due == date(2027, 6, 5)


def test_next_assessment_due_6_months_after_the_last_final_assessment():
    documents = [
        ("Assessment", None, date(2026, 6, 30)),
        ("Assessment", None, date(2026, 12, 20)),
    ]
    obligation = assessment_obligation(date(2026, 1, 15), documents)
    assert obligation.due == date(2027, 6, 20)


def test_assessment_before_the_start_of_work_does_not_count():
    documents = [("Assessment", None, date(2025, 12, 1))]
    obligation = assessment_obligation(date(2026, 1, 15), documents)
    assert obligation.due == date(2026, 7, 15)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2026, 7, 14), False), (date(2026, 7, 15), False), (date(2026, 7, 16), True)],
)
def test_assessment_overdue_after_six_months(today, overdue):
    assert assessment_obligation(date(2026, 1, 15)).is_overdue(today) is overdue


def test_every_obligation_rule_has_an_english_text():
    obligation = assessment_obligation(date(2026, 1, 15))
    assert obligation.default == OBLIGATION_TEXTS["rule_assessment_every_six_months"]
    assert "6 months" in obligation.default


# open_obligations: the snapshot of a whole file.


PEOPLE = {"social_worker": "anna.sw", "assistant": "piotr.fa"}


def test_open_obligations_in_intake_name_the_interview_for_the_social_worker():
    facts = FileFacts(state="intake", learned_on=date(2026, 12, 10), **PEOPLE)
    assert open_obligations(facts) == [
        Obligation(
            kind="interview",
            due=date(2027, 1, 4),
            rule="rule_interview_deadline",
            responsible_role="SocialWorker",
            responsible="anna.sw",
        )
    ]


def test_za_zyciem_path_has_no_interview_obligation():
    facts = FileFacts(
        state="intake", path="za_zyciem", learned_on=date(2026, 12, 10), **PEOPLE
    )
    assert open_obligations(facts) == []


def test_urgent_flag_shortens_the_interview_in_open_obligations():
    facts = FileFacts(
        state="intake", learned_on=date(2026, 4, 2), urgent=True, **PEOPLE
    )
    assert [o.due for o in open_obligations(facts)] == [date(2026, 4, 7)]


def test_open_obligations_when_active_are_introduction_then_assessment():
    facts = FileFacts(
        state="active",
        learned_on=date(2026, 11, 2),
        assignment_signed=date(2026, 12, 23),
        documents=[("Interview", None, date(2026, 11, 5))],
        **PEOPLE,
    )
    assert [(o.kind, o.due, o.responsible) for o in open_obligations(facts)] == [
        ("introduction", date(2027, 1, 7), "anna.sw"),
        ("assessment", date(2027, 6, 23), "piotr.fa"),
    ]


def test_open_obligations_accept_datetimes_for_document_dates():
    facts = FileFacts(
        state="active",
        assignment_signed=date(2026, 12, 23),
        documents=[
            ("Note", "introduction", datetime(2026, 12, 28, 10, 0), "anna.sw"),
            ("Assessment", None, datetime(2027, 3, 1, 9, 30)),
        ],
        **PEOPLE,
    )
    assert [(o.kind, o.due) for o in open_obligations(facts)] == [
        ("assessment", date(2027, 9, 1)),
    ]


def test_open_obligations_in_monitoring_list_each_month_without_a_note():
    facts = FileFacts(
        state="monitoring",
        assignment_signed=date(2025, 6, 1),
        work_ended=date(2026, 1, 31),
        documents=[("Note", "monitoring_visit", date(2026, 3, 12))],
        **PEOPLE,
    )
    assert [
        (o.kind, o.not_before, o.due, o.responsible) for o in open_obligations(facts)
    ] == [
        ("monitoring_visit", date(2026, 2, 1), date(2026, 2, 28), "piotr.fa"),
        ("monitoring_visit", date(2026, 4, 1), date(2026, 4, 30), "piotr.fa"),
    ]


def test_open_obligations_in_social_work_are_a_control_visit_each_month():
    facts = FileFacts(
        state="social_work",
        social_work_started=date(2026, 1, 31),
        documents=[
            ("Note", "control_visit", date(2026, 3, 10), "anna.sw"),
            # a control visit written by someone else is not the social worker's
            ("Note", "control_visit", date(2026, 2, 10), "piotr.fa"),
        ],
        **PEOPLE,
    )
    assert [
        (o.kind, o.not_before, o.due, o.responsible) for o in open_obligations(facts)
    ] == [
        ("control_visit", date(2026, 1, 31), date(2026, 2, 27), "anna.sw"),
        ("control_visit", date(2026, 3, 31), date(2026, 4, 29), "anna.sw"),
    ]


def test_social_work_needs_the_configured_number_of_control_visits():
    visits = [
        ("Note", "control_visit", date(2026, 2, day), "anna.sw") for day in (3, 17)
    ]
    facts = FileFacts(
        state="social_work",
        social_work_started=date(2026, 2, 1),
        documents=visits,
        control_visits_per_month=2,
        **PEOPLE,
    )
    assert [o.not_before for o in open_obligations(facts)] == [
        date(2026, 3, 1),
        date(2026, 4, 1),
    ]


def test_a_new_assistant_is_introduced_within_7_working_days_of_the_change():
    facts = FileFacts(
        state="active",
        assignment_signed=date(2026, 3, 2),
        handed_over=date(2026, 9, 1),
        documents=[("Note", "introduction", date(2026, 3, 4), "anna.sw")],
        **PEOPLE,
    )
    (introduction,) = [o for o in open_obligations(facts) if o.kind == "introduction"]
    assert introduction.due == date(2026, 9, 10)
    assert introduction.rule == "rule_introduction_after_change"


@pytest.mark.parametrize("state", ["closed", "archived"])
def test_closed_and_archived_files_owe_nothing(state):
    facts = FileFacts(
        state=state,
        learned_on=date(2026, 1, 2),
        assignment_signed=date(2026, 2, 2),
        work_ended=date(2026, 8, 31),
        **PEOPLE,
    )
    assert open_obligations(facts) == []


def test_open_obligations_are_sorted_by_due_date():
    facts = FileFacts(
        state="active",
        assignment_signed=date(2026, 1, 15),
        documents=[("Assessment", None, date(2026, 1, 20))],
        **PEOPLE,
    )
    dues = [o.due for o in open_obligations(facts)]
    assert dues == sorted(dues)
    assert dues == [date(2026, 1, 26), date(2026, 7, 20)]


def test_file_facts_refuse_an_unknown_state():
    with pytest.raises(ValueError, match="state"):
        FileFacts(state="running")


def test_file_facts_refuse_an_unknown_path():
    with pytest.raises(ValueError, match="path"):
        FileFacts(state="intake", path="express")


# -- which documents the deadline rules read ------------------------------------

DOCUMENT_KINDS = {
    "Interview": [None],
    "Contract": [None],
    "Plan": [None],
    "Assessment": [None],
    "Note": [
        "visit",
        "monitoring_visit",
        "control_visit",
        "introduction",
        "intervention",
        "end_request",
        "za_zyciem_application",
    ],
    "Decision": [
        "assign_assistant",
        "change_assistant",
        "end_work",
        "close_early",
        "other",
    ],
}
IGNORED = [
    (portal_type, kind)
    for portal_type, kinds in DOCUMENT_KINDS.items()
    for kind in kinds
    if not affects_obligations(portal_type, kind)
]
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
documents = st.lists(
    st.tuples(
        st.sampled_from(sorted(DOCUMENT_KINDS)),
        st.sampled_from(sorted(k for ks in DOCUMENT_KINDS.values() for k in ks if k)),
        days,
    ),
    max_size=6,
)


def test_the_ignored_documents_are_the_everyday_ones():
    assert ("Note", "visit") in IGNORED
    assert ("Note", "control_visit") not in IGNORED  # social work counts them
    assert ("Note", "introduction") not in IGNORED
    assert ("Interview", None) not in IGNORED


@pytest.mark.parametrize("ignored", IGNORED)
@pytest.mark.parametrize("state", sorted(STATES))
@settings(max_examples=50, deadline=None)
@given(
    path=st.sampled_from(sorted(PATHS)),
    start=days,
    documents=documents,
    offset=st.integers(min_value=0, max_value=400),
)
def test_a_document_the_rules_do_not_read_changes_no_obligation(
    state, path, start, documents, ignored, offset
):
    """Finalizing it may skip recomputing the file's obligations."""
    day = start + timedelta(days=offset)
    facts = dict(
        state=state,
        path=path,
        learned_on=start,
        assignment_signed=start,
        work_ended=start,
        social_work_started=start,
        **PEOPLE,
    )
    before = open_obligations(FileFacts(documents=tuple(documents), **facts))
    portal_type, kind = ignored
    with_it = tuple(documents) + ((portal_type, kind, day),)
    assert open_obligations(FileFacts(documents=with_it, **facts)) == before
