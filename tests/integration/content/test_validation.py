"""Field validation with clear Polish messages: PESEL, dates, case reference, types."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from plone import api
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import ValidationError

from mgops.caseflow.content.contract import IContract
from mgops.caseflow.content.decision import IDecision
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.family_file import IFamilyMember
from mgops.caseflow.core.office import OFFICE_ZONE


class Data:
    """What z3c.form and plone.restapi hand to invariants: attributes of the input."""

    def __init__(self, **values):
        self.__dict__.update(values)


def polish(message):
    return translate(message, target_language="pl")


def test_pesel_with_bad_checksum_is_refused_in_polish(portal):
    with pytest.raises(ValidationError) as info:
        IFamilyMember["pesel"].validate("44051401358")
    assert polish(info.value.doc()) == (
        "PESEL 44051401358 jest nieprawidłowy: błędna cyfra kontrolna lub "
        "zakodowana data."
    )


def test_valid_pesel_passes(portal):
    IFamilyMember["pesel"].validate("44051401359")


def test_pesel_must_match_members_birth_date(portal):
    member = {
        "first_name": "Jan",
        "last_name": "Kowalski",
        "role": "father",
        "birth_date": date(1944, 5, 15),
        "pesel": "44051401359",
    }
    with pytest.raises(Invalid) as info:
        IFamilyFile.validateInvariants(Data(members=[member], ended=None, opened=None))
    assert "zawiera datę urodzenia 1944-05-14" in polish(info.value.args[0])
    member["birth_date"] = date(1944, 5, 14)
    IFamilyFile.validateInvariants(Data(members=[member], ended=None, opened=None))


def test_birth_date_in_the_future_is_refused(portal):
    tomorrow = datetime.now(OFFICE_ZONE).date() + timedelta(days=1)  # office clock
    with pytest.raises(ValidationError) as info:
        IFamilyMember["birth_date"].validate(tomorrow)
    assert "jest w przyszłości" in polish(info.value.doc())
    IFamilyMember["birth_date"].validate(date.today())


def test_case_reference_follows_the_configured_pattern(portal):
    field = IFamilyFile["case_reference"]
    field.validate("AR.4010.12.2026")
    with pytest.raises(ValidationError) as info:
        field.validate("AR-4010/12/2026")
    assert polish(info.value.doc()).startswith(
        "Znak sprawy AR-4010/12/2026 nie odpowiada"
    )


def test_case_reference_prefix_is_read_from_the_registry(portal):
    api.portal.set_registry_record(
        "mgops.caseflow.case_reference_prefix", "OPS.AR.4010"
    )
    field = IFamilyFile["case_reference"]
    field.validate("OPS.AR.4010.1.2026")
    with pytest.raises(ValidationError):
        field.validate("AR.4010.1.2026")


def test_required_fields_are_required(portal):
    with pytest.raises(RequiredMissing):
        IFamilyFile["family_name"].validate(None)


def test_contract_period_must_be_in_order(portal):
    with pytest.raises(Invalid) as info:
        IContract.validateInvariants(
            Data(valid_from=date(2026, 3, 1), valid_to=date(2026, 2, 1))
        )
    assert polish(info.value.args[0]) == (
        "Koniec okresu (2026-02-01) jest wcześniejszy niż jego początek (2026-03-01)."
    )


def test_assignment_decision_names_the_assistant(portal):
    with pytest.raises(Invalid):
        IDecision.validateInvariants(Data(kind="assign_assistant", assistant=None))
    IDecision.validateInvariants(Data(kind="assign_assistant", assistant="fa1"))


class TestTypeConstraints:
    @pytest.mark.parametrize(
        "portal_type",
        ["Interview", "Contract", "Plan", "Assessment", "Note", "Decision"],
    )
    def test_documents_only_inside_a_family_file(self, portal, registry, portal_type):
        assert portal_type not in [t.getId() for t in registry.allowedContentTypes()]
        assert portal_type not in [t.getId() for t in portal.allowedContentTypes()]
        with (
            api.env.adopt_roles(["Manager"]),
            pytest.raises(api.exc.InvalidParameterError),
        ):
            api.content.create(container=registry, type=portal_type, title="x")

    def test_family_file_only_in_the_registry(self, portal, registry):
        with api.env.adopt_roles(["Manager"]):
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.create(container=portal, type="FamilyFile", title="x")
            allowed = [t.getId() for t in registry.allowedContentTypes()]
        assert allowed == ["FamilyFile"]

    def test_family_file_holds_the_six_documents(self, make_family_file):
        family_file = make_family_file()
        fti = api.portal.get_tool("portal_types")["FamilyFile"]
        assert set(fti.allowed_content_types) == {
            "Interview",
            "Contract",
            "Plan",
            "Assessment",
            "Note",
            "Decision",
        }
        assert family_file.portal_type == "FamilyFile"
