"""1002 → 1005: the centre's face; one name and one REGON for all its uses.

The archive's creating institution had a name record of its own
(``archive_institution_name``); the letterhead, the footer and the archive now
read ``centre_name``. The REGON record keeps its name
(``archive_institution_regon``): it is the one that holds the number.
"""

import logging

from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.regon import check_regon
from mgops.caseflow.settings import DEFAULT_CENTRE_NAME
from mgops.caseflow.settings import PREFIX


logger = logging.getLogger("mgops.caseflow.upgrades.v1005")

OLD_NAME = f"{PREFIX}.archive_institution_name"
CENTRE_NAME = f"{PREFIX}.centre_name"
REGON = f"{PREFIX}.archive_institution_regon"


def _own(value) -> bool:
    """A name the centre typed, not the default both records shipped with."""
    return bool(value) and value != DEFAULT_CENTRE_NAME


def merge_institution_name(setup_tool):
    """Move the archive's own name into ``centre_name``; drop its record.

    The centre's name wins when both were set and differ (it is the one on
    every printed document); the other is logged so nobody loses it unseen.
    """
    records = getUtility(IRegistry).records
    if OLD_NAME in records:
        archive_name = records[OLD_NAME].value
        centre_name = records[CENTRE_NAME].value
        if _own(archive_name) and not _own(centre_name):
            records[CENTRE_NAME].value = archive_name
        elif _own(archive_name) and archive_name != centre_name:
            logger.warning(
                "the archive's institution name %r differs from the centre's "
                "name %r; the centre's name is kept for both",
                archive_name,
                centre_name,
            )
        del records[OLD_NAME]
    regon = records[REGON].value
    if regon:
        try:
            check_regon(regon)
        except RuleViolation:
            logger.warning("the stored REGON %r is not valid: correct it", regon)
