"""``GET @search`` that answers a malformed query with 400, never with 500.

Plain plone.restapi lets the catalog's own errors through as 500: an unbalanced
full-text query (``(((( AND NOT`` → ZCTextIndex ``ParseError``), ``b_size=-1``
(an ``AssertionError`` in the batching), ``b_start=abc``, ``path.depth=x``, an
impossible date. Each of those is a bad request, so this subclass — registered
for the add-on's layer, otherwise identical — refuses it: a ``CaseflowError``
(400), which the REST error view says in Polish. The catalog query itself is
unchanged: permission filtering stays the catalog's.
"""

from DateTime.interfaces import DateTimeError
from plone.restapi.exceptions import QueryParsingError
from plone.restapi.services.search.get import SearchGet
from Products.ZCTextIndex.ParseTree import ParseError

from mgops.caseflow.core.errors import CaseflowError


MAX_PAGE = 1000
BAD_QUERY = (
    ParseError,
    QueryParsingError,
    DateTimeError,
    ValueError,
    TypeError,
    AssertionError,
)


def _refusal():
    return CaseflowError(
        "error_search_query",
        "The search query cannot be understood: check the search text, the dates "
        "and the paging (b_start, b_size: whole numbers from 0 and from 1 to "
        "${max}).",
        max=MAX_PAGE,
    )


class SafeSearchGet(SearchGet):
    def reply(self):
        form = self.request.form
        try:
            if int(form.get("b_start", 0)) < 0:
                raise ValueError("b_start")
            size = int(form.get("b_size", 25))
            if not 1 <= size <= MAX_PAGE:
                raise ValueError("b_size")
        except (TypeError, ValueError):
            raise _refusal() from None
        try:
            return super().reply()
        except BAD_QUERY:
            raise _refusal() from None
