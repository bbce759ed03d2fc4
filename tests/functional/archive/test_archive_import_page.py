"""The archive import checked before anything is written: ``?dry_run=1`` over REST
and ``@@import-archiwum`` in the Classic UI (check → what it holds → confirm)."""

import io
import zipfile

import lxml.html
import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.archive.pending import KEY as PENDING
from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.workflow.deletion import destruction


PAGE = "/@@import-archiwum"


def _exported_then_deleted(functional_portal, session, closed_file):
    closed_file(1)
    package = session("archivist").get("/akta/@archive-export").content
    transaction.begin()
    with api.env.adopt_roles(["Manager"]), destruction():
        functional_portal["akta"]._delObject("ar-4010-1-2026")
    transaction.commit()
    return package


def _present(portal):
    transaction.begin()
    return "ar-4010-1-2026" in portal["akta"].objectIds()


def _pending(portal):
    transaction.begin()
    return len(portal["akta"].__annotations__.get(PENDING, {}))


@pytest.fixture
def page(request_factory):
    def make(user_id):
        auth = (
            (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
            if user_id == "admin"
            else (user_id, PASSWORD)
        )
        browser = request_factory(api=False, basic_auth=auth)
        browser.headers["Accept"] = "text/html"
        return browser

    return make


def _form_token(browser):
    tree = lxml.html.fromstring(browser.get(PAGE).text)
    return tree.cssselect("input[name=_authenticator]")[0].get("value")


def _text(response):
    return " ".join(lxml.html.fromstring(response.text).text_content().split())


def test_dry_run_over_rest_says_what_would_come_and_writes_nothing(
    functional_portal, closed_file, session
):
    package = _exported_then_deleted(functional_portal, session, closed_file)
    response = session("admin").post(
        "/akta/@archive-import",
        params={"dry_run": "1"},
        data=package,
        headers={"Content-Type": "application/zip"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] is True
    assert body["case_references"] == ["AR.4010.1.2026"]
    (file,) = body["files"]
    assert file["family_name"] == "Rodzina 1"
    assert file["review_state"] == "closed"
    assert file["documents"] == body["documents"] > 0
    assert not _present(functional_portal)


def test_the_page_shows_the_check_then_imports_on_confirmation(
    functional_portal, closed_file, session, page
):
    package = _exported_then_deleted(functional_portal, session, closed_file)
    admin = page("admin")
    token = _form_token(admin)
    checked = admin.post(
        PAGE,
        data={"_authenticator": token, "action": "check"},
        files={"package": ("paczka.zip", package, "application/zip")},
    )
    assert checked.status_code == 200
    text = _text(checked)
    assert "Paczka jest poprawna i można ją zaimportować" in text
    assert "AR.4010.1.2026" in text
    assert "Rodzina 1" in text
    assert not _present(functional_portal)  # shown, not written
    form = lxml.html.fromstring(checked.text).cssselect("input[name=token]")[0]
    imported = admin.post(
        PAGE,
        data={"_authenticator": token, "action": "import", "token": form.get("value")},
    )
    assert imported.status_code == 200
    assert "Zaimportowano akta rodzin: 1" in _text(imported)
    assert _present(functional_portal)
    assert _pending(functional_portal) == 0


def test_a_damaged_package_is_refused_on_the_page_and_nothing_kept(
    functional_portal, closed_file, session, page
):
    package = _exported_then_deleted(functional_portal, session, closed_file)
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    victim = next(name for name in files if name.startswith("sprawy/"))
    files[victim] = files[victim].replace(b"Rodzina 1", b"Rodzina 7", 1)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    admin = page("admin")
    response = admin.post(
        PAGE,
        data={"_authenticator": _form_token(admin), "action": "check"},
        files={"package": ("paczka.zip", damaged.getvalue(), "application/zip")},
    )
    assert response.status_code == 200
    assert "sumą kontrolną podaną w manifeście" in _text(response)
    assert "Paczka jest poprawna" not in _text(response)
    assert not _present(functional_portal)
    assert _pending(functional_portal) == 0


def test_an_unknown_token_imports_nothing(functional_portal, closed_file, page):
    admin = page("admin")
    response = admin.post(
        PAGE,
        data={"_authenticator": _form_token(admin), "action": "import", "token": "x"},
    )
    assert "prześlij ją ponownie" in _text(response)


def test_without_the_authenticator_nothing_is_checked(
    functional_portal, closed_file, session, page
):
    package = _exported_then_deleted(functional_portal, session, closed_file)
    response = page("admin").post(
        PAGE,
        data={"action": "check"},
        files={"package": ("paczka.zip", package, "application/zip")},
    )
    assert response.status_code == 403
    assert _pending(functional_portal) == 0


@pytest.mark.parametrize("user_id", ["head", "archivist", "sw1"])
def test_only_the_administrator_opens_the_page(functional_portal, page, user_id):
    response = page(user_id).get(PAGE, allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert "Import paczki archiwalnej" not in response.text
