"""Settings the centre can change in the registry (Site Setup → Configuration Registry)."""

from zope import schema
from zope.interface import Interface

from mgops.caseflow import _
from mgops.caseflow.rules.case_reference import DEFAULT_PREFIX
from mgops.caseflow.rules.case_reference import check_prefix
from mgops.caseflow.content.validation import field_constraint


class ICaseflowSettings(Interface):
    """Stored under the ``mgops.caseflow.`` prefix."""

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
