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


def test_signed_end_of_work_moves_the_file_to_monitoring(pending_decision):
    decision = pending_decision("end_work", file_state="active")
    family_file = aq_parent(decision)
    as_head(sign_in_server, decision, KEYSTORE_PASSWORD)
    assert api.content.get_state(family_file) == "monitoring"
    assert family_file.ended == local_day(now_utc())


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
