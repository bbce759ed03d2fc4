"""1007 → 1008: anchor this instance's audit chain in the database.

Writes an ``audit_anchor`` entry through the change recorder, so the upgrade's
own transaction creates the anchor tree at the database root and anchors the
file as it stands (the entries before it are marked as written before the
anchor existed). Other instances of a scale-out setup anchor their files with
their first write.
"""

from plone import api

from mgops.caseflow.audit.record import log_on_commit


def anchor_audit_trail(context):
    log_on_commit("audit_anchor", api.portal.get(), detail={"profile": "1008"})
