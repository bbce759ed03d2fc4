"""The final documents of the same file that a new document may correct."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.uuid.interfaces import IUUID
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


def _family_file(context):
    obj = aq_inner(context)
    while obj is not None and not IFamilyFile.providedBy(obj):
        obj = aq_parent(obj)
    return obj


@provider(IVocabularyFactory)
def correctable_documents(context):
    """Final documents in the family file of ``context`` (add form or edit form)."""
    family_file = _family_file(context)
    if family_file is None:
        return SimpleVocabulary([])
    brains = api.content.find(
        context=family_file,
        object_provides=IFamilyDocument.__identifier__,
        review_state=["final", "signed"],
        sort_on="created",
    )
    # A document being created has no UID yet; it cannot correct itself anyway.
    own_uid = IUUID(context, None)
    return SimpleVocabulary(
        [
            SimpleTerm(brain.UID, brain.UID, brain.Title)
            for brain in brains
            if own_uid != brain.UID
        ]
    )
