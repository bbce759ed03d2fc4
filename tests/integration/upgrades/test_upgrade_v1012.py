"""1008 → 1012: register numbers of the register's own shape, signatures untouched.

The site is the demo as 1008 signed it: every decision numbered
``AR.4010.{n}.{year}``, the shape of a case reference, inside the XML the
head signed. After the upgrade the register shows ``{n}/{year}``, the signed
XML is byte for byte what was signed and still verifies, and the archive's
export and import carry both numbers.
"""

import zipfile

import lxml.html
import pytest
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.core.archive import PackageReader
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.rules.case_reference import looks_like_case_reference
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.demo.loader import DEMO_SIGNING_PASSWORD
from mgops.caseflow.demo.loader import load_demo
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import setting
from mgops.caseflow.signing import signing
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.register import entries
from mgops.caseflow.signing.register import register_xml
from mgops.caseflow.testing.builders import delete_unrestricted


PROFILE = "mgops.caseflow:default"
OLD_PATTERN = "AR.4010.{n}.{year}"


def old_number(n, year):
    return OLD_PATTERN.format(n=n, year=year)


def signed_decisions():
    return [
        brain._unrestrictedGetObject()
        for brain in api.content.find(
            portal_type="Decision", review_state="signed", unrestricted=True
        )
    ]


@pytest.fixture
def site_of_1008(portal, setup_tool, monkeypatch):
    """The demo signed as 1008 did (case-reference-shaped numbers), and the
    site's profile, pattern and catalog put back to 1008."""

    def take(pattern=OLD_PATTERN):
        api.portal.set_registry_record(f"{PREFIX}.register_pattern", pattern)
        with monkeypatch.context() as patch:
            patch.setattr(
                signing, "format_number", lambda n, year: pattern.format(n=n, year=year)
            )
            with api.env.adopt_roles(["Manager"]):
                load_demo(portal)
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delColumn("signed_number")
        setup_tool.setLastVersionForProfile(PROFILE, "1008")
        decisions = signed_decisions()
        assert decisions
        return {
            d.UID(): (d.register_n, d.register_year, d.register_number)
            for d in decisions
        }

    return take


def upgrade(setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )


def closed_with_signed_decision():
    for decision in signed_decisions():
        family_file = decision.aq_parent
        if api.content.get_state(family_file) in ("closed", "archived"):
            return family_file, decision
    pytest.fail("the demo has no closed file with a signed decision")


def export(family_file, path):
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(family_file)
        with open(path, "wb") as target:
            exports.write(selection, ZipTarget(target))
    return selection.exported


def test_the_pattern_becomes_the_registers_own(site_of_1008, setup_tool):
    site_of_1008()
    upgrade(setup_tool)
    assert setting("register_pattern") == "{n}/{year}"
    assert OLD_PATTERN in decision_numbers().legacy_patterns


def test_each_entry_gets_a_new_number_and_keeps_what_it_signed(
    site_of_1008, setup_tool
):
    before = site_of_1008()
    signed_bytes = {d.UID(): bytes(d.signature_file.data) for d in signed_decisions()}
    upgrade(setup_tool)
    for decision in signed_decisions():
        n, year, number = before[decision.UID()]
        assert number == old_number(n, year)
        assert decision.register_number == f"{n}/{year}"
        assert decision.signed_number == number
        assert not looks_like_case_reference(decision.register_number)
        assert bytes(decision.signature_file.data) == signed_bytes[decision.UID()]
        assert signing.reverify(decision).signer_common_name


def test_the_register_lists_the_new_number_beside_the_case_reference(
    site_of_1008, setup_tool
):
    before = site_of_1008()
    references = {d.UID(): d.aq_parent.case_reference for d in signed_decisions()}
    upgrade(setup_tool)
    with api.env.adopt_user(username="head"):
        rows = entries()
        xml = register_xml()
    assert len(rows) == len(before)
    for row in rows:
        n, year, number = before[row["UID"]]
        assert row["register_number"] == f"{n}/{year}"
        assert row["signed_number"] == number
        assert row["case_reference"] == references[row["UID"]]
        assert row["register_number"] != row["case_reference"]
    assert f"<signedNumber>{rows[0]['signed_number']}</signedNumber>".encode() in xml


