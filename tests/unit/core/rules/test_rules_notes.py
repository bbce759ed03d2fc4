"""Who writes which note, and which notes keep the assistant's hours."""

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.notes import check_introduction_author
from mgops.caseflow.core.rules.visits import TIMED_NOTE_KINDS
from mgops.caseflow.core.rules.visits import visit_times_checked


# DESIGN, "Process" 3: the social worker introduces the assistant to the family.


def test_the_files_social_worker_writes_the_introduction():
    check_introduction_author("anna.sw", "anna.sw", "anna.sw")


@pytest.mark.parametrize(
    ("author", "actor"),
    [
        ("piotr.fa", "piotr.fa"),  # the assistant writes it
        ("admin", "admin"),  # the administrator's technical account
        ("ewa.sw", "ewa.sw"),  # another social worker
        ("piotr.fa", "anna.sw"),  # the social worker finalizes the assistant's
        ("anna.sw", "admin"),  # the administrator finalizes the social worker's
    ],
)
def test_anyone_else_writing_or_finalizing_it_is_refused(author, actor):
    with pytest.raises(RuleViolation) as caught:
        check_introduction_author(author, actor, "anna.sw")
    assert caught.value.rule == "rule_introduction_by_social_worker"


def test_a_file_without_social_worker_has_no_one_to_write_it():
    with pytest.raises(RuleViolation) as caught:
        check_introduction_author("anna.sw", "anna.sw", None)
    assert caught.value.rule == "rule_introduction_needs_social_worker"


# DESIGN, "Process" 5: the assistant works between 07:00 and 21:00.


@pytest.mark.parametrize("kind", ["visit", "monitoring_visit", "introduction"])
def test_the_acts_of_the_assistant_in_the_family_are_always_timed(kind):
    assert kind in TIMED_NOTE_KINDS
    assert visit_times_checked(kind, by_assistant=False, gives_times=False)


@pytest.mark.parametrize("kind", ["control_visit", "intervention", "end_request"])
def test_any_note_by_the_assistant_that_gives_times_is_timed(kind):
    assert visit_times_checked(kind, by_assistant=True, gives_times=True)
    assert not visit_times_checked(kind, by_assistant=True, gives_times=False)


@pytest.mark.parametrize("kind", ["control_visit", "intervention"])
def test_the_social_workers_control_visits_and_interventions_are_not(kind):
    """Process 9 and 10: an intervention in danger happens at any hour."""
    assert not visit_times_checked(kind, by_assistant=False, gives_times=True)
