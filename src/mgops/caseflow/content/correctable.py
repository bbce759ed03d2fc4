"""The final documents of the same file that a new document may point to: the one
it corrects, or the assistant's request to end the work that it answers."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.uuid.interfaces import IUUID
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.vocabularies import LazyVocabulary
from mgops.caseflow.core import states


#: The states in which a document may be corrected (it is never edited).
CORRECTABLE_STATES = (states.FINAL, states.SIGNED)


def _family_file(context):
    obj = aq_inner(context)
    while obj is not None and not IFamilyFile.providedBy(obj):
        obj = aq_parent(obj)
    return obj


class CorrectableDocuments(LazyVocabulary):
    """The file's final documents. One value is answered from the one brain
    with that UID; the full list is read from the file's own path, about
    twenty brains, whatever the size of the registry."""

    def __init__(self, family_file, own_uid, **only):
        self.own_uid = own_uid
        self.path = "/".join(family_file.getPhysicalPath())
        self.only = only  # catalog criteria, e.g. the kind of note

    def _term(self, brain):
        if brain.review_state in CORRECTABLE_STATES and self.own_uid != brain.UID:
            return SimpleTerm(brain.UID, brain.UID, brain.Title)
        return None

    def all_terms(self):
        brains = api.content.find(
            path={"query": self.path, "depth": 1}, sort_on="created", **self.only
        )
        return [term for term in map(self._term, brains) if term is not None]

    def term_for(self, uid):
        if not isinstance(uid, str) or not uid:
            return None
        brains = api.content.find(
            UID=uid, path={"query": self.path, "depth": 1}, **self.only
        )
        return self._term(brains[0]) if len(brains) == 1 else None


@provider(IVocabularyFactory)
def correctable_documents(context):
    """Final documents in the family file of ``context`` (add form or edit form)."""
    family_file = _family_file(context)
    if family_file is None:
        return SimpleVocabulary([])
    # A document being created has no UID yet; it cannot correct itself anyway.
    return CorrectableDocuments(family_file, IUUID(context, None))


@provider(IVocabularyFactory)
def end_requests(context):
    """The assistant's final requests to end the work, in the file of ``context``:
    what an end-of-work decision or the social worker's position answers."""
    family_file = _family_file(context)
    if family_file is None:
        return SimpleVocabulary([])
    return CorrectableDocuments(
        family_file,
        IUUID(context, None),
        portal_type="Note",
        document_kind="end_request",
    )
