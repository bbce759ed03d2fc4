"""Settings the centre can change in the registry (Site Setup → Configuration Registry)."""

from datetime import time

from plone import api
from zope import schema
from zope.interface import Interface

from mgops.caseflow import _
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.core.rules.case_reference import DEFAULT_PREFIX
from mgops.caseflow.core.rules.case_reference import check_prefix
from mgops.caseflow.core.rules.caseload import STATUTORY_CASELOAD_LIMIT
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_END
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_START


#: the letterhead's default; the same name the archival metadata uses
DEFAULT_CENTRE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej"


class ICaseflowSettings(Interface):
    """Stored under the ``mgops.caseflow.`` prefix."""

    centre_name = schema.TextLine(
        title=_("label_centre_name", default="Name of the centre"),
        description=_(
            "help_centre_name",
            default="As on the centre's letterhead, printed at the top of every "
            "document.",
        ),
        default=DEFAULT_CENTRE_NAME,
    )

    case_reference_prefix = schema.TextLine(
        title=_("label_case_reference_prefix", default="Case reference prefix"),
        description=_(
            "help_case_reference_prefix",
            default="The part before the case number, e.g. AR.4010 gives "
            "AR.4010.12.2026.",
        ),
        default=DEFAULT_PREFIX,
        constraint=field_constraint(check_prefix),
    )
    caseload_limit = schema.Int(
        title=_("label_caseload_limit", default="Families per assistant"),
        description=_(
            "help_caseload_limit",
            default="At most 15 (Act of 9 June 2011 on supporting the family, art. 15).",
        ),
        default=STATUTORY_CASELOAD_LIMIT,
        min=1,
        max=STATUTORY_CASELOAD_LIMIT,
    )
    # plone.registry has no Time field: the hours are kept as "HH:MM".
    visit_hours_start = schema.TextLine(
        title=_("label_visit_hours_start", default="Assistant's visits from (HH:MM)"),
        default=VISIT_WINDOW_START.strftime("%H:%M"),
        constraint=time.fromisoformat,
    )
    visit_hours_end = schema.TextLine(
        title=_("label_visit_hours_end", default="Assistant's visits until (HH:MM)"),
        default=VISIT_WINDOW_END.strftime("%H:%M"),
        constraint=time.fromisoformat,
    )


def setting(name: str, default=None):
    """One of the settings above, or its default when the record is missing."""
    value = api.portal.get_registry_record(f"mgops.caseflow.{name}", default=None)
    if value is None:
        value = ICaseflowSettings[name].default if default is None else default
    return value


def visit_window() -> tuple[time, time]:
    """The hours in which an assistant's visits may take place (centre's rules)."""
    start, end = setting("visit_hours_start"), setting("visit_hours_end")
    return time.fromisoformat(start), time.fromisoformat(end)
