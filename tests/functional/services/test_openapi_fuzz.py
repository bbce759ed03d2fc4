"""Schemathesis against the real running site, from the OpenAPI description.

Every operation of ``@openapi`` gets generated requests (valid ones and, in
schemathesis' negative mode, invalid parameters and bodies), as each of a few roles, against the functional
layer's WSGI server, with two committed family files: file 1 is sw1's and
fa1's, file 2 sw2's and fa2's, each with a draft decision and a member with a
PESEL. Checked on every answer: never a 5xx, the status code, content type
and body as described, and no family data of a file the role may not see
(its family name, its member's PESEL). Bounded: ``CASEFLOW_FUZZ_EXAMPLES``
examples per operation and role (default 8), a few hundred requests in all.
"""

import os
from collections import Counter
from datetime import date

import pytest
import requests
import schemathesis
import transaction
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from plone import api
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance

from mgops.caseflow.testing import PASSWORD


EXAMPLES = int(os.environ.get("CASEFLOW_FUZZ_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: file number → (social worker, assistant, member's PESEL)
FILES = {1: ("sw1", "fa1", "44051401359"), 2: ("sw2", "fa2", "02070803628")}
#: role → the files whose data it must never see
HIDDEN = {"sw1": (2,), "fa2": (1,), "archivist": (1, 2), "head": ()}


@pytest.fixture
def site(functional_portal, committed_file):
    for number, (social_worker, assistant, pesel) in FILES.items():
        family_file = committed_file(number, social_worker, assistant)
        family_file.members = [
            {
                "first_name": "Jan",
                "last_name": f"Tajny{number}",
                "role": "applicant",
                "birth_date": date(1944, 5, 14),
                "pesel": pesel,
            }
        ]
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=family_file,
                type="Decision",
                id="decyzja-0",
                title="Decyzja",
                kind="assign_assistant",
                content="Przydzielam rodzinie asystenta.",
                justification="Wniosek.",
            )
    transaction.commit()
    return functional_portal.absolute_url()


def operations(url):
    spec = requests.get(
        f"{url}/@openapi", headers={"Accept": "application/json"}, timeout=30
    ).json()
    schema = schemathesis.openapi.from_dict(spec)
    return [result.ok() for result in schema.get_all_operations()]


def secrets_of(numbers):
    """What of these files must not appear: the family and member names, PESELs."""
    return [
        text
        for number in numbers
        for text in (f"Rodzina {number}", f"Tajny{number}", FILES[number][2])
    ]


def fuzz(operation, url, user_id, secrets, statuses):
    """Run the bounded examples of one operation; raise at the first failure.

    ``statuses`` counts the answers' status codes.
    """
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, number=st.sampled_from([1, 2, None]))
    def run(case, number):
        if number is not None and "file" in case.path_parameters:
            case.path_parameters["file"] = f"ar-4010-{number}-2026"
            if "decision" in case.path_parameters:
                case.path_parameters["decision"] = "decyzja-0"
        response = case.call(
            base_url=url,
            auth=(user_id, PASSWORD),
            headers={"Accept": "application/json"},
            timeout=60,
        )
        statuses[response.status_code] += 1
        # as bytes: an answer may be binary (a PDF, a zip), not text
        leaked = [s for s in secrets if s.encode() in response.content]
        assert not leaked, (case.path_parameters, leaked)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.mark.parametrize("user_id", sorted(HIDDEN))
def test_fuzzed_requests_answer_as_described_and_leak_nothing(site, user_id):
    secrets = secrets_of(HIDDEN[user_id])
    failures, statuses = [], Counter()
    for operation in operations(site):
        try:
            fuzz(operation, site, user_id, secrets, statuses)
        except Exception as error:  # noqa: BLE001 - gather every operation's failure
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    print(
        f"{user_id}: {sum(statuses.values())} requests, {dict(sorted(statuses.items()))}"
    )
    assert not failures, "\n\n".join(failures)
    # the run reached real objects, not only refusals of made-up paths
    assert statuses[200] > 0, statuses
