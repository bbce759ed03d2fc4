"""The centre's settings: one schema, one accessor, and the 1001 → 1002 upgrade."""

import pytest
import transaction
import ZODB
from BTrees.OOBTree import OOBTree
from plone import api
from plone.registry import Record
from plone.registry import field
from plone.registry.interfaces import IRegistry
from Products.CMFCore.Expression import Expression
from ZODB.MappingStorage import MappingStorage
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

from mgops.caseflow.archive.config import archive_settings
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import ICaseflowSettings
from mgops.caseflow.settings import setting
from mgops.caseflow.upgrades.moved import MOVED_MODULES
from mgops.caseflow.upgrades.v1002 import resave_keys
from mgops.caseflow.upgrades.v1002 import resave_numbers


PROFILE = "mgops.caseflow:default"
INTERFACE = "mgops.caseflow.settings.ICaseflowSettings"
#: where the classes of 1001 lived (``upgrades.moved`` maps them to today's)
OLD_REGISTER = "mgops.caseflow.decisions.register"
OLD_KEYS = "mgops.caseflow.decisions.keys"
OLD_GUARD = (
    "python:modules['mgops.caseflow.decisions.effects'].applying_signed_decision()"
)
NEW_GUARD = (
    "python:modules['mgops.caseflow.signing.effects'].applying_signed_decision()"
)
WORKFLOWS = ("mgops_decision_workflow", "mgops_familyfile_workflow")

register_module = MOVED_MODULES[OLD_REGISTER]
keys_module = MOVED_MODULES[OLD_KEYS]


def guarded_transitions():
    """The transitions only a signed decision takes, with their guards."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow_id in WORKFLOWS:
        for transition in workflow_tool[workflow_id].transitions.values():
            guard = transition.guard
            if guard is not None and ".effects'" in guard.getExprText():
                yield transition


class TestSettings:
    def test_every_setting_has_its_record_under_the_one_prefix(self, portal):
        registry = getUtility(IRegistry)
        for name in ICaseflowSettings.names():
            record = registry.records[f"{PREFIX}.{name}"]
            assert record.field.interfaceName == INTERFACE

    def test_defaults(self, portal):
        assert setting("register_pattern") == "{n}/{year}"
        assert setting("caseload_limit") == 15
        assert setting("trusted_ca_certificates") == []
        assert setting("archive_ndap_schemas") is None
        institution = archive_settings().institution
        assert institution.name == "Miejsko-Gminny Ośrodek Pomocy Społecznej"
        assert institution.unit == "Zespół asystentów rodziny"
        assert institution.regon == ""

    def test_a_missing_or_empty_record_reads_as_its_default(self, portal):
        registry = getUtility(IRegistry)
        del registry.records[f"{PREFIX}.signer_post"]
        api.portal.set_registry_record(f"{PREFIX}.archive_institution_unit", "")
        assert setting("signer_post") == ICaseflowSettings["signer_post"].default
        assert archive_settings().institution.unit == "Zespół asystentów rodziny"

    def test_the_archive_reads_the_institution_from_the_settings(self, portal):
        api.portal.set_registry_record(
            f"{PREFIX}.archive_institution_regon", "123456785"
        )
        api.portal.set_registry_record(
            f"{PREFIX}.centre_name", "Gminny Ośrodek Pomocy Społecznej"
        )
        institution = archive_settings().institution
        assert institution.regon == "123456785"
        assert institution.name == "Gminny Ośrodek Pomocy Społecznej"

    def test_uninstalling_removes_the_control_panel(self, portal, installer):
        with api.env.adopt_roles(["Manager"]):
            installer.uninstall_product("mgops.caseflow")
        configlets = api.portal.get_tool("portal_controlpanel").listActions()
        assert "mgops-caseflow" not in {configlet.id for configlet in configlets}


@pytest.fixture
def site_of_1001(portal, setup_tool):
    """The site as profile 1001 left it, with the centre's own values in it."""
    registry = getUtility(IRegistry)
    records = registry.records
    # 1001 had the signing settings in their own schema ...
    for name, value in (
        ("register_pattern", "DEC/{year}/{n}"),
        ("signer_post", "Dyrektor Ośrodka"),
        ("trusted_ca_certificates", ["-----BEGIN CERTIFICATE-----\nMIIB\n"]),
    ):
        old_field = records[f"{PREFIX}.{name}"].field
        old_field.interfaceName = "mgops.caseflow.decisions.settings.ISigningSettings"
        records[f"{PREFIX}.{name}"] = Record(old_field, value)
    api.portal.set_registry_record(f"{PREFIX}.caseload_limit", 12)
    # ... and no schema at all for the archive's: an administrator added one.
    for name in ICaseflowSettings.names():
        if name.startswith("archive_"):
            del records[f"{PREFIX}.{name}"]
    records[f"{PREFIX}.archive_institution_name"] = Record(
        field.TextLine(title="archive_institution_name"),
        "Gminny Ośrodek Pomocy Społecznej w Nowym Mieście",
    )
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet("mgops-caseflow")
    for transition in guarded_transitions():
        transition.guard.expr = Expression(OLD_GUARD)
    # The register's counters and the heads' keys, saved as any stored object.
    register = portal["rejestr-decyzji"]
    numbers = IAnnotations(register)[register_module.ANNOTATION_KEY] = (
        register_module.DecisionNumbers()
    )
    numbers.take(2025, "uid-1")
    keys = IAnnotations(portal)[keys_module.ANNOTATION_KEY] = keys_module.SigningKeys()
    transaction.savepoint(optimistic=True)
    assert not numbers._p_changed
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    return numbers, keys


