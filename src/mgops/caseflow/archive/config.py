"""Where the running site finds the NDAP schemas, and what it writes as creator.

The state archives' XSDs are not part of the project (see DESIGN, "Archival
export"): the deployment names their folder, in this order:

1. the registry record ``mgops.caseflow.archive_ndap_schemas`` (a path), when
   an administrator adds it;
2. the environment variable ``MGOPS_CASEFLOW_NDAP_SCHEMAS``, which
   ``caseflow-instance --ndap-schemas DIR`` writes into zope.conf's
   ``<environment>``.

Every exported package ships its own copies under ``schemas/ndap/``. The
institution written into each metadata file comes from the records
``mgops.caseflow.archive_institution_name`` / ``…_unit`` / ``…_regon`` when
present; reading a missing record gives the default, so no profile change is
needed to run with the defaults.
"""

from functools import cache

from plone import api

from mgops.caseflow.core.archive import ArchiveSchemas
from mgops.caseflow.core.archive import ArchiveSettings
from mgops.caseflow.core.archive import Institution


PREFIX = "mgops.caseflow"
NDAP_RECORD = f"{PREFIX}.archive_ndap_schemas"

DEFAULT_INSTITUTION = "Miejsko-Gminny Ośrodek Pomocy Społecznej"
DEFAULT_UNIT = "Zespół asystentów rodziny"

#: JRWA class → its title (haslo klasyfikacyjne) in the centre's file plan.
JRWA_TITLES = {"4010": "Asystent rodziny"}
DEFAULT_JRWA_TITLE = "Wspieranie rodziny"


def _record(name: str, default=None):
    try:
        value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
    except api.exc.CannotGetPortalError:
        value = None
    return value or default


@cache
def _schemas_for(ndap_dir: str | None) -> ArchiveSchemas:
    # Compiled schemas are kept per thread inside ArchiveSchemas: cache the object.
    return ArchiveSchemas(ndap_dir or None)


def archive_schemas() -> ArchiveSchemas:
    """The schemas; ``ArchiveError`` (archive_schemas_missing) if not configured."""
    return _schemas_for(_record("archive_ndap_schemas"))


def archive_settings() -> ArchiveSettings:
    return ArchiveSettings(
        institution=Institution(
            name=_record("archive_institution_name", DEFAULT_INSTITUTION),
            unit=_record("archive_institution_unit", DEFAULT_UNIT),
            regon=_record("archive_institution_regon", ""),
        ),
    )


def jrwa_title(jrwa_class: str) -> str:
    return JRWA_TITLES.get(jrwa_class, DEFAULT_JRWA_TITLE)
