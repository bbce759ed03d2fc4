"""Every state and transition id of ``core.states`` is one its workflow defines."""

from pathlib import Path

import pytest
from lxml import etree

import mgops.caseflow
from mgops.caseflow.core import states


WORKFLOWS = Path(mgops.caseflow.__file__).parent / "profiles/default/workflows"


def _ids(workflow, tag, attribute):
    tree = etree.parse(str(WORKFLOWS / workflow / "definition.xml"))
    return {element.get(attribute) for element in tree.iter(tag)}


FAMILY_FILE = "mgops_familyfile_workflow"
DOCUMENT = "mgops_document_workflow"
DECISION = "mgops_decision_workflow"


@pytest.mark.parametrize(
    ("workflow", "state_ids", "transition_ids"),
    [
        (
            FAMILY_FILE,
            set(states.FILE_STATES),
            {
                states.REQUEST_ASSISTANT,
                states.WITHDRAW_REQUEST,
                states.ASSIGN_ASSISTANT,
                states.END_WORK,
                states.REFUSE_COOPERATION,
                states.END_WORK_TO_SOCIAL_WORK,
                states.END_AND_CLOSE,
                states.CLOSE,
                states.ARCHIVE,
            },
        ),
        (DOCUMENT, {states.DRAFT, states.FINAL}, {states.FINALIZE}),
        (
            DECISION,
            {states.DRAFT, states.PENDING_SIGNATURE, states.SIGNED, states.IMPORTED},
            {states.SUBMIT, states.SEND_BACK, states.SIGN},
        ),
    ],
)
def test_the_ids_are_exactly_those_of_the_workflow(workflow, state_ids, transition_ids):
    assert _ids(workflow, "state", "state_id") == state_ids
    assert _ids(workflow, "transition", "transition_id") == transition_ids


def test_ended_states_are_file_states():
    assert set(states.ENDED_STATES) <= set(states.FILE_STATES)
