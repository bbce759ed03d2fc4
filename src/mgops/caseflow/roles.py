"""The centre's roles, shown as columns of the sharing tab."""

from plone.app.workflow.interfaces import ISharingPageRole
from zope.interface import implementer

from mgops.caseflow import _


SOCIAL_WORKER = "SocialWorker"
FAMILY_ASSISTANT = "FamilyAssistant"
HEAD = "Head"
ARCHIVIST = "Archivist"


@implementer(ISharingPageRole)
class SocialWorkerRole:
    title = _("role_social_worker", default="Social worker")
    required_permission = "mgops.caseflow: Delegate SocialWorker role"
    required_interface = None


@implementer(ISharingPageRole)
class FamilyAssistantRole:
    title = _("role_family_assistant", default="Family assistant")
    required_permission = "mgops.caseflow: Delegate FamilyAssistant role"
    required_interface = None


@implementer(ISharingPageRole)
class HeadRole:
    title = _("role_head", default="Head of the centre")
    required_permission = "mgops.caseflow: Delegate Head role"
    required_interface = None


@implementer(ISharingPageRole)
class ArchivistRole:
    title = _("role_archivist", default="Archivist")
    required_permission = "mgops.caseflow: Delegate Archivist role"
    required_interface = None
