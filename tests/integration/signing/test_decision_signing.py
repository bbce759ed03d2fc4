"""Signing in a site: both routes, the register, effects; refusals change nothing."""

import datetime

import pytest
from Acquisition import aq_parent
from plone import api

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.xades import sign
from mgops.caseflow.signing.effects import applying_signed_decision
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.signing import accept_signed_upload
from mgops.caseflow.signing.signing import local_day
from mgops.caseflow.signing.signing import now_utc
from mgops.caseflow.signing.signing import reverify
from mgops.caseflow.signing.signing import sign_in_server
from mgops.caseflow.signing.signing import unsigned_xml
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD


YEAR = local_day(now_utc()).year


def as_head(function, *args, user="head", **kwargs):
    with api.env.adopt_user(username=user):
        return function(*args, **kwargs)


def test_server_signing_stores_the_signature_and_takes_number_one(pending_decision):
    decision = pending_decision()
    result = as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert api.content.get_state(decision) == "signed"
    assert decision.register_number == f"1/{YEAR}"
    assert decision.signer == "Ewa Kierownik"
    assert decision.signature_file.data.startswith(b"<?xml")
    assert f"<registerNumber>1/{YEAR}</registerNumber>".encode() in (
        decision.signature_file.data
    )
    assert result.signer_common_name == "Ewa Kierownik"
    assert reverify(decision).certificate_sha256 == result.certificate_sha256
    assert decision_numbers().issued(YEAR) == {1: decision.UID()}


def test_signed_assignment_activates_the_file_and_grants_the_assistant(
    pending_decision,
):
    decision = pending_decision("assign_assistant")
    family_file = aq_parent(decision)
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert api.content.get_state(family_file) == "active"
    assert family_file.assistant == "fa2"
    assert "FamilyAssistant" in family_file.get_local_roles_for_userid("fa2")
    assert "FamilyAssistant" not in family_file.get_local_roles_for_userid("fa1")


def test_signed_end_of_work_moves_the_file_to_monitoring(
    pending_decision, make_family_file
):
    family_file = make_family_file(state="active")
    decision = pending_decision(
        "end_work",
        family_file=family_file,
        end_reason="plan_achieved",
        end_request=end_request(family_file),
    )
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert api.content.get_state(family_file) == "monitoring"
    assert family_file.ended == local_day(now_utc())
    assert decision.register_date == local_day(now_utc())


@pytest.mark.parametrize(
    ("request_kwargs", "rule"),
    [
        ({"position": None}, "rule_end_request_needs_position"),
        ({"author": "sw1"}, "rule_end_request_not_final"),
    ],
)
def test_work_ends_only_on_the_assistants_request_with_the_joint_position(
    pending_decision, make_family_file, request_kwargs, rule
):
    """DESIGN, "Process" 7: the head decides on the assistant's request worked
    out jointly with the social worker; nothing is signed otherwise."""
    family_file = make_family_file(state="active")
    decision = pending_decision(
        "end_work",
        family_file=family_file,
        end_reason="plan_achieved",
        end_request=end_request(family_file, **request_kwargs),
    )
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert caught.value.reason == rule
    assert api.content.get_state(decision) == "pending_signature"
    assert decision.register_number is None
    assert api.content.get_state(family_file) == "active"


def test_a_signed_end_for_no_cooperation_starts_social_work(
    pending_decision, make_family_file
):
    family_file = make_family_file(state="active")
    decision = pending_decision(
        "end_work",
        family_file=family_file,
        end_reason="no_cooperation",
        end_request=end_request(family_file, reason="no_cooperation"),
    )
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert api.content.get_state(family_file) == "social_work"
    assert [o["kind"] for o in family_file.obligations] == ["control_visit"] * 3


def test_a_signed_change_of_assistant_moves_the_family_and_its_access(
    pending_decision, make_family_file
):
    family_file = make_family_file(state="awaiting_decision", assistant="fa1")
    record_decision(
        family_file, "assign_assistant", datetime.date(2026, 3, 2), assistant="fa1"
    )
    decision = pending_decision("change_assistant", family_file=family_file)
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert family_file.assistant == "fa2"
    assert api.content.get_state(family_file) == "active"
    assert "FamilyAssistant" in family_file.get_local_roles_for_userid("fa2")
    assert "FamilyAssistant" not in family_file.get_local_roles_for_userid("fa1")
    # the new assistant is introduced within 7 working days of the change
    assert "introduction" in [o["kind"] for o in family_file.obligations]


