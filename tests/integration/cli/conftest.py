"""The console scripts in a site: caseflow-archive exports and imports packages."""

import pytest


@pytest.fixture(autouse=True)
def ndap_schemas(ndap_schemas):
    """Every test here writes or reads packages, validated against them."""
    return ndap_schemas
