"""Guards and validators that carry the case-process rules (DESIGN, "Process")."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
import pytz
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.interface import Invalid

from mgops.caseflow.content.note import INote
from mgops.caseflow.core.rules.calendar import add_working_days
from mgops.caseflow.signing.effects import signed_decision_effects
from mgops.caseflow.testing.builders import force_state
from mgops.caseflow.testing.builders import record_decision
from mgops.caseflow.workflow.guards import RuleBlocked


WARSAW = pytz.timezone("Europe/Warsaw")


def warsaw(*args):
    """A Polish local time; pytz zones pickle into the ZODB, zoneinfo ones do not."""
    return WARSAW.localize(datetime(*args))


class Data:
    def __init__(self, **values):
        self.__dict__.update(values)


def transition_as(user_id, obj, transition, **kwargs):
    """Fire the transition through the workflow tool, as the API and forms do."""
    with api.env.adopt_user(username=user_id):
        api.portal.get_tool("portal_workflow").doActionFor(obj, transition, **kwargs)


def assign_as_signing_does(family_file):
    with signed_decision_effects():
        transition_as("head", family_file, "assign_assistant")


def interview(make_document, family_file, recommends=True, state="final"):
    return make_document(
        family_file,
        "Interview",
        owner="sw1",
        state=state,
        interview_date=date(2026, 1, 6),
        conducted_by="Anna Socjalna",
        findings="Ustalenia",
        assistant_needed=recommends,
    )


class TestRequestNeedsInterview:
    def test_request_without_interview_is_refused_and_nothing_changes(
        self, make_family_file
    ):
        family_file = make_family_file()
        with pytest.raises(RuleBlocked, match="zatwierdzonym rodzinnym wywiadzie"):
            transition_as("sw1", family_file, "request_assistant")
        assert api.content.get_state(family_file) == "intake"

    def test_draft_interview_is_not_enough(self, make_family_file, make_document):
        family_file = make_family_file()
        interview(make_document, family_file, state=None)
        with pytest.raises(RuleBlocked):
            transition_as("sw1", family_file, "request_assistant")

    def test_interview_not_recommending_an_assistant_is_not_enough(
        self, make_family_file, make_document
    ):
        family_file = make_family_file()
        interview(make_document, family_file, recommends=False)
        with pytest.raises(RuleBlocked):
            transition_as("sw1", family_file, "request_assistant")

    def test_final_interview_recommending_an_assistant_allows_the_request(
        self, make_family_file, make_document
    ):
        family_file = make_family_file()
        interview(make_document, family_file)
        transition_as("sw1", family_file, "request_assistant")
        assert api.content.get_state(family_file) == "awaiting_decision"


class TestZaZyciemPath:
    """The request on this path: tests/integration/workflow/test_za_zyciem.py."""

    def test_za_zyciem_file_has_no_interview_obligation(self, make_family_file):
        family_file = make_family_file(support_path="za_zyciem")
        assert [o["kind"] for o in family_file.obligations] == []


class TestCaseloadLimit:
    """Act of 9 June 2011, art. 15 ust. 4: at most 15 families per assistant.

    The assignment is the effect of a signed decision: the transition is fired
    the way the signing code fires it (tests/functional covers @sign end to end).
    """

    def _awaiting(self, make_family_file, make_document, set_state, number):
        family_file = make_family_file(number=number, assistant="fa1")
        set_state(family_file, "awaiting_decision")
        return family_file

    def test_sixteenth_active_family_is_refused(
        self, make_family_file, make_document, set_state
    ):
        for number in range(1, 16):
            make_family_file(number=number, assistant="fa1", state="active")
        family_file = self._awaiting(make_family_file, make_document, set_state, 16)
        with pytest.raises(RuleBlocked, match="najwyżej 15 rodzinami"):
            assign_as_signing_does(family_file)
        assert api.content.get_state(family_file) == "awaiting_decision"

    def test_fifteenth_active_family_is_allowed(
        self, make_family_file, make_document, set_state
    ):
        for number in range(1, 15):
            make_family_file(number=number, assistant="fa1", state="active")
        family_file = self._awaiting(make_family_file, make_document, set_state, 15)
        assign_as_signing_does(family_file)
        assert api.content.get_state(family_file) == "active"

    def test_configured_lower_limit_applies(
        self, make_family_file, make_document, set_state
    ):
        api.portal.set_registry_record("mgops.caseflow.caseload_limit", 2)
        for number in (1, 2):
            make_family_file(number=number, assistant="fa1", state="active")
        family_file = self._awaiting(make_family_file, make_document, set_state, 3)
        with pytest.raises(RuleBlocked, match="najwyżej 2 rodzinami"):
            assign_as_signing_does(family_file)


def end_work(family_file, day, reason="plan_achieved"):
    """The file made active by force, then the head's signed end of work."""
    force_state(family_file, "active")
    return record_decision(family_file, "end_work", day, end_reason=reason)


