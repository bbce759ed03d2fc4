"""Where the running site finds the NDAP schemas, and what it writes as creator.

The state archives' XSDs ship with the add-on (``core/archive/schemas/ndap``,
their source noted there), so a site installed with pip exports out of the box.
A deployment may replace them with another folder, in this order:

1. the setting ``archive_ndap_schemas`` (a path), when the administrator
   gives one in the control panel;
2. the environment variable ``MGOPS_CASEFLOW_NDAP_SCHEMAS``, which
   ``caseflow-instance --ndap-schemas DIR`` writes into zope.conf's
   ``<environment>``;
3. otherwise the shipped copies.

Every exported package ships its own copies under ``schemas/ndap/``. The
institution written into each metadata file is the centre of the letterhead
and the footer: the settings ``centre_name`` and ``archive_institution_regon``,
with the unit ``archive_institution_unit``.
"""

from functools import cache

from mgops.caseflow.core.archive import ArchiveSchemas
from mgops.caseflow.core.archive import ArchiveSettings
from mgops.caseflow.core.archive import Institution
from mgops.caseflow.settings import setting


#: JRWA class → its title (haslo klasyfikacyjne) in the centre's file plan.
JRWA_TITLES = {"4010": "Asystent rodziny"}
DEFAULT_JRWA_TITLE = "Wspieranie rodziny"


@cache
def _schemas_for(ndap_dir: str | None) -> ArchiveSchemas:
    # Compiled schemas are kept per thread inside ArchiveSchemas: cache the object.
    return ArchiveSchemas(ndap_dir or None)


def archive_schemas() -> ArchiveSchemas:
    """The schemas; ``ArchiveError`` (archive_schemas_missing) when a configured
    folder lacks them."""
    return _schemas_for(setting("archive_ndap_schemas"))


def archive_settings() -> ArchiveSettings:
    return ArchiveSettings(
        institution=Institution(
            name=setting("centre_name"),
            unit=setting("archive_institution_unit"),
            regon=setting("archive_institution_regon"),
        ),
    )


def jrwa_title(jrwa_class: str) -> str:
    return JRWA_TITLES.get(jrwa_class, DEFAULT_JRWA_TITLE)
