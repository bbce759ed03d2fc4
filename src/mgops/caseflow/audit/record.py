"""Turn Plone objects and requests into audit entries, and write them.

Reads are written at the end of the request (after its security checks, see
``subscribers``) and anchored in a small transaction of their own
(``anchor.anchor_now``); the request's own transaction stays read-only.

Changes are written as part of their transaction: ``ChangeRecorder`` is a
transaction data manager. Before the commit it builds the entries, locks the
file, chains them and puts the new chain head into the anchor (a ZODB object,
so the anchor commits with the change or not at all); in ``tpc_vote`` — after
the ZODB has voted (``sortKey``) — it writes and fsyncs them. If they cannot be
written the vote fails and the change is aborted with a ``SetupError``; an
aborted transaction takes back any line it wrote. The one window left is a
crash between the fsync and the database's commit: those entries carry their
transaction's ``txn`` id, lie beyond the committed anchor, and the next write
records them as never committed (``core.audit.chain.advance``).
"""

import datetime
import uuid

import transaction
from AccessControl import getSecurityManager
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from zope.globalrequest import getRequest

from mgops.caseflow import logger
from mgops.caseflow.audit import anchor
from mgops.caseflow.audit.config import current_log
from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.family_file import family_file_of
from mgops.caseflow.core.errors import SetupError


def is_audited(obj) -> bool:
    return IFamilyFile.providedBy(obj) or IFamilyDocument.providedBy(obj)


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
        "uid": uid_of(obj),
        "path": path,
        "portal_type": getattr(obj, "portal_type", None),
        "case_reference": getattr(family_file, "case_reference", None),
        "file_uid": uid_of(family_file),
    }


def uid_of(obj):
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


def _unwritable(error) -> SetupError:
    return SetupError(
        "error_audit_unwritable",
        "The audit trail could not be written (${reason}); nothing was done.",
        reason=getattr(error, "strerror", None) or str(error),
    )


def _database(*objects):
    """The database the site (or one of ``objects``) lives in, or None."""
    from zope.component.hooks import getSite

    for obj in (getSite(), *objects):
        for item in aq_chain(obj) if obj is not None else ():
            jar = getattr(item, "_p_jar", None)
            if jar is not None:
                return jar
    return None


def write_all(entries: list[dict]) -> list[dict]:
    """Append ``entries`` (reads, refusals) at once, fsynced, and anchor them.

    A trail that cannot be written is a ``SetupError``: a read that cannot be
    recorded is not served. An anchor that cannot be committed is only logged:
    the entries stand, and the next write records them as unanchored.
    """
    if not entries:
        return []
    log = current_log()
    try:
        writer = log.writer()
    except OSError as error:
        logger.exception("Could not write the audit trail: %r", entries)
        raise _unwritable(error) from error
    try:
        written = [writer.chain(entry) for entry in entries]
        try:
            writer.flush(fsync=True)
        except OSError as error:
            logger.exception("Could not write the audit trail: %r", entries)
            raise _unwritable(error) from error
        jar = _database()
        if jar is not None:
            try:
                anchor.anchor_now(jar.db(), instance_name(), writer, now())
            except Exception:
                logger.exception("Audit trail: could not anchor %s", log.path)
    finally:
        writer.close()
    return written


def write(entry: dict) -> None:
    write_all([entry])


def log_now(action, outcome="ok", obj=None, request=None, **extra) -> dict:
    entry = make_entry(action, outcome, obj, request, **extra)
    write(entry)
    return entry


# ---------------------------------------------------------------- served

SERVED_KEY = "_caseflow_audit_served"
#: how an object's data left, weakest first: a listing's summary, the whole object
SERVED_ACTIONS = ("list", "read", "export")


def note_served(obj, action="read") -> None:
    """Remember that this request serves ``obj``'s data (recorded at its end).

    Called wherever family data is turned into an answer — the REST
    serializers of our types, their summaries in listings, the archive's
    export — so every route that serves it is recorded, whatever its URL or
    method. Outside a published request (a console script) the read is
    written at once.
    """
    if not is_audited(obj):
        return
    request = getRequest()
    if request is None or request.get("PUBLISHED") is None:
        log_now(action, obj=obj, request=request)
        return
    _remember_served(request, uid_of(obj) or id(aq_inner(obj)), describe(obj), action)


def _remember_served(request, key, description, action) -> None:
    served = request.other.setdefault(SERVED_KEY, {})
    known = served.get(key)
    if known is None or SERVED_ACTIONS.index(action) > SERVED_ACTIONS.index(known[1]):
        served[key] = (description, action)