def control_visits(make_document, family_file, *days):
    for day in days:
        make_document(
            family_file,
            "Note",
            owner="sw1",
            state="final",
            kind="control_visit",
            content="Wizyta kontrolna",
            visit_start=warsaw(day.year, day.month, day.day, 10),
            visit_end=warsaw(day.year, day.month, day.day, 11),
        )


class TestClosing:
    def test_closing_monitoring_too_early_is_refused(self, make_family_file):
        family_file = make_family_file()
        end_work(family_file, date.today())
        assert api.content.get_state(family_file) == "monitoring"
        with pytest.raises(RuleBlocked, match="monitoringu"):
            transition_as("sw1", family_file, "close")
        assert api.content.get_state(family_file) == "monitoring"

    @pytest.mark.parametrize("user", ["head", "sw1"])
    def test_a_comment_does_not_close_early(self, make_family_file, user):
        """An early close is the head's signed decision, not a typed comment."""
        family_file = make_family_file()
        end_work(family_file, date.today())
        with pytest.raises(RuleBlocked, match="monitoringu"):
            transition_as(user, family_file, "close", comment="Rodzina wyjechała.")
        assert api.content.get_state(family_file) == "monitoring"

    def test_the_heads_signed_decision_closes_early(self, make_family_file):
        family_file = make_family_file()
        end_work(family_file, date.today())
        record_decision(family_file, "close_early", close_reason="moved_away")
        assert api.content.get_state(family_file) == "closed"

    def test_monitoring_with_a_note_each_month_can_close(
        self, make_family_file, make_document
    ):
        family_file = make_family_file()
        end_work(family_file, date(2026, 1, 31))
        for month in (2, 3, 4):
            make_document(
                family_file,
                "Note",
                owner="fa1",
                state="final",
                kind="monitoring_visit",
                content="Wizyta monitorująca",
                visit_start=warsaw(2026, month, 10, 10),
                visit_end=warsaw(2026, month, 10, 11),
            )
        transition_as("sw1", family_file, "close")
        assert api.content.get_state(family_file) == "closed"

    def test_the_end_date_is_the_decisions_not_the_field(self, make_family_file):
        """``ended`` is written by signing; the deadlines read the decision."""
        family_file = make_family_file()
        end_work(family_file, date.today())
        family_file.ended = date(2020, 1, 31)  # not a route: the field is read-only
        with pytest.raises(RuleBlocked, match="monitoringu"):
            transition_as("sw1", family_file, "close")

    def test_social_work_must_last_three_months(self, make_family_file):
        family_file = make_family_file()
        end_work(family_file, date.today(), reason="no_cooperation")
        assert api.content.get_state(family_file) == "social_work"
        with pytest.raises(RuleBlocked, match="3 miesiące"):
            transition_as("sw1", family_file, "close")
        assert api.content.get_state(family_file) == "social_work"

    def test_social_work_needs_control_visits_each_month(
        self, make_family_file, make_document
    ):
        """Centre's rules: social work *and control visits* for 3 months."""
        family_file = make_family_file()
        end_work(family_file, date(2026, 1, 31), reason="no_cooperation")
        control_visits(make_document, family_file, date(2026, 2, 10), date(2026, 3, 10))
        with pytest.raises(RuleBlocked, match="wizyt kontrolnych"):
            transition_as("sw1", family_file, "close")
        assert api.content.get_state(family_file) == "social_work"
        control_visits(make_document, family_file, date(2026, 4, 10))
        transition_as("sw1", family_file, "close")
        assert api.content.get_state(family_file) == "closed"

    def test_the_family_moving_away_ends_and_closes(self, make_family_file):
        family_file = make_family_file()
        end_work(family_file, date.today(), reason="moved_away")
        assert api.content.get_state(family_file) == "closed"

    @pytest.mark.parametrize(
        "transition",
        ["end_work", "end_work_to_social_work", "end_and_close", "assign_assistant"],
    )
    @pytest.mark.parametrize("user", ["head", "sw1", "admin"])
    def test_no_plain_transition_changes_the_status(
        self, make_family_file, transition, user
    ):
        family_file = make_family_file(state="active")
        if user == "admin":
            with api.env.adopt_roles(["Manager"]), pytest.raises(WorkflowException):
                api.portal.get_tool("portal_workflow").doActionFor(
                    family_file, transition
                )
        else:
            with pytest.raises(WorkflowException):
                transition_as(user, family_file, transition)
        assert api.content.get_state(family_file) == "active"


