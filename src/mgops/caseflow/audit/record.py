"""Turn Plone objects and requests into audit entries, and write them.

Reads are written at once (after the request's security checks, see
``subscribers``); they never touch the ZODB. Changes are queued on the
transaction and written by an after-commit hook only when it commits, so an
aborted or doomed transaction leaves no change entry behind.
"""

import datetime

import transaction
from AccessControl import getSecurityManager
from Acquisition import aq_chain
from Acquisition import aq_inner
from zope.globalrequest import getRequest

from mgops.caseflow import logger
from mgops.caseflow.audit.config import current_log
from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


def is_audited(obj) -> bool:
    return IFamilyFile.providedBy(obj) or IFamilyDocument.providedBy(obj)


def family_file_of(obj):
    for item in aq_chain(aq_inner(obj)):
        if IFamilyFile.providedBy(item):
            return item
    return None


def describe(obj) -> dict:
    """What an entry says about the object: UID, path, type, case reference."""
    if obj is None:
        return {}
    family_file = family_file_of(obj)
    try:
        path = "/".join(obj.getPhysicalPath())
    except AttributeError:
        path = None
    return {
        "uid": _uid(obj),
        "path": path,
        "portal_type": getattr(obj, "portal_type", None),
        "case_reference": getattr(family_file, "case_reference", None),
        "file_uid": _uid(family_file),
    }


def _uid(obj):
    if obj is None:
        return None
    uid = getattr(obj, "UID", None)
    try:
        return uid() if callable(uid) else uid
    except Exception:  # noqa: BLE001 - an object without a UID is still logged
        return None


def current_user_id(request=None) -> str | None:
    # ``other``, never the form (``request.get`` reads both): a client's field of
    # that name is no user.
    user = getattr(request, "other", {}).get("AUTHENTICATED_USER")
    if user is None:
        user = getSecurityManager().getUser()
    user_id = user.getId() if user is not None else None
    return user_id  # None for Anonymous User


def client_address(request) -> str | None:
    if request is None:
        return None
    try:
        return request.getClientAddr() or None
    except AttributeError:
        return request.get("REMOTE_ADDR")


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat()


def make_entry(action, outcome="ok", obj=None, request=None, user=None, **extra):
    entry = {
        "time": now(),
        "instance": instance_name(),
        "user": user if user is not None else current_user_id(request),
        "action": action,
        "outcome": outcome,
        "address": client_address(request),
        "method": request.get("REQUEST_METHOD") if request is not None else None,
    }
    entry.update(describe(obj))
    entry.update({key: value for key, value in extra.items() if value is not None})
    return entry


def write(entry: dict) -> None:
    """Append at once. An audit failure is logged loudly, never hidden."""
    try:
        current_log().append(entry)
    except OSError:
        logger.exception("Could not write the audit trail: %r", entry)
        raise


def log_now(action, outcome="ok", obj=None, request=None, **extra) -> dict:
    entry = make_entry(action, outcome, obj, request, **extra)
    write(entry)
    return entry


# ---------------------------------------------------------------- changes


class _Pending:
    """The changes of one transaction, turned into entries just before commit."""

    def __init__(self, txn):
        self.items = []  # (action, obj, entry-or-None, detail)
        self.seen = set()
        self.entries = []
        txn.addBeforeCommitHook(self.before_commit)
        txn.addAfterCommitHook(self.after_commit)

    def add(self, action, obj, detail, now_entry):
        key = (action, id(aq_inner(obj)), repr(sorted((detail or {}).items())))
        if key in self.seen:
            return
        self.seen.add(key)
        self.items.append((action, obj, now_entry, detail))

    def before_commit(self):
        for action, obj, entry, detail in self.items:
            if entry is None:  # built now: the final path, UID and case reference
                entry = make_entry(action, obj=obj, request=getRequest(), **detail)
            self.entries.append(entry)
            if action in ("create", "edit", "transition") and IFamilyFile.providedBy(
                obj
            ):
                roles_entry = _local_roles_change(obj)
                if (
                    roles_entry is not None
                    and ("local_roles", id(obj)) not in self.seen
                ):
                    self.seen.add(("local_roles", id(obj)))
                    self.entries.append(roles_entry)

    def after_commit(self, status):
        if not status:
            return  # aborted: no change happened, none is recorded
        for entry in self.entries:
            try:
                current_log().append(entry, fsync=True)
            except OSError:
                logger.exception("Could not write the audit trail: %r", entry)


def _roles(mapping) -> dict:
    return {principal: sorted(roles) for principal, roles in (mapping or {}).items()}


def _local_roles_change(family_file):
    """An entry when the file's local roles differ from the committed ones."""
    now_roles = _roles(getattr(family_file, "__ac_local_roles__", None))
    before = {}
    jar = getattr(family_file, "_p_jar", None)
    serial = getattr(family_file, "_p_serial", None)
    if jar is not None and serial and serial != b"\0" * 8:
        try:
            state = jar.oldstate(family_file, serial)
            before = _roles(state.get("__ac_local_roles__"))
        except Exception:  # noqa: BLE001 - no committed state: a new file
            before = {}
    if now_roles == before:
        return None
    return make_entry(
        "local_roles",
        obj=family_file,
        request=getRequest(),
        detail={"before": before, "after": now_roles},
    )


def log_on_commit(action, obj, snapshot=False, **detail) -> None:
    """Record ``action`` on ``obj`` if and when the current transaction commits.

    ``snapshot`` builds the entry now (for removals, whose path is gone later).
    """
    txn = transaction.get()
    pending = getattr(txn, "_caseflow_audit", None)
    if pending is None:
        pending = _Pending(txn)
        txn._caseflow_audit = pending
    now_entry = (
        make_entry(action, obj=obj, request=getRequest(), **detail)
        if snapshot
        else None
    )
    pending.add(action, obj, detail, now_entry)
