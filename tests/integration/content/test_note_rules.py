"""The notes' rules on the routes that write and finalize them (issue 13).

The invariants are run the way the add/edit form and plone.restapi's POST and
PATCH run them (z3c.form's ``IManagerValidator`` on the route's context: the
family file in the add form, the note for REST and the edit form); the
finalize transition checks the stored note again.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
import pytz
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from z3c.form.interfaces import IManagerValidator
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.schema.interfaces import ValidationError

from mgops.caseflow.content.note import INote
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.messages import message_for
from mgops.caseflow.testing.builders import record_decision
from mgops.caseflow.workflow.guards import RuleBlocked
from mgops.caseflow.workflow.obligations import update_obligations


WARSAW = pytz.timezone("Europe/Warsaw")
YESTERDAY = date.today() - timedelta(days=1)
WEEK_AGO = date.today() - timedelta(days=7)

INTRODUCTION_ONLY_SW = (
    "Adnotację o wprowadzeniu asystenta rodziny sporządza i zatwierdza wyłącznie "
    "pracownik socjalny odpowiedzialny za akta"
)
OUTSIDE_HOURS = "Wizyta musi rozpocząć się i zakończyć między 07:00 a 21:00"
PDF = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n"


def at(hour, minute=0):
    """Yesterday at ``hour`` in Polish local time."""
    return WARSAW.localize(datetime.combine(YESTERDAY, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


def note(kind="visit", start=(10, 0), end=(11, 0), **fields):
    """A note's input as a form or REST hands it over, every field given."""
    values = {
        "kind": kind,
        "visit_start": at(*start) if start else None,
        "visit_end": at(*end) if end else None,
        "place": "Mieszkanie rodziny",
        "content": "Treść adnotacji.",
        "services_notified": [],
        "received_on": None,
        "certificate_kind": None,
        "attachment": None,
        "end_reason": None,
        "plan_outcome": None,
        "end_request": None,
        "position": None,
        "corrects": None,
    }
    if kind == "end_request":
        values.update(end_reason="plan_achieved", plan_outcome="Cele osiągnięte.")
    values.update(fields)
    return values


def errors(user_id, context, data):
    """The Polish texts of the invariants' errors for ``user_id`` on ``context``."""
    request = api.portal.get().REQUEST
    with api.env.adopt_user(username=user_id):
        validator = getMultiAdapter(
            (context, request, None, INote, None), IManagerValidator
        )
        found = validator.validate(data)
    return [translate(error.args[0], target_language="pl") for error in found]


def finalize(user_id, document):
    with api.env.adopt_user(username=user_id):
        api.portal.get_tool("portal_workflow").doActionFor(document, "finalize")


def polish(blocked):
    return str(blocked.value)


@pytest.fixture
def introduction_by(make_document):
    """``introduction_by(user_id, family_file, hour)``: a draft introduction note
    written by the user, of an hour-long visit yesterday."""

    def make(user_id, family_file, hour=10):
        return make_document(
            family_file,
            "Note",
            owner=user_id,
            kind="introduction",
            content="Wprowadzenie asystenta rodziny.",
            visit_start=at(hour),
            visit_end=at(hour + 1),
        )

    return make


@pytest.fixture
def active(make_family_file):
    """An active file of social worker sw1 and assistant fa1, assigned by a
    decision signed a week ago (so it owes the introduction, and yesterday's
    visit is after the handover)."""
    family_file = make_family_file(state="awaiting_decision", by_process=True)
    record_decision(family_file, "assign_assistant", WEEK_AGO, assistant="fa1")
    return family_file


# -- rule 1: the introduction note is the social worker's (DESIGN, Process 3) --


