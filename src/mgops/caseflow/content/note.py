"""Adnotacja / notatka: a visit note, an intervention, a request to end work."""

from plone.namedfile.field import NamedBlobFile
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.validation import check_period_order
from mgops.caseflow.content.validation import not_in_future


class INote(IFamilyDocument):
    """An official note (adnotacja urzędowa) of something that happened."""

    kind = schema.Choice(
        title=_("label_note_kind", default="Kind of note"),
        vocabulary="mgops.caseflow.NoteKinds",
    )
    visit_start = schema.Datetime(
        title=_("label_visit_start", default="Visit started"),
        constraint=not_in_future,
        required=False,
    )
    visit_end = schema.Datetime(
        title=_("label_visit_end", default="Visit ended"),
        constraint=not_in_future,
        required=False,
    )
    place = schema.TextLine(
        title=_("label_place", default="Place"),
        description=_("help_place", default="The family's home or another place."),
        required=False,
    )
    content = schema.Text(title=_("label_note_content", default="Content"))
    services_notified = schema.List(
        title=_("label_services_notified", default="Services notified"),
        description=_(
            "help_services_notified",
            default="For an intervention: whom you notified.",
        ),
        value_type=schema.Choice(vocabulary="mgops.caseflow.ServicesNotified"),
        required=False,
        default=[],
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Attachment"),
        required=False,
    )

    @invariant
    def visit_ends_after_start(data):
        check_period_order(data.visit_start, data.visit_end)


@implementer(INote)
class Note(FamilyDocument):
    """A note in the family file."""
