"""``@@getVocabulary`` with a ``field`` the context does not have: refused, not a 500.

plone.app.dexterity's field permission checker says "No such field" with an
``AttributeError``, which Plone's view lets through as a 500 page (issue 14);
its own answer for a lookup it does not allow is the JSON error below.
"""

from plone.app.content.browser.vocabulary import VocabLookupException
from plone.app.content.browser.vocabulary import VocabularyView


class CaseflowVocabularyView(VocabularyView):
    def get_vocabulary(self):
        try:
            return super().get_vocabulary()
        except AttributeError as error:
            if not str(error).startswith("No such field"):
                raise
            raise VocabLookupException("Vocabulary lookup not allowed") from error
