"""The final documents of the same file that a new document may correct."""

from functools import cached_property

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.uuid.interfaces import IUUID
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mgops.caseflow.content.family_file import IFamilyFile


#: The states in which a document may be corrected (it is never edited).
CORRECTABLE_STATES = ("final", "signed")


def _family_file(context):
    obj = aq_inner(context)
    while obj is not None and not IFamilyFile.providedBy(obj):
        obj = aq_parent(obj)
    return obj


@implementer(IVocabularyTokenized)
class CorrectableDocuments:
    """The file's final documents, queried only when they are really needed.

    Every GET of a document binds its ``corrects`` field and so builds this
    vocabulary; serializing one value asks only ``getTerm``, answered from the
    one brain with that UID. The full list (the edit form's choices) is read
    from the file's own path, about twenty brains, whatever the registry size.
    """

    def __init__(self, family_file, own_uid):
        self.family_file = family_file
        self.own_uid = own_uid
        self.path = "/".join(family_file.getPhysicalPath())

    def _correctable(self, brain):
        return brain.review_state in CORRECTABLE_STATES and self.own_uid != brain.UID

    def _term(self, brain):
        return SimpleTerm(brain.UID, brain.UID, brain.Title)

    @cached_property
    def _vocabulary(self):
        brains = api.content.find(
            path={"query": self.path, "depth": 1}, sort_on="created"
        )
        return SimpleVocabulary(
            [self._term(brain) for brain in brains if self._correctable(brain)]
        )

    def _brain(self, uid):
        if not isinstance(uid, str) or not uid:
            return None
        brains = api.content.find(UID=uid, path={"query": self.path, "depth": 1})
        if len(brains) == 1 and self._correctable(brains[0]):
            return brains[0]
        return None

    def __contains__(self, value):
        return self._brain(value) is not None

    def getTerm(self, value):
        brain = self._brain(value)
        if brain is None:
            raise LookupError(value)
        return self._term(brain)

    def getTermByToken(self, token):
        # tokens are the UIDs themselves
        return self.getTerm(token)

    def __iter__(self):
        return iter(self._vocabulary)

    def __len__(self):
        return len(self._vocabulary)


@provider(IVocabularyFactory)
def correctable_documents(context):
    """Final documents in the family file of ``context`` (add form or edit form)."""
    family_file = _family_file(context)
    if family_file is None:
        return SimpleVocabulary([])
    # A document being created has no UID yet; it cannot correct itself anyway.
    return CorrectableDocuments(family_file, IUUID(context, None))
