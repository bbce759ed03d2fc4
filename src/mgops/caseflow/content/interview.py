"""Rodzinny wywiad środowiskowy: the environmental interview."""

from datetime import date

from plone.namedfile.field import NamedBlobFile
from zope import schema
from zope.interface import implementer

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import not_in_future


class IInterview(IFamilyDocument):
    """Regulation of the Minister of Family of 8 April 2021 on the interview."""

    interview_date = schema.Date(
        title=_("label_interview_date", default="Date of the interview"),
        constraint=not_in_future,
        defaultFactory=date.today,
    )
    conducted_by = schema.TextLine(
        title=_("label_conducted_by", default="Conducted by"),
    )
    findings = schema.Text(
        title=_("label_findings", default="Findings about the family's situation"),
    )
    assistant_needed = schema.Bool(
        title=_("label_assistant_needed", default="An assistant is recommended"),
        required=False,
        default=False,
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Attachment"),
        required=False,
    )


limit_fields(IInterview)


@implementer(IInterview)
class Interview(FamilyDocument):
    """The interview that opens the standard path."""