class TestVisitNotes:
    """Centre's rules: an assistant visits between 07:00 and 21:00."""

    def _visit(self, start, end, kind="visit", services=()):
        return Data(
            kind=kind,
            visit_start=start,
            visit_end=end,
            services_notified=list(services),
        )

    def test_visit_at_22_30_is_refused_in_polish(self, portal):
        from zope.i18n import translate

        day = date.today() - timedelta(days=1)
        start = warsaw(day.year, day.month, day.day, 22, 30)
        with pytest.raises(Invalid) as info:
            INote.validateInvariants(self._visit(start, start + timedelta(minutes=20)))
        assert translate(info.value.args[0], target_language="pl") == (
            "Wizyta musi rozpocząć się i zakończyć między 07:00 a 21:00, "
            "w godzinach pracy asystenta rodziny."
        )

    def test_visit_in_working_hours_passes(self, portal):
        day = date.today() - timedelta(days=1)
        start = warsaw(day.year, day.month, day.day, 9, 0)
        INote.validateInvariants(self._visit(start, start + timedelta(hours=1)))

    def test_visit_needs_start_and_end(self, portal):
        with pytest.raises(Invalid):
            INote.validateInvariants(self._visit(None, None))

    def test_configured_window_applies(self, portal):
        api.portal.set_registry_record("mgops.caseflow.visit_hours_end", "18:00")
        day = date.today() - timedelta(days=1)
        start = warsaw(day.year, day.month, day.day, 17, 30)
        with pytest.raises(Invalid):
            INote.validateInvariants(self._visit(start, start + timedelta(hours=1)))

    def test_intervention_names_a_service(self, portal):
        with pytest.raises(Invalid):
            INote.validateInvariants(self._visit(None, None, kind="intervention"))
        INote.validateInvariants(
            self._visit(None, None, kind="intervention", services=["police"])
        )


class TestObligations:
    def test_new_file_owes_the_interview_within_14_working_days(self, make_family_file):
        family_file = make_family_file(learned_on=date(2026, 12, 21))
        (obligation,) = family_file.obligations
        assert obligation["kind"] == "interview"
        assert obligation["due"] == add_working_days(date(2026, 12, 21), 14)
        catalog = api.portal.get_tool("portal_catalog")
        (brain,) = catalog.unrestrictedSearchResults(
            UID=api.content.get_uuid(family_file)
        )
        assert brain.next_due == obligation["due"]

    def test_final_interview_meets_the_obligation(
        self, make_family_file, make_document
    ):
        family_file = make_family_file(learned_on=date(2026, 12, 21))
        document = interview(make_document, family_file, state=None)
        transition_as("sw1", document, "finalize")
        assert family_file.obligations == ()