class TestIntroductionBySocialWorker:
    def test_the_files_social_worker_writes_it(self, active):
        assert errors("sw1", active, note("introduction")) == []

    @pytest.mark.parametrize("user_id", ["fa1", "sw2", "head"])
    def test_anyone_else_adding_it_is_refused_in_polish(self, active, user_id):
        (message,) = errors(user_id, active, note("introduction"))
        assert message.startswith(INTRODUCTION_ONLY_SW)

    def test_the_administrator_is_refused_too(self, active):
        (message,) = errors("admin", active, note("introduction"))
        assert message.startswith(INTRODUCTION_ONLY_SW)

    def test_the_assistant_cannot_turn_a_visit_note_into_one(
        self, active, make_document
    ):
        visit = make_document(
            active,
            "Note",
            owner="fa1",
            kind="visit",
            content="Wizyta.",
            visit_start=at(10),
            visit_end=at(11),
        )
        (message,) = errors("fa1", visit, {"kind": "introduction"})
        assert message.startswith(INTRODUCTION_ONLY_SW)

    def test_the_assistant_cannot_finalize_one(self, active, introduction_by):
        introduction = introduction_by("fa1", active, hour=10)
        with pytest.raises(RuleBlocked) as blocked:
            finalize("fa1", introduction)
        assert polish(blocked).startswith(INTRODUCTION_ONLY_SW)
        assert api.content.get_state(introduction) == "draft"

    def test_the_administrator_cannot_finalize_the_social_workers(
        self, active, introduction_by
    ):
        introduction = introduction_by("sw1", active, hour=10)
        with pytest.raises(RuleBlocked):
            finalize("admin", introduction)
        assert api.content.get_state(introduction) == "draft"

    def test_only_the_social_workers_final_note_meets_the_deadline(
        self, active, introduction_by, set_state
    ):
        assert "introduction" in [o["kind"] for o in active.obligations]
        by_assistant = introduction_by("fa1", active, hour=10)
        set_state(by_assistant, "final")  # past the guard, as an old file has it
        update_obligations(active)
        assert "introduction" in [o["kind"] for o in active.obligations]
        by_social_worker = introduction_by("sw1", active, hour=12)
        finalize("sw1", by_social_worker)
        assert "introduction" not in [o["kind"] for o in active.obligations]


# -- rule 2: the assistant's acts in the family lie in 07:00–21:00 (Process 5) --


class TestAssistantsHours:
    def test_an_introduction_at_22_30_is_refused(self, active):
        (message,) = errors("sw1", active, note("introduction", (22, 30), (22, 50)))
        assert message.startswith(OUTSIDE_HOURS)

    def test_an_introduction_must_give_its_times(self, active):
        (message,) = errors("sw1", active, note("introduction", None, None))
        assert "godzinę rozpoczęcia i zakończenia" in message

    @pytest.mark.parametrize("kind", ["end_request", "control_visit", "intervention"])
    def test_any_note_of_the_assistant_with_times_is_checked(self, active, kind):
        data = note(kind, (21, 30), (22, 0), services_notified=["police"])
        (message,) = errors("fa1", active, data)
        assert message.startswith(OUTSIDE_HOURS)

    def test_the_assistants_request_without_times_is_not(self, active):
        assert errors("fa1", active, note("end_request", None, None)) == []

    @pytest.mark.parametrize("kind", ["control_visit", "intervention"])
    def test_the_social_workers_control_visit_or_intervention_at_night_is_allowed(
        self, active, kind
    ):
        """Process 9 and 10: the social worker's own acts; danger has no hours."""
        data = note(kind, (23, 0), (23, 45), services_notified=["police"])
        assert errors("sw1", active, data) == []

    def test_the_assistants_edit_of_a_request_is_checked_by_its_author(
        self, active, make_document
    ):
        request = make_document(
            active,
            "Note",
            owner="fa1",
            kind="end_request",
            content="Wniosek.",
            end_reason="plan_achieved",
            plan_outcome="Cele osiągnięte.",
        )
        data = {"visit_start": at(21, 30), "visit_end": at(22)}
        (message,) = errors("fa1", request, data)
        assert message.startswith(OUTSIDE_HOURS)

    def test_a_visit_written_past_the_forms_cannot_be_finalized(
        self, active, make_document
    ):
        late = make_document(
            active,
            "Note",
            owner="fa1",
            kind="visit",
            content="Wizyta wieczorna.",
            visit_start=at(22, 0),
            visit_end=at(22, 40),
        )
        with pytest.raises(RuleBlocked) as blocked:
            finalize("fa1", late)
        assert polish(blocked).startswith(OUTSIDE_HOURS)
        assert api.content.get_state(late) == "draft"

    @pytest.mark.parametrize(
        ("record", "value"),
        [("visit_hours_start", "06:30"), ("visit_hours_end", "21:30")],
    )
    def test_the_registry_refuses_a_window_outside_07_21(self, portal, record, value):
        """A record keeps no constraint: the registry's own route is checked by
        a subscriber, whose refusal aborts the transaction, as the publisher does."""
        name = f"mgops.caseflow.{record}"
        before = api.portal.get_registry_record(name)
        with pytest.raises(RuleViolation) as refused:
            api.portal.set_registry_record(name, value)
        assert translate(message_for(refused.value), target_language="pl") == (
            f"Godzina {value} wykracza poza 07:00–21:00, czyli godziny, w których "
            "asystent może pracować; ośrodek może je tylko zawęzić."
        )
        transaction.abort()
        assert api.portal.get_registry_record(name) == before


