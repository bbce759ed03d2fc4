"""The gap-free counter of the register of decisions, one sequence per year.

Why the sequence is gap-free and unique
---------------------------------------
* The counter is a persistent object in the ZODB (an annotation of the
  ``DecisionRegister``), and a number is taken by writing it *in the transaction
  that stores the signed decision*. If that transaction aborts — a failed check,
  a wrong password, an error, a conflict — the increment is rolled back with it:
  no number is ever burnt, so there is no gap.
* Two transactions that both take a number both write the same ``YearCounter``.
  Its ``_p_resolveConflict`` refuses to merge them, so the second to commit gets a
  ``ConflictError``; Zope retries that request from the start, it reads the
  counter the first one left, and takes the following number. Two signed
  decisions therefore never share a number.
* A counter that *merges* concurrent increments (``BTrees.Length`` adds the two
  deltas) would be wrong here: both signers would already have put the same number
  into XML they signed, and the merge would hide the duplicate.
* Each year has its own ``YearCounter``, so the register of one year is never
  blocked by another; the mapping of years is written only when a year starts.

* Within one Zope instance, signings are also taken one at a time: ``take``
  holds a process-wide lock until its transaction ends, so the threads of one
  instance never conflict on the counter and concurrent heads simply queue.
  Between instances the refusing merge and Zope's retry above keep the order.

Numbers are taken only by signing (both routes), never reserved ahead:
``peek`` says which number the next signature in a year will get, and the signing
code checks that ``take`` gives exactly that number before it stores anything.
``numbers`` keeps which decision (UID) holds each number, so the register can be
checked for completeness without the catalog.
"""

import threading

import transaction
from BTrees.IOBTree import IOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.core.signing.number_pattern import format_register_number
from mgops.caseflow.settings import setting


ANNOTATION_KEY = "mgops.caseflow.decision_numbers"


#: how long a signing waits for another one of this instance before it goes on
#: and lets the counter's conflict (and Zope's retry) keep the order instead
LOCK_TIMEOUT = 30

_signing_lock = threading.Lock()
_holding = threading.local()


def _release(*args):
    if getattr(_holding, "transaction", None) is not None:
        _holding.transaction = None
        _signing_lock.release()


def _serialize_signing():
    """Hold this instance's signing lock until the current transaction ends."""
    current = transaction.get()
    if getattr(_holding, "transaction", None) is current:
        return  # several decisions signed in one transaction
    if _signing_lock.acquire(timeout=LOCK_TIMEOUT):
        _holding.transaction = current
        current.addAfterCommitHook(_release)
        current.addAfterAbortHook(_release)


class YearCounter(Persistent):
    """The last number taken in one year, and which decision holds each number."""

    def __init__(self, year: int):
        self.year = year
        self.last = 0
        self.numbers = IOBTree()

    def _p_resolveConflict(self, old_state, committed_state, new_state):
        # Two signers took a number from the same state: never merge, one retries.
        # ``self`` is a bare instance here (ZODB does not load its state).
        year = (old_state or {}).get("year", "?")
        raise ConflictError(
            f"concurrent register numbers in {year}: the request is retried"
        )


class DecisionNumbers(Persistent):
    """Year → ``YearCounter``."""

    #: the patterns of the numbers signed before the register had a shape of its
    #: own (``legacy_numbers``), as the 1012 upgrade found them
    legacy_patterns = ()

    def __init__(self):
        self.years = PersistentMapping()

    def peek(self, year: int) -> int:
        """The number the next decision signed in ``year`` will get (no write)."""
        counter = self.years.get(year)
        return (counter.last if counter is not None else 0) + 1

    def take(self, year: int, uid: str) -> int:
        """Take the next number of ``year`` for the decision ``uid``."""
        _serialize_signing()
        counter = self.years.get(year)
        if counter is None:
            counter = self.years[year] = YearCounter(year)
        counter.last += 1
        counter.numbers[counter.last] = uid
        return counter.last

    def enter(self, year: int, n: int, uid: str) -> None:
        """Enter the number ``n`` of ``year``, given before this site (an
        archival package, a decision brought in by the case import), for the
        decision ``uid``; the numbers signed later follow the highest."""
        counter = self.years.get(year)
        if counter is None:
            counter = self.years[year] = YearCounter(year)
        counter.numbers[n] = uid
        counter.last = max(counter.last, n)

    def issued(self, year: int) -> dict[int, str]:
        counter = self.years.get(year)
        return dict(counter.numbers.items()) if counter is not None else {}


def _holder():
    """The DecisionRegister, or the site when there is none."""
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="DecisionRegister")
    if brains:
        return brains[0]._unrestrictedGetObject()
    return portal


def decision_numbers(create: bool = False) -> DecisionNumbers:
    """The register's counters; ``create`` only when a number is to be taken,
    so that reading the next number (a page view) never writes."""
    annotations = IAnnotations(_holder())
    numbers = annotations.get(ANNOTATION_KEY)
    if numbers is None:
        if not create:
            return DecisionNumbers()
        numbers = annotations[ANNOTATION_KEY] = DecisionNumbers()
    return numbers


def register_pattern() -> str:
    return setting("register_pattern")


def format_number(n: int, year: int) -> str:
    return format_register_number(register_pattern(), n, year)
