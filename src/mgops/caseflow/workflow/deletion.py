"""A family file is removed only by the destruction protocol, for everyone.

plone.restapi's DELETE checks "Delete objects" on the object only, and the
family-file workflow grants it to the social worker (who must be able to
delete draft documents inside the file). So a social worker could delete a
whole active file, and a Manager, who holds "Delete objects" everywhere, any
file with its signed decisions. Records are destroyed only through the
retention procedure (``@destroy``: after the retention period, with a
protocol, as the Act of 14 July 1983 on the national archival resource and
archives, art. 5, requires), so every other removal is refused, in Polish,
Manager included.
"""

from AccessControl import Unauthorized
from zope.globalrequest import getRequest
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.workflow.acts import ProcessFlag


_DESTROYING = ProcessFlag("destroying")


def destruction():
    """Inside, the retention procedure (``gdpr.retention.destroy``) removes files.

    A flag that Python code raises, not anything a request could send.
    """
    return _DESTROYING.raised()


def family_file_will_be_removed(family_file, event):
    if event.newParent is not None:
        return  # a move or rename, not a removal
    registry = event.oldParent
    if registry is None:
        return
    if _DESTROYING:
        return  # the retention procedure, which writes a protocol
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
