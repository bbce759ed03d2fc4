"""Install and uninstall: the registry of files, the register, the staff groups."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import GROUPS
from mgops.caseflow.groups import REGISTRY_ROLES


REGISTRY_ID = "akta"
REGISTER_ID = "rejestr-decyzji"
STAFF_ID = "kadry"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["mgops.caseflow:uninstall"]


def ensure_groups():
    """The four staff groups, with the global roles of the head and the archive."""
    for group_id, (title, roles) in GROUPS.items():
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=title, roles=roles)


def ensure_containers(portal):
    """The folder of family files and the register of decisions, at the site root."""
    if REGISTRY_ID not in portal:
        api.content.create(
            container=portal,
            type="FamilyFileRegistry",
            id=REGISTRY_ID,
            title="Akta rodzin",
        )
    if REGISTER_ID not in portal:
        api.content.create(
            container=portal,
            type="DecisionRegister",
            id=REGISTER_ID,
            title="Rejestr decyzji",
        )
    registry = portal[REGISTRY_ID]
    for group_id, role in REGISTRY_ROLES.items():
        registry.manage_setLocalRoles(group_id, [role])
    registry.reindexObjectSecurity()
    ensure_staff_registry(portal)


def ensure_staff_registry(portal):
    """Kadry asystentów: the assistants reach it (with their role there) to
    enter their monthly hours; the head records their employment."""
    if STAFF_ID not in portal:
        api.content.create(
            container=portal,
            type="StaffRegistry",
            id=STAFF_ID,
            title="Kadry asystentów",
        )
    staff = portal[STAFF_ID]
    staff.manage_setLocalRoles(ASSISTANTS_GROUP, ["FamilyAssistant"])
    staff.reindexObjectSecurity()


def post_install(context):
    """Post install script."""
    portal = api.portal.get()
    ensure_groups()
    ensure_containers(portal)
