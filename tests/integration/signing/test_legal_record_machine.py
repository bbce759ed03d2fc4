"""A stateful property test of the legal record (issue 13, item 7).

Hypothesis drives one family file through random sequences of operations by
random roles — documents written and finalized, fields changed through the
REST deserializer, plain workflow transitions, decisions prepared and signed for
real (XAdES, ``sign_in_server``) — and after every step checks the invariants:

* the file's state agrees with the signed decisions (a model follows every
  operation that succeeded; nothing else may move the file);
* the assistant is the one the last signed assignment or change named;
* no assistant works above the caseload limit (Act of 9 June 2011, art. 15
  ust. 4; lowered to 2 here so that the limit is met);
* no file closes before its minimum period unless by a signed decision;
* the stored open obligations are those computed from the documents' and
  decisions' dates.

``make test`` runs a bounded number of examples; ``CASEFLOW_MACHINE_EXAMPLES``
asks for more (README, "Tests").
"""

import os
from datetime import date

import pytest
import transaction
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import invariant
from hypothesis.stateful import rule
from hypothesis.stateful import run_state_machine_as_test
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.closing import check_close
from mgops.caseflow.core.rules.deadlines import open_obligations
from mgops.caseflow.core.rules.ending import CLOSE_REASONS
from mgops.caseflow.core.rules.ending import END_REASONS
from mgops.caseflow.core.rules.ending import effect_of
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.signing.signing import sign_in_server
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import recommend_assistant
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.workflow.facts import file_facts
from mgops.caseflow.workflow.obligations import _as_record


EXAMPLES = int(os.environ.get("CASEFLOW_MACHINE_EXAMPLES", "12"))
USERS = ("head", "sw1", "sw2", "fa1", "fa2")
ASSISTANTS = ("fa1", "fa2")
LIMIT = 2
PLAIN_TRANSITIONS = (
    states.REQUEST_ASSISTANT,
    states.WITHDRAW_REQUEST,
    states.ASSIGN_ASSISTANT,
    states.END_WORK,
    states.END_WORK_TO_SOCIAL_WORK,
    states.END_AND_CLOSE,
    states.REFUSE_COOPERATION,
    states.CLOSE,
)
FIELDS = st.sampled_from(
    [
        {"assistant": "fa2"},
        {"assistant": "fa1"},
        {"ended": "2026-03-31"},
        {"social_worker": "sw2"},
        {"learned_on": "2026-01-05"},
        {"support_path": "za_zyciem"},
        {"address": "ul. Inna 5"},
    ]
)


def _as(user_id, function, *args, **kwargs):
    with api.env.adopt_user(username=user_id):
        return function(*args, **kwargs)


@pytest.fixture
def machine(make_family_file, signing_ready, portal):
    """The state machine class, bound to this test's site."""
    api.portal.set_registry_record("mgops.caseflow.caseload_limit", LIMIT)
    # fa2 already works with one other family: the limit is one step away
    make_family_file(90, assistant="fa2", state="active")
    alsoProvides(portal.REQUEST, IMgopsCaseflowLayer)
    numbers = iter(range(100, 10_000))

    class LegalRecord(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.savepoint = transaction.savepoint()
            self.file = make_family_file(next(numbers), assistant=None)
            self.state = states.INTAKE
            self.assistant = None
            self.request = None

        def teardown(self):
            self.savepoint.rollback()

        # -- operations ------------------------------------------------------

        @rule()
        def finalize_an_interview(self):
            recommend_assistant(self.file, self.file.social_worker)

        @rule(
            user=st.sampled_from(USERS), transition=st.sampled_from(PLAIN_TRANSITIONS)
        )
        def plain_transition(self, user, transition):
            facts = file_facts(self.file)
            workflow = api.portal.get_tool("portal_workflow")
            try:
                _as(user, workflow.doActionFor, self.file, transition)
            except WorkflowException:
                return
            # the only plain moves there are: the social worker's request,
            # withdrawal and refusal in intake, and a close after the period
            assert transition in (
                states.REQUEST_ASSISTANT,
                states.WITHDRAW_REQUEST,
                states.REFUSE_COOPERATION,
                states.CLOSE,
            ), transition
            if transition == states.CLOSE:
                check_close(facts, date.today())
            self.state = api.content.get_state(self.file)

        @rule(user=st.sampled_from(USERS), fields=FIELDS)
        def patch(self, user, fields):
            deserializer = getMultiAdapter(
                (self.file, portal.REQUEST), IDeserializeFromJson
            )
            before = transaction.savepoint()
            try:
                _as(user, deserializer, data=dict(fields))
            except (CaseflowError, BadRequest):
                before.rollback()  # as the refused request's transaction aborts

        @rule(reason=st.sampled_from(END_REASONS), position=st.booleans())
        def the_assistant_asks_to_end(self, reason, position):
            if self.file.assistant:
                self.request = end_request(
                    self.file, reason, "agree" if position else None
                )

        @rule()
        def a_control_visit(self):
            create_document(
                self.file,
                "Note",
                owner=self.file.social_worker,
                state="final",
                kind="control_visit",
                content="Wizyta kontrolna.",
            )

        @rule(
            kind=st.sampled_from(
                ["assign_assistant", "change_assistant", "end_work", "close_early"]
            ),
            assistant=st.sampled_from(ASSISTANTS),
            end_reason=st.sampled_from(END_REASONS),
            close_reason=st.one_of(st.none(), st.sampled_from(CLOSE_REASONS)),
            with_request=st.booleans(),
        )
        def the_head_signs(
            self, kind, assistant, end_reason, close_reason, with_request
        ):
            decision = create_document(
                self.file,
                "Decision",
                owner="head",
                state="pending_signature",
                kind=kind,
                assistant=assistant,
                end_reason=end_reason,
                close_reason=close_reason,
                end_request=self.request if with_request else None,
                content="Decyzja.",
                justification="Uzasadnienie.",
            )
            before = transaction.savepoint()
            try:
                _as("head", sign_in_server, decision, KEYSTORE_PASSWORD)
            except CaseflowError:
                before.rollback()  # as the refused request's transaction aborts
                assert api.content.get_state(decision) == states.PENDING_SIGNATURE
                assert decision.register_number is None
                return
            effect = effect_of(kind, end_reason)
            assert self.state in effect.required_states
            if kind in ("assign_assistant", "change_assistant"):
                self.assistant = assistant
            if effect.transition is not None:
                self.state = api.content.get_state(self.file)

        # -- invariants --------------------------------------------------------

        @invariant()
        def the_state_is_the_decisions(self):
            assert api.content.get_state(self.file) == self.state

        @invariant()
        def the_assistant_is_the_last_decisions(self):
            assert self.file.assistant == self.assistant

        @invariant()
        def nobody_above_the_caseload_limit(self):
            catalog = api.portal.get_tool("portal_catalog")
            for assistant in ASSISTANTS:
                active = catalog.unrestrictedSearchResults(
                    portal_type="FamilyFile",
                    assistant=assistant,
                    review_state=states.ACTIVE,
                )
                assert len(active) <= LIMIT

        @invariant()
        def the_obligations_come_from_the_legal_dates(self):
            expected = tuple(
                _as_record(o) for o in open_obligations(file_facts(self.file))
            )
            assert tuple(self.file.obligations) == expected

    return LegalRecord


def test_the_legal_record_holds_whatever_is_tried(machine):
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
