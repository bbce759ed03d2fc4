"""A family file is never deleted by a caseworker's DELETE (found by the probe).

plone.restapi's DELETE checks "Delete objects" on the object only, and the
family-file workflow grants it to the social worker (who must be able to
delete draft documents inside the file). So a social worker could delete a
whole active file. Records are destroyed only through the retention procedure
(``@destroy``, with a protocol) or by a Manager, who holds "Delete objects" on
the registry; anyone else is refused, in Polish.
"""

import contextlib
import contextvars

from AccessControl import Unauthorized
from AccessControl import getSecurityManager
from zope.globalrequest import getRequest
from zope.i18n import translate

from mgops.caseflow import _


_destroying = contextvars.ContextVar("caseflow_destroying", default=False)


@contextlib.contextmanager
def destruction():
    """Inside, the retention procedure (``gdpr.retention.destroy``) removes files.

    A context variable that Python code sets, not anything a request could send.
    """
    token = _destroying.set(True)
    try:
        yield
    finally:
        _destroying.reset(token)


def family_file_will_be_removed(family_file, event):
    if event.newParent is not None:
        return  # a move or rename, not a removal
    registry = event.oldParent
    if registry is None:
        return
    if _destroying.get():
        return  # the retention procedure, which writes a protocol
    if getSecurityManager().checkPermission("Delete objects", registry):
        return
    raise Unauthorized(
        translate(
            _(
                "error_family_file_not_deletable",
                default="A family file cannot be deleted; after its retention "
                "period the archivist destroys it with a protocol.",
            ),
            context=getRequest(),
        )
    )
