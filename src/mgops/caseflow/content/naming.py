"""A family file's URL id comes from its case reference: ar-4010-12-2026; the
documents in it are named by Plone's title-based chooser, minus the names that
concurrent requests have just taken (``FamilyFileNameChooser``)."""

import threading
import time

import transaction
from Acquisition import aq_inner
from plone.app.content.interfaces import INameFromTitle
from plone.app.content.namechooser import NormalizingNameChooser
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer

from mgops.caseflow.content.family_file import IFamilyFile


@implementer(INameFromTitle)
@adapter(IFamilyFile)
class NameFromCaseReference:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        # Dots would be read as a file extension by the URL normalizer.
        return (self.context.case_reference or "").replace(".", "-")


#: how long a name chosen in a family file stays reserved in this process after
#: its transaction committed: longer than any request that may have started before
#: the commit (its snapshot does not show the new object yet) takes to choose a name
RESERVED_AFTER_COMMIT = 120

_reserved: dict[tuple[str, str], float] = {}
_reserved_lock = threading.Lock()


@implementer(INameChooser)
@adapter(IFamilyFile)
class FamilyFileNameChooser(NormalizingNameChooser):
    """Plone's name chooser (``notatka``, ``notatka-1`` …) that also skips the
    names other requests of this process chose in the same family file and have
    not yet made visible to everyone.

    Why: staff writing into one family file at the same moment, with the same
    title (two "Notatka z wizyty"), would both see ``notatka-z-wizyty-3`` free in
    their own snapshot, insert the same key into the file's BTree and conflict;
    ZODB cannot merge two values under one key, so one request was retried, and
    with enough writers it failed. A name is reserved from the moment it is chosen
    until its transaction aborts (released at once) or ``RESERVED_AFTER_COMMIT``
    seconds after it commits, when every snapshot that did not see it has ended.
    Between instances the conflict and Zope's retry still keep names unique.
    """

    _reserving = False

    def chooseName(self, name, obj):
        # only a name actually chosen is reserved, not one merely checked
        self._reserving = True
        try:
            return super().chooseName(name, obj)
        finally:
            self._reserving = False

    def _getCheckId(self, obj):
        check = super()._getCheckId(obj)
        if not self._reserving:
            return check
        parent = "/".join(aq_inner(self.context).getPhysicalPath())

        def check_and_reserve(name, required):
            error = check(name, required)
            if error:
                return error
            key, now = (parent, name), time.monotonic()
            with _reserved_lock:
                until = _reserved.get(key)
                if until is not None and until > now:
                    return "reserved by a concurrent request"
                _reserved[key] = float("inf")
            _release_later(key)
            return None

        return check_and_reserve


def _release_later(key):
    def committed(success, *args):
        with _reserved_lock:
            if success:
                _reserved[key] = time.monotonic() + RESERVED_AFTER_COMMIT
            else:
                _reserved.pop(key, None)
            now = time.monotonic()
            for stale in [k for k, until in _reserved.items() if until <= now]:
                del _reserved[stale]

    def aborted(*args):
        with _reserved_lock:
            _reserved.pop(key, None)

    current = transaction.get()
    current.addAfterCommitHook(committed)
    current.addAfterAbortHook(aborted)