class TestUpgradeTo1002:
    def test_every_value_survives(self, site_of_1001, setup_tool):
        setup_tool.upgradeProfile(PROFILE)
        assert setting("register_pattern") == "DEC/{year}/{n}"
        assert setting("signer_post") == "Dyrektor Ośrodka"
        assert setting("trusted_ca_certificates") == [
            "-----BEGIN CERTIFICATE-----\nMIIB\n"
        ]
        assert setting("caseload_limit") == 12
        # 1005 made the archive's own name the centre's name
        assert (
            setting("centre_name") == "Gminny Ośrodek Pomocy Społecznej w Nowym Mieście"
        )
        assert setting("archive_institution_unit") == "Zespół asystentów rodziny"

    def test_every_record_belongs_to_the_one_schema(self, site_of_1001, setup_tool):
        setup_tool.upgradeProfile(PROFILE)
        registry = getUtility(IRegistry)
        for name in ICaseflowSettings.names():
            assert registry.records[f"{PREFIX}.{name}"].field.interfaceName == INTERFACE

    def test_the_control_panel_is_registered(self, site_of_1001, setup_tool):
        setup_tool.upgradeProfile(PROFILE)
        configlets = api.portal.get_tool("portal_controlpanel").listActions()
        assert ("mgops-caseflow", "Products") in {
            (configlet.id, configlet.category) for configlet in configlets
        }

    def test_the_guards_name_the_signing_module(self, site_of_1001, setup_tool):
        setup_tool.upgradeProfile(PROFILE)
        guards = {
            transition.guard.getExprText() for transition in guarded_transitions()
        }
        assert guards == {NEW_GUARD}
        # sign, assign_assistant, and the three ways the work ends
        assert len(list(guarded_transitions())) == 5

    def test_the_moved_objects_are_saved_again(self, site_of_1001, setup_tool):
        numbers, keys = site_of_1001
        setup_tool.upgradeProfile(PROFILE)
        assert numbers._p_changed
        assert numbers.years[2025]._p_changed
        assert keys._p_changed

    def test_the_version_is_the_profiles(self, site_of_1001, setup_tool):
        setup_tool.upgradeProfile(PROFILE)
        assert setup_tool.getLastVersionForProfile(PROFILE) == (
            setup_tool.getVersionForProfile(PROFILE),
        )


def test_resaving_writes_the_new_class_paths(monkeypatch):
    """Objects pickled under the 1001 paths load, and no stored record names
    those paths once re-saved (a reference to an object names its class too)."""
    db = ZODB.DB(MappingStorage())
    moved = (
        (register_module.DecisionNumbers, OLD_REGISTER),
        (register_module.YearCounter, OLD_REGISTER),
        (keys_module.SigningKeys, OLD_KEYS),
    )
    with db.transaction() as connection:
        for cls, old_module in moved:
            monkeypatch.setattr(cls, "__module__", old_module)
        annotations = connection.root()["annotations"] = OOBTree()
        numbers = annotations[register_module.ANNOTATION_KEY] = (
            register_module.DecisionNumbers()
        )
        numbers.years[2025] = register_module.YearCounter(2025)
        annotations[keys_module.ANNOTATION_KEY] = keys_module.SigningKeys()
    monkeypatch.undo()

    def stored_names():
        storage = db.storage
        oids = {record.oid for txn in storage.iterator() for record in txn}
        return b"".join(storage.load(oid)[0] for oid in oids)

    assert b"mgops.caseflow.decisions" in stored_names()
    with db.transaction() as connection:
        annotations = connection.root()["annotations"]
        assert resave_numbers(annotations) == 1
        assert resave_keys(annotations)
    assert b"mgops.caseflow.decisions" not in stored_names()
    assert b"mgops.caseflow.signing" in stored_names()
    db.close()
