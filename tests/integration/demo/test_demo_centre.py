"""The demo shows a sensible centre: a name, an address, a REGON that checks."""

from mgops.caseflow.archive.config import archive_settings
from mgops.caseflow.core.rules.regon import check_regon
from mgops.caseflow.demo.loader import DEMO_CENTRE_NAME
from mgops.caseflow.demo.loader import load_demo
from mgops.caseflow.settings import setting


def test_the_demo_centre_has_its_address_and_a_valid_regon(portal):
    load_demo(portal)
    assert setting("centre_name") == DEMO_CENTRE_NAME
    assert setting("centre_address").endswith("05-300 Mińsk Mazowiecki")
    regon = setting("archive_institution_regon")
    assert check_regon(regon) == regon
    institution = archive_settings().institution
    assert (institution.name, institution.regon) == (DEMO_CENTRE_NAME, regon)
