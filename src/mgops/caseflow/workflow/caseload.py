"""Each assistant's active families against the caseload limit, for the head."""

from mgops.caseflow.core.rules.caseload import caseload_free_places
from mgops.caseflow.core.rules.caseload import effective_caseload_limit
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import staff_members
from mgops.caseflow.settings import setting
from mgops.caseflow.workflow.guards import active_families


def caseload_report():
    """``{"limit", "items"}``, the busiest assistant first (``@caseload``, Obciążenie)."""
    limit = effective_caseload_limit(setting("caseload_limit"))
    items = []
    for user in staff_members(ASSISTANTS_GROUP):
        active = active_families(user.getId())
        items.append(
            {
                "assistant": user.getId(),
                "fullname": user.getProperty("fullname") or user.getId(),
                "active": active,
                "limit": limit,
                "free": caseload_free_places(active, limit),
                "at_limit": active >= limit,
            }
        )
    items.sort(key=lambda item: (-item["active"], item["fullname"]))
    return {"limit": limit, "items": items}
