"""What every document of a family file shares: it may correct a final one."""

from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

from mgops.caseflow import _


class IFamilyDocument(model.Schema):
    """A document kept in a family file; final documents are never edited.

    A correction is a new document that points to the one it corrects.
    """

    corrects = schema.Choice(
        title=_("label_corrects", default="Corrects document"),
        description=_(
            "help_corrects",
            default="When this document corrects a final one, choose it here.",
        ),
        vocabulary="mgops.caseflow.CorrectableDocuments",
        required=False,
    )


@implementer(IFamilyDocument)
class FamilyDocument(Item):
    """Base class of the six documents."""
