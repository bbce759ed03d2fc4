"""A count of the ZODB conflicts that Zope retried, or not, under concurrent load."""

import collections

import pytest
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubFailure


class ConflictCounter:
    """Counts what ZPublisher does with each ConflictError: retried or not.

    ``IPubFailure`` is notified for every failed attempt of a request, with
    ``retry`` true when the publisher is about to run the request again.
    """

    def __init__(self):
        self.retried = 0
        self.not_retried = 0
        self.other_failures = 0
        self.by_class = collections.Counter()  # what the conflicts were on
        self.failures = []  # the conflicts that reached the client

    def __call__(self, event):
        error = event.exc_info[1]
        if isinstance(error, ConflictError):
            self.by_class[error.class_name or "?"] += 1
            if event.retry:
                self.retried += 1
            else:
                self.not_retried += 1
                request = event.request
                self.failures.append(
                    (
                        request.get("PATH_INFO"),
                        getattr(request, "retry_count", None),
                        repr(error),
                    )
                )
        else:
            self.other_failures += 1


@pytest.fixture
def conflicts():
    counter = ConflictCounter()
    registry = getGlobalSiteManager()
    registry.registerHandler(counter, (IPubFailure,))
    try:
        yield counter
    finally:
        registry.unregisterHandler(counter, (IPubFailure,))
