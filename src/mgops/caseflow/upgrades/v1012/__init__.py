"""1011 → 1012: the register of decisions numbers them in a shape of its own.

Register numbers were ``AR.4010.{n}.{year}`` by default, the shape of a case
reference (``AR.4010.1.2025`` was both a decision of one family file and the
reference of another). A pattern whose numbers can read as a case reference is
now refused; if the site has one, it becomes ``{n}/{year}``, and every signed
decision's register entry gets the new number for its (n, year) while its
signature keeps the number it signed (``signing.legacy_numbers``): a signed
document never changes, and re-verification renders it with that number.
The counter is not touched, so the register stays gap-free and unique.
"""

import logging

from plone import api

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import DEFAULT_PATTERN
from mgops.caseflow.core.signing.number_pattern import validate_pattern
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.signing.legacy_numbers import record_legacy_pattern
from mgops.caseflow.signing.legacy_numbers import renumber


logger = logging.getLogger("mgops.caseflow.upgrades.v1012")

PATTERN = f"{PREFIX}.register_pattern"


def _register_pattern_of_its_own() -> None:
    """Replace a pattern that gives case-reference shapes by the default."""
    pattern = api.portal.get_registry_record(PATTERN)
    try:
        validate_pattern(pattern)
    except SignatureError:
        record_legacy_pattern(pattern)
        api.portal.set_registry_record(PATTERN, DEFAULT_PATTERN)
        logger.info("register pattern %r replaced by %r", pattern, DEFAULT_PATTERN)


def renumber_register(setup_tool):
    """New-style numbers for the register, the signed numbers kept beside them."""
    _register_pattern_of_its_own()
    catalog = api.portal.get_tool("portal_catalog")
    if "signed_number" not in catalog.schema():
        catalog.addColumn("signed_number")
    for brain in catalog.unrestrictedSearchResults(portal_type="Decision"):
        decision = brain._unrestrictedGetObject()
        if getattr(decision, "register_n", None) is None:
            continue  # not signed, or a number of another site's pattern
        old = decision.register_number
        if renumber(decision):
            decision.reindexObject()
            logger.info(
                "decision %s: %s → %s", brain.UID, old, decision.register_number
            )
