"""1001 → 1002: one settings schema with its control panel; classes moved module.

The register's counters and the heads' keys are found by their annotation keys,
not by importing their module: ``upgrades.moved`` makes the old pickles load,
and re-saving them here writes the class path they have now, whatever it is.
"""

import logging

from plone import api
from zope.annotation.interfaces import IAnnotations


logger = logging.getLogger("mgops.caseflow.upgrades.v1002")

#: annotation of the DecisionRegister (or of the site when there is none)
NUMBERS_KEY = "mgops.caseflow.decision_numbers"
#: annotation of the site
KEYS_KEY = "mgops.caseflow.signing_keys"


def _resave(annotations, key):
    """Re-store the annotation ``key``; the moved object it holds, or None.

    Setting the entry again re-pickles the record that refers to the object
    (a reference names the class too), ``_p_changed`` the object itself.
    """
    obj = annotations.get(key)
    if obj is not None:
        annotations[key] = obj
        obj._p_changed = True
    return obj


def resave_numbers(annotations) -> int:
    """The counters under ``annotations``; how many years they hold."""
    numbers = _resave(annotations, NUMBERS_KEY)
    if numbers is None:
        return 0
    numbers.years._p_changed = True  # it refers to the year counters
    for counter in numbers.years.values():
        counter._p_changed = True
    return len(numbers.years)


def resave_keys(annotations) -> bool:
    return _resave(annotations, KEYS_KEY) is not None


def resave_moved_objects(setup_tool):
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    holders = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(portal_type="DecisionRegister")
    ]
    years = sum(resave_numbers(IAnnotations(holder)) for holder in [*holders, portal])
    keys = resave_keys(IAnnotations(portal))
    logger.info("re-saved the counters of %d years, keys: %s", years, keys)
