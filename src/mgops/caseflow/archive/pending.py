"""An archival package checked on the import page, kept until the head confirms.

The page checks a package first and shows the answer; only a package that
passed is kept, in a blob under the registry, for the user who sent it, for an
hour. Confirming imports that same file (checked again: the site may have
changed meanwhile) and drops it. A blob rather than a file on one server's
disk, so the confirmation may reach another instance of a cluster.
"""

import datetime
import secrets

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.core.errors import CaseflowError


KEY = "mgops.caseflow.pending_archive_imports"
KEPT_FOR = datetime.timedelta(hours=1)


def _now():
    return datetime.datetime.now(datetime.UTC)


def _table(registry):
    annotations = IAnnotations(registry)
    if KEY not in annotations:
        annotations[KEY] = OOBTree()
    return annotations[KEY]


def _drop_stale(table):
    for token in [t for t, kept in table.items() if _now() - kept["at"] > KEPT_FOR]:
        del table[token]


def keep(registry, package, user_id: str) -> str:
    """Keep the checked ``package`` (a file open for reading) for ``user_id``."""
    table = _table(registry)
    _drop_stale(table)
    package.seek(0)
    token = secrets.token_urlsafe(16)
    table[token] = PersistentMapping(
        user=user_id,
        at=_now(),
        file=NamedBlobFile(data=package.read(), filename="paczka.zip"),
    )
    return token


def take(registry, token: str, user_id: str):
    """The package kept under ``token`` for ``user_id`` (a blob open for reading),
    removed from the pending ones; refused when it expired or is another's."""
    table = _table(registry)
    _drop_stale(table)
    kept = table.get(token or "")
    if kept is None or kept["user"] != user_id:
        raise CaseflowError(
            "archive_import_pending_gone",
            "The checked package is no longer kept (it is kept for an hour, for the "
            "person who sent it): send it again.",
        )
    del table[token]
    return kept["file"].open()
