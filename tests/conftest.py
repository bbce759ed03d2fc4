"""Fixtures for the whole suite: pytest-plone layers over mgops.caseflow.testing.

``tests/unit`` runs where Plone is not installed at all (``make test-core``: a
virtualenv with only the pure dependencies); the layers are made only where
plone.app.testing can be imported. pytest-plone registers itself as a plugin.
"""

import importlib.util
import os

import pytest


# Polish messages come from the .po files; let zope.i18n compile them on load.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


def importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


if importable("plone.app.testing"):
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


def _load_mock_pki():
    """``tests/mockpki.py`` by its path (tests/ is no package; it runs where
    Plone is absent too)."""
    import importlib.util
    import sys

    path = os.path.join(os.path.dirname(__file__), "mockpki.py")
    spec = importlib.util.spec_from_file_location("caseflow_mockpki", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


mockpki = _load_mock_pki()


@pytest.fixture(scope="session")
def mock_pki():
    """certomancer's CAs, CRL, OCSP and TSA served on 127.0.0.1 for the session."""
    pki = mockpki.start_mock_pki()
    yield pki
    pki.stop()
