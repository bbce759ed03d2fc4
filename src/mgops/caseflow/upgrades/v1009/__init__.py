"""1008 → 1009: the head's decisions drive the family's status; legal dates.

Re-imports the family-file workflow (the new ``end_work_to_social_work``
and ``end_and_close`` leave ``active`` only by a signed decision; the social
worker's ``refuse_cooperation`` stays for a family refusing in intake) and the registry (the
control visits per month of social work), then recomputes every file's open
obligations, which now count from the signed decisions and the documents'
own dates instead of the workflow history. A file in monitoring or social
work with no signed end-of-work decision (moved there by hand before) has no
date to count its minimum period from: it closes only by the head's decision
(``core/rules/closing.check_close``).
"""

from plone import api

from mgops.caseflow.workflow.obligations import update_obligations


PROFILE = "profile-mgops.caseflow:default"


def decisions_drive_status(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "workflow")
    setup.runImportStepFromProfile(PROFILE, "plone.app.registry")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="FamilyFile"):
        update_obligations(brain._unrestrictedGetObject())