def test_the_register_page_shows_both_numbers_and_the_case_reference_apart(
    portal, http_request, site_of_1008, setup_tool
):
    site_of_1008()
    upgrade(setup_tool)
    alsoProvides(http_request, IMgopsCaseflowLayer)
    decision = signed_decisions()[0]
    n, year = decision.register_n, decision.register_year
    with api.env.adopt_user(username=HEAD.user_id):
        html = getMultiAdapter((portal["rejestr-decyzji"], http_request), name="view")()
        page = getMultiAdapter((decision, http_request), name="view")()
    row = next(
        row
        for row in lxml.html.fromstring(html).cssselect("table.caseflow-table tbody tr")
        if row.cssselect("a")[0].text_content() == f"{n}/{year}"
    )
    cells = [cell.text_content().strip() for cell in row.cssselect("td")]
    assert "podpisana jako AR.4010." in cells[0]
    assert cells[3] == decision.aq_parent.case_reference
    assert f"{n}/{year}" in page
    assert "Numer w podpisanym dokumencie" in page
    assert old_number(n, year) in page


def test_the_counter_is_untouched_and_the_next_number_is_new_style(
    site_of_1008, setup_tool, make_family_file, make_document
):
    before = site_of_1008()
    years = {year for _, year, _ in before.values()}
    issued = {year: decision_numbers().issued(year) for year in years}
    upgrade(setup_tool)
    assert {year: decision_numbers().issued(year) for year in years} == issued
    year = signing.local_day(signing.now_utc()).year
    expected = decision_numbers().peek(year)
    family_file = make_family_file(81, state="active")
    decision = make_document(
        family_file,
        "Decision",
        owner="head",
        state="pending_signature",
        kind="other",
        content="Decyzja po zmianie numeracji.",
        justification="Test.",
    )
    with api.env.adopt_user(username=HEAD.user_id):
        signing.sign_in_server(decision, DEMO_SIGNING_PASSWORD)
    assert decision.register_number == f"{expected}/{year}"
    assert getattr(decision, "signed_number", None) is None


def test_a_pattern_of_its_own_is_left_alone(site_of_1008, setup_tool):
    before = site_of_1008("DEC/{year}/{n}")
    upgrade(setup_tool)
    assert setting("register_pattern") == "DEC/{year}/{n}"
    for decision in signed_decisions():
        assert decision.register_number == before[decision.UID()][2]
        assert getattr(decision, "signed_number", None) is None


def test_the_export_after_the_upgrade_validates_and_imports_verified(
    portal, site_of_1008, setup_tool, ndap_schemas, tmp_path
):
    site_of_1008()
    upgrade(setup_tool)
    family_file, decision = closed_with_signed_decision()
    uid, number, signed_number = (
        decision.UID(),
        decision.register_number,
        decision.signed_number,
    )
    path = tmp_path / "paczka.zip"
    exported = export(family_file, path)
    with PackageReader(path, schemas=archive_schemas()) as reader:
        reader.verify()
    with zipfile.ZipFile(path) as package:
        documents = b"".join(
            package.read(name) for name in package.namelist() if "dokumenty/" in name
        )
    assert f"signedNumber>{signed_number}</".encode() in documents
    delete_unrestricted(exported)
    with api.env.adopt_roles(["Manager"]):
        import_package(path, portal["akta"])
        imported = api.content.get(UID=uid)
    assert imported.register_number == number
    assert imported.signed_number == signed_number
    assert signing.reverify(imported).signer_common_name


def test_a_package_exported_before_the_upgrade_imports_in_the_new_shape(
    portal, site_of_1008, setup_tool, ndap_schemas, tmp_path
):
    before = site_of_1008()
    family_file, decision = closed_with_signed_decision()
    uid = decision.UID()
    n, year, number = before[uid]
    path = tmp_path / "stara-paczka.zip"
    exported = export(family_file, path)
    upgrade(setup_tool)
    delete_unrestricted(exported)
    with api.env.adopt_roles(["Manager"]):
        import_package(path, portal["akta"])
        imported = api.content.get(UID=uid)
    assert imported.register_number == f"{n}/{year}"
    assert imported.signed_number == number
    assert decision_numbers().issued(year)[n] == uid
    assert signing.reverify(imported).signer_common_name
