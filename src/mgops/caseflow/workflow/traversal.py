"""Nothing below a family file is served to who may not view it (issue 14).

Zope's publisher checks the permission of the object it finally calls, not of
the objects it went through: a view or a template registered as public for
``*`` (``@@title``, ``@@main_template``, ``@@sitemap``, ``@@contact-info``,
``@@passwordreset``…), asked on a family file or one of its documents, rendered
the family's name and case reference to anyone, anonymous visitors included;
a REST service took the archivist's request on an active file and named it in
its refusal. This subscriber runs once traversal is done, before anything is
called, and refuses every route that goes through a family file or document
the caller may not view — with Zope's own ``Unauthorized``, as the object
itself would: the anonymous visitor gets the login form, the rest 401/403.
"""

from AccessControl import Unauthorized
from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_chain

from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


def _route(request):
    """What the request went through: its parents, and what the published
    object sits on (plone.rest puts a service in the place of its context)."""
    parents = list(request.get("PARENTS", ()))
    if parents:
        published = parents[0]
        parents.extend(aq_chain(published))
        context = getattr(aq_base(published), "context", None)
        if context is not None:
            parents.extend(aq_chain(getattr(published, "context", context)))
    return parents


def refuse_what_the_caller_may_not_view(event):
    security = getSecurityManager()
    for obj in _route(event.request):
        record = aq_base(obj)
        if not (IFamilyFile.providedBy(record) or IFamilyDocument.providedBy(record)):
            continue
        if not security.checkPermission("View", obj):
            raise Unauthorized("You are not allowed to access this resource.")