# -- rule 3: the "Za życiem" application is a document (Process 11) -----------


def scan(data=PDF, filename="zaswiadczenie.pdf"):
    return NamedBlobFile(data=data, filename=filename, contentType="application/pdf")


def application(**fields):
    values = {
        "received_on": YESTERDAY,
        "certificate_kind": "pregnancy_document",
        "attachment": scan(),
    }
    values.update(fields)
    return note("za_zyciem_application", None, None, **values)


class TestZaZyciemApplication:
    @pytest.fixture
    def za_zyciem(self, make_family_file):
        return make_family_file(support_path="za_zyciem")

    @pytest.mark.parametrize(
        ("data", "filename"),
        [
            (PDF, "skan.pdf"),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "skan.jpg"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "skan.png"),
        ],
    )
    def test_an_application_with_its_scan_passes(self, za_zyciem, data, filename):
        assert (
            errors("sw1", za_zyciem, application(attachment=scan(data, filename))) == []
        )

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"received_on": None}, "musi podawać datę jego wpływu do ośrodka"),
            ({"certificate_kind": None}, "musi wskazywać dołączony dokument"),
            ({"attachment": None}, "trzeba dołączyć dokument"),
            (
                {"attachment": (b"ZASWIADCZENIE LEKARSKIE", "zaswiadczenie.pdf")},
                "Dołączony plik zaswiadczenie.pdf nie jest dokumentem PDF, JPEG ani PNG",
            ),
        ],
    )
    def test_an_application_without_its_parts_is_refused_in_polish(
        self, za_zyciem, fields, expected
    ):
        if fields.get("attachment"):
            fields = {"attachment": scan(*fields["attachment"])}
        (message,) = errors("sw1", za_zyciem, application(**fields))
        assert expected in message

    def test_received_tomorrow_is_refused_by_the_field(self):
        with pytest.raises(ValidationError):
            INote["received_on"].validate(
                datetime.now(OFFICE_ZONE).date() + timedelta(days=1)
            )

    def test_the_certificate_kinds_are_the_acts_in_polish(self, portal):
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        vocabulary = getUtility(IVocabularyFactory, "mgops.caseflow.CertificateKinds")()
        titles = {
            term.value: translate(term.title, target_language="pl")
            for term in vocabulary
        }
        assert titles == {
            "pregnancy_document": "Zaświadczenie lekarskie potwierdzające ciążę",
            "disability_certificate": (
                "Zaświadczenie o ciężkim i nieodwracalnym upośledzeniu albo "
                "nieuleczalnej chorobie zagrażającej życiu, które powstały w "
                "prenatalnym okresie rozwoju dziecka lub w czasie porodu"
            ),
        }

    def test_a_text_file_attached_past_the_forms_cannot_be_finalized(
        self, za_zyciem, make_document
    ):
        draft = make_document(
            za_zyciem,
            "Note",
            owner="sw1",
            kind="za_zyciem_application",
            content="Wniosek.",
            received_on=YESTERDAY,
            certificate_kind="pregnancy_document",
            attachment=scan(b"tekst", "wniosek.pdf"),
        )
        with pytest.raises(RuleBlocked) as blocked:
            finalize("sw1", draft)
        assert "nie jest dokumentem PDF, JPEG ani PNG" in polish(blocked)
        assert api.content.get_state(draft) == "draft"