def note_listed(brain) -> None:
    """A family file or document a listing shows (its title, case reference,
    family name), told from its catalog brain: a page of Classic UI listings
    (Moje sprawy, Terminy, Do podpisu, the register) is recorded like a REST
    listing, without waking every file. A document's file is found by its path.
    """
    request = getRequest()
    if request is None or request.get("PUBLISHED") is None:
        return  # only a published request serves a listing
    path = brain.getPath()
    if brain.portal_type == "FamilyFile":
        file_uid = brain.UID
    else:
        catalog = api.portal.get_tool("portal_catalog")
        parent = path.rsplit("/", 1)[0]
        files = catalog.unrestrictedSearchResults(
            path={"query": parent, "depth": 0}, portal_type="FamilyFile"
        )
        file_uid = files[0].UID if files else None
    description = {
        "uid": brain.UID,
        "path": path,
        "portal_type": brain.portal_type,
        "case_reference": getattr(brain, "case_reference", None),
        "file_uid": file_uid,
    }
    _remember_served(request, brain.UID, description, "list")


def served_objects(request) -> dict:
    """UID → (description, action) of each family file or document served."""
    return dict(request.other.get(SERVED_KEY) or {})


def changed_uids(request) -> set:
    """The UIDs this request's committed transaction recorded a change of."""
    return request.other.get("_caseflow_audit_changed") or set()


# ---------------------------------------------------------------- changes


class _Rollback:
    def __init__(self, recorder):
        self.recorder = recorder
        self.count = len(recorder.items)

    def rollback(self):
        del self.recorder.items[self.count :]


class ChangeRecorder:
    """The change entries of one transaction, written as part of it.

    An ``IDataManager`` joined to the transaction at its first change; its
    before-commit hook locks the file and anchors the entries, ``tpc_vote``
    writes them, ``tpc_finish`` / ``tpc_abort`` / ``abort`` release the file
    (the last two take the written lines back).
    """

    def __init__(self, txn):
        self.transaction_manager = transaction.manager
        self.txn_id = uuid.uuid4().hex
        self.items = []  # (action, obj, entry-or-None, detail)
        self.seen = set()
        self.entries = []
        self.writer = None
        txn.addBeforeCommitHook(self.before_commit)
        txn.join(self)

    def add(self, action, obj, detail, now_entry):
        key = (action, id(aq_inner(obj)), repr(sorted((detail or {}).items())))
        if key in self.seen:
            return
        self.seen.add(key)
        self.items.append((action, obj, now_entry, detail))
        if self.writer is not None:
            # a change made by a later before-commit hook: chained at once
            entry = now_entry or make_entry(
                action, obj=obj, request=getRequest(), **(detail or {})
            )
            self.entries.append(entry)
            self._chain_and_anchor([entry])

    def _build(self):
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

    def before_commit(self):
        self._build()
        if not self.entries:
            return
        try:
            self.writer = current_log().writer()
        except OSError as error:
            logger.exception("Could not write the audit trail: %r", self.entries)
            raise _unwritable(error) from error
        self._chain_and_anchor(self.entries)

    def _chain_and_anchor(self, entries):
        for entry in entries:
            self.writer.chain(dict(entry, txn=self.txn_id))
        jar = _database(*(obj for _, obj, _, _ in self.items))
        if jar is not None:
            name = instance_name()
            anchor.set_state(
                jar, name, anchor.next_state(jar.db(), name, self.writer, now())
            )
        request = getRequest()
        if request is not None and hasattr(request, "other"):
            changed = request.other.setdefault("_caseflow_audit_changed", set())
            changed.update(entry.get("uid") for entry in entries)

    # IDataManager

    def sortKey(self):
        # After every storage's connection ("~" sorts after letters, digits
        # and "/"): the database has voted, conflicts are found, before the
        # entries are written.
        return "~mgops.caseflow.audit"

    def abort(self, txn):
        self._release(rollback=True)

    def tpc_begin(self, txn):
        pass

    def commit(self, txn):
        pass

    def tpc_vote(self, txn):
        if self.writer is None:
            return
        try:
            self.writer.flush(fsync=True)
        except OSError as error:
            logger.exception("Could not write the audit trail: %r", self.entries)
            raise _unwritable(error) from error

    def tpc_finish(self, txn):
        self._release(rollback=False)

    def tpc_abort(self, txn):
        self._release(rollback=True)

    def savepoint(self):
        return _Rollback(self)

    def _release(self, rollback):
        writer, self.writer = self.writer, None
        if writer is None:
            return
        try:
            if rollback:
                writer.rollback()
        finally:
            writer.close()


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
        pending = ChangeRecorder(txn)
        txn._caseflow_audit = pending
    now_entry = (
        make_entry(action, obj=obj, request=getRequest(), **detail)
        if snapshot
        else None
    )
    pending.add(action, obj, detail, now_entry)
