"""Final documents of the same file: those a new document may correct, the work
plans a periodic assessment may verify, and the assistant's requests to end the
work that a decision or the social worker's position answers."""

from plone import api
from plone.uuid.interfaces import IUUID
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mgops.caseflow.content.family_file import family_file_of
from mgops.caseflow.content.vocabularies import LazyVocabulary
from mgops.caseflow.core import states


#: The states in which a document may be corrected (it is never edited).
CORRECTABLE_STATES = (states.FINAL, states.SIGNED)


class FileDocuments(LazyVocabulary):
    """Documents of one family file in ``states`` (of ``portal_type``, if set).

    One value is answered from the one brain with that UID; the full list is
    read from the file's own path, about twenty brains, whatever the size of
    the registry.
    """

    states = CORRECTABLE_STATES
    portal_type = None
    kind = None

    def __init__(self, family_file, own_uid):
        self.own_uid = own_uid
        self.path = "/".join(family_file.getPhysicalPath())

    def _query(self, **query):
        if self.portal_type:
            query["portal_type"] = self.portal_type
        if self.kind:
            query["document_kind"] = self.kind
        return api.content.find(path={"query": self.path, "depth": 1}, **query)

    def _term(self, brain):
        if brain.review_state in self.states and self.own_uid != brain.UID:
            return SimpleTerm(brain.UID, brain.UID, brain.Title)
        return None

    def all_terms(self):
        brains = self._query(sort_on="created")
        return [term for term in map(self._term, brains) if term is not None]

    def term_for(self, uid):
        if not isinstance(uid, str) or not uid:
            return None
        brains = self._query(UID=uid)
        return self._term(brains[0]) if len(brains) == 1 else None


class CorrectableDocuments(FileDocuments):
    """The file's final documents, which a new document may correct."""


class FinalPlans(FileDocuments):
    """The file's final work plans, which a periodic assessment verifies."""

    states = (states.FINAL,)
    portal_type = "Plan"


class EndRequests(FileDocuments):
    """The assistant's final requests to end the work (DESIGN, "Process" 7)."""

    states = (states.FINAL,)
    portal_type = "Note"
    kind = "end_request"


def _file_vocabulary(vocabulary_class, context):
    family_file = family_file_of(context)
    if family_file is None:
        return SimpleVocabulary([])
    # A document being created has no UID yet; it cannot name itself anyway.
    return vocabulary_class(family_file, IUUID(context, None))


@provider(IVocabularyFactory)
def correctable_documents(context):
    """Final documents in the family file of ``context`` (add form or edit form)."""
    return _file_vocabulary(CorrectableDocuments, context)


@provider(IVocabularyFactory)
def final_plans(context):
    """Final work plans in the family file of ``context`` (add form or edit form)."""
    return _file_vocabulary(FinalPlans, context)


@provider(IVocabularyFactory)
def end_requests(context):
    """The final requests to end the work in the family file of ``context``."""
    return _file_vocabulary(EndRequests, context)