def test_a_change_of_assistant_is_caseload_checked(pending_decision, make_family_file):
    """Act of 9 June 2011, art. 15 ust. 4: the new assistant's 16th family."""
    for number in range(2, 17):
        make_family_file(number, state="active", assistant="fa2")
    family_file = make_family_file(1, state="active", assistant="fa1")
    decision = pending_decision("change_assistant", family_file=family_file)
    with pytest.raises(SignatureError, match="15"):
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert family_file.assistant == "fa1"
    assert api.content.get_state(decision) == "pending_signature"


def test_an_early_close_needs_its_reason(pending_decision, make_family_file):
    family_file = make_family_file(state="monitoring")
    decision = pending_decision("close_early", family_file=family_file)
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert caught.value.reason == "rule_close_early_needs_reason"
    assert api.content.get_state(family_file) == "monitoring"


def test_numbers_follow_each_other(pending_decision):
    first = pending_decision("other", number=1)
    second = pending_decision("other", number=2)
    as_head(sign_in_server, second, KEYSTORE_PASSWORD)
    as_head(sign_in_server, first, KEYSTORE_PASSWORD)
    assert second.register_number == f"1/{YEAR}"
    assert first.register_number == f"2/{YEAR}"


def test_register_pattern_comes_from_the_registry(pending_decision):
    api.portal.set_registry_record("mgops.caseflow.register_pattern", "DEC/{year}/{n}")
    decision = pending_decision("other")
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert decision.register_number == f"DEC/{YEAR}/1"


def test_a_pattern_of_a_case_reference_shape_is_refused_at_signing(pending_decision):
    """The record itself keeps no constraint (plone.registry): signing refuses."""
    api.portal.set_registry_record(
        "mgops.caseflow.register_pattern", "AR.4010.{n}.{year}"
    )
    decision = pending_decision("other")
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert caught.value.reason == "register_pattern_like_case_reference"
    assert api.content.get_state(decision) == "pending_signature"
    assert decision_numbers().peek(YEAR) == 1


def test_wrong_password_is_refused_and_nothing_changes(pending_decision):
    decision = pending_decision()
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, "zle-haslo")
    assert caught.value.reason == "keystore_password_wrong"
    assert "zle-haslo" not in str(caught.value)
    assert api.content.get_state(decision) == "pending_signature"
    assert decision.register_number is None
    assert decision_numbers().peek(YEAR) == 1


def test_assignment_needs_a_file_awaiting_decision(pending_decision):
    decision = pending_decision("assign_assistant", file_state="intake")
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert caught.value.reason == "decision_file_state_wrong"


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist"])
def test_only_the_head_signs(pending_decision, user_id):
    decision = pending_decision()
    with pytest.raises(SignatureError) as caught:
        as_head(sign_in_server, decision, KEYSTORE_PASSWORD, user=user_id)
    assert caught.value.reason == "signing_head_only"


def test_external_route_round_trip(pending_decision, signing_ready):
    decision = pending_decision()
    unsigned = as_head(unsigned_xml, decision)
    assert f"1/{YEAR}".encode() in unsigned
    signed = sign(unsigned, signing_ready.head.key, signing_ready.head.certificate)
    as_head(accept_signed_upload, decision, signed)
    assert api.content.get_state(decision) == "signed"
    assert decision.signature_file.data == signed
    assert decision.register_number == f"1/{YEAR}"


def test_upload_with_an_outdated_number_is_refused(pending_decision, signing_ready):
    decision = pending_decision("other", number=1)
    other = pending_decision("other", number=2)
    unsigned = as_head(unsigned_xml, decision)
    signed = sign(unsigned, signing_ready.head.key, signing_ready.head.certificate)
    as_head(sign_in_server, other, KEYSTORE_PASSWORD)  # takes number 1 meanwhile
    with pytest.raises(SignatureError) as caught:
        as_head(accept_signed_upload, decision, signed)
    assert caught.value.reason == "decision_number_outdated"
    assert caught.value.mapping["expected_number"] == f"2/{YEAR}"


def test_the_door_to_the_effects_is_closed_outside_signing():
    assert applying_signed_decision() is False


def test_signing_date_is_the_day_in_warsaw():
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert local_day(late) == datetime.date(2027, 1, 1)
