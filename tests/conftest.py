"""Fixtures for the whole suite: pytest-plone layers over mgops.caseflow.testing."""

import os

from pytest_plone import fixtures_factory

from mgops.caseflow.testing import FUNCTIONAL_TESTING
from mgops.caseflow.testing import INTEGRATION_TESTING


# Polish messages come from the .po files; let zope.i18n compile them on load.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
