"""Fixtures for the whole suite: pytest-plone layers over mgops.caseflow.testing.

``tests/unit`` tests the pure core and runs where Plone is not installed at all
(a virtualenv with only the core's dependencies); the layers are made only where
plone.app.testing can be imported. pytest-plone registers itself as a plugin.
"""

import importlib.util
import os


# Polish messages come from the .po files; let zope.i18n compile them on load.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

if importlib.util.find_spec("plone.app.testing") is not None:
    from pytest_plone import fixtures_factory

    from mgops.caseflow.testing import FUNCTIONAL_TESTING
    from mgops.caseflow.testing import INTEGRATION_TESTING

    globals().update(
        fixtures_factory(
            (
                (FUNCTIONAL_TESTING, "functional"),
                (INTEGRATION_TESTING, "integration"),
            )
        )
    )
