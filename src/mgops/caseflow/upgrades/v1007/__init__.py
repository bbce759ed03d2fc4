"""1006 → 1007: deny by default on the whole Zope surface (issue 14).

The workflows now manage WebDAV, properties, copy/move, local roles, history
and the other permissions that Zope and Plone hand to Owner, Authenticated and
Anonymous; the rolemap takes "WebDAV access" and "List portal members" from
plain members. Existing objects get the new permission maps, and every family
file's Owner local roles are brought to the rule of ``sync_owners``.
"""

import logging

from plone import api

from mgops.caseflow.workflow.local_roles import sync_local_roles


logger = logging.getLogger("mgops.caseflow.upgrades.v1007")


def update_security(setup_tool):
    workflow_tool = api.portal.get_tool("portal_workflow")
    count = workflow_tool.updateRoleMappings()
    catalog = api.portal.get_tool("portal_catalog")
    files = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="FamilyFile"):
        sync_local_roles(brain._unrestrictedGetObject())
        files += 1
    logger.info(
        "updated the role mappings of %d objects, owners of %d files", count, files
    )
