"""Where each instance's audit chain is anchored: the ZODB root, beyond the web.

One small persistent ``Anchor`` per instance name, in an OOBTree under the
database root's key ``ROOT_KEY`` — not inside the Zope application, so no URL,
no ZMI page and no Manager in Plone reaches it: only code that opens the
database does. It holds the chain head of the instance's file (``seq``, last
``hash``, the first entry's hash) and what its writes found wrong
(``core.audit.chain.advance``).

A change's entries and their anchor are committed in the change's own
transaction (``record``); a read's entries are anchored in a small transaction
of their own, on a connection of their own, right after they are written. The
writer holds the file lock until its anchor is committed, so the anchor always
says where the file ends, and the next writer can check it.
"""

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError
from ZODB.POSException import ReadOnlyError

from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.core.audit.chain import EMPTY_ANCHOR
from mgops.caseflow.core.audit.chain import advance


ROOT_KEY = "mgops.caseflow.audit_anchors"


class Anchor(Persistent):
    """One instance's chain head; ``state`` is a plain dict (see ``advance``)."""

    def __init__(self):
        self.state = dict(EMPTY_ANCHOR)

    def _p_resolveConflict(self, old, committed, new):
        """A change's transaction read the anchor fresh under the file lock.

        Its own connection may still hold an older copy, so the database sees
        a conflict: the new state wins when it was computed from the state
        that is committed now, and only then.
        """
        step_of = tuple(new["state"].get("step_of") or ())
        saved = committed["state"]
        if step_of == (saved["seq"], saved["head"]):
            return new
        raise ConflictError


def anchors(connection, create: bool = False):
    """The instance → ``Anchor`` tree of the database, or None."""
    root = connection.root()
    tree = root.get(ROOT_KEY)
    if tree is None and create:
        tree = root[ROOT_KEY] = OOBTree()
    return tree


def ensure_anchors(event):
    """At Zope's start, in a transaction of its own: this instance's (empty) anchor.

    Otherwise the first audited change would create it inside its own (possibly
    long) transaction — e.g. ``caseflow-demo`` building a site, which also exports
    a file — while a read anchors in a short transaction beside it: both would add
    the same key to the database root or to the tree, which cannot resolve that
    conflict. An existing anchor object resolves it (``Anchor._p_resolveConflict``);
    an empty one reads as no anchor at all (``core.audit.chain.advance``).
    """
    name = instance_name()
    manager = transaction.TransactionManager()
    connection = event.database.open(transaction_manager=manager)
    try:
        manager.begin()
        tree = anchors(connection)
        if tree is None or name not in tree:
            anchors(connection, create=True)[name] = Anchor()
            manager.get().note("mgops.caseflow: audit anchor")
            manager.commit()
    except ReadOnlyError:
        pass  # a database opened read-only is only read
    finally:
        manager.abort()
        connection.close()


def states(connection) -> dict:
    """Instance name → anchor state, as committed when ``connection`` looked."""
    tree = anchors(connection)
    return {name: dict(anchor.state) for name, anchor in (tree or {}).items()}


def fresh_state(db, name: str) -> dict | None:
    """The anchor of ``name`` as committed now (a connection of its own)."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        tree = anchors(connection)
        anchor = tree.get(name) if tree is not None else None
        return dict(anchor.state) if anchor is not None else None
    finally:
        manager.abort()
        connection.close()


def set_state(connection, name: str, state: dict) -> None:
    """Store ``state`` as ``name``'s anchor in ``connection``'s transaction."""
    tree = anchors(connection, create=True)
    anchor = tree.get(name)
    if anchor is None:
        anchor = tree[name] = Anchor()
    anchor.state = state


def next_state(db, name, writer, when) -> dict:
    """The anchor after ``writer``'s entries, checked against the committed one."""
    return advance(
        fresh_state(db, name), writer.base, writer.previous, writer.tail, when
    )


def anchor_now(db, name: str, writer, when) -> None:
    """Anchor ``writer``'s entries in a transaction of their own (reads)."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        tree = anchors(connection)
        anchor = tree.get(name) if tree is not None else None
        before = dict(anchor.state) if anchor is not None else None
        state = advance(before, writer.base, writer.previous, writer.tail, when)
        set_state(connection, name, state)
        manager.get().note("mgops.caseflow: audit anchor")
        manager.commit()
    except BaseException:
        manager.abort()
        raise
    finally:
        connection.close()
