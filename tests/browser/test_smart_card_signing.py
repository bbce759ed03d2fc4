"""A head with only her smart card's certificate file signs a decision by upload,
end to end in the browser, against a real mock PKI (CRL, OCSP, TSA) on 127.0.0.1:
she registers the certificate on *Moje certyfikaty*, downloads the decision's
XML, signs it with a tool other than ours (``xmlsec1``, SigningCertificate v1 /
SHA-1, as older Polish tools write) and uploads it; the page says it is signed
and her certificate page lists the decision it signed."""

import pytest
import transaction
from plone import api

from mgops.caseflow.testing.pki import install_qualified

from .conftest import refresh


pytestmark = pytest.mark.browser


@pytest.fixture
def qualified_office(functional_portal, signing, mock_pki):
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        install_qualified(mock_pki, keystore=False)
    transaction.commit()
    return mock_pki


def test_a_head_with_only_a_certificate_file_signs_by_upload(
    functional_portal,
    open_as,
    family,
    pending_decision,
    qualified_office,
    site_url,
    tmp_path,
    accessible,
    shot,
):
    pki = qualified_office
    url = pending_decision(family(31, state="awaiting_decision"))
    card = tmp_path / "ewa-kierownik.pem"
    card.write_bytes(pki.pem("head") + pki.pem("qca"))
    page = open_as("head")

    page.goto(f"{site_url}/@@moje-certyfikaty")
    accessible(page)
    page.set_input_files("#caseflow-certificate-file", str(card))
    page.click("#caseflow-register-certificate")
    page.wait_for_load_state()
    assert "jest zarejestrowany" in page.inner_text("body")
    assert "PNOPL-80010112345" in page.inner_text(".caseflow-certificates table")
    accessible(page)

    page.goto(url)
    with page.expect_download() as download:
        page.click("text=1. Pobierz")
    with open(download.value.path(), "rb") as xml:
        unsigned = xml.read()
    signed = tmp_path / "podpisana.xml"
    signed.write_bytes(pki.smart_card_sign(unsigned, "head", tmp_path))
    page.set_input_files("#caseflow-signed-file", str(signed))
    page.click("#caseflow-upload")
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert "Decyzja została podpisana" in body, body[:2000]
    shot(page, "smart-card-signed")
    refresh()
    decision = functional_portal.unrestrictedTraverse(
        url.removeprefix(site_url).lstrip("/")
    )
    assert api.content.get_state(decision) == "signed"

    page.goto(f"{site_url}/@@moje-certyfikaty")
    assert decision.register_number in page.inner_text(".caseflow-certificates table")
    accessible(page)
