"""A committed site with the facts of ``testing.reports`` for the reports."""

import pytest
import transaction

from mgops.caseflow.testing.reports import build_report_facts


@pytest.fixture
def report_site(functional_portal):
    files = build_report_facts(functional_portal)
    transaction.commit()
    return files
