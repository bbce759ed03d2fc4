"""Staff log in with the centre's directory: a real slapd, real HTTP.

The site is switched to the directory as the README says: the settings in
the registry (as the control panel stores them), then the profile
``mgops.caseflow:ldap``. Local accounts of the layer (sw1, head, …) stay.
"""

import contextlib

import ldap
import pytest
import requests
import transaction
from plone import api

from mgops.caseflow.directory.config import PLUGIN_ID
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.groups import staff_members
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.testing import PASSWORD


FILE_BODY = {
    "@type": "FamilyFile",
    "case_reference": "AR.4010.70.2026",
    "family_name": "Kowalscy",
    "address": "ul. Leśna 1, 05-300 Mińsk Mazowiecki",
    "support_path": "standard",
    "learned_on": "2026-03-02",
    "opened": "2026-03-03",
}


@pytest.fixture
def directory_site(functional_portal, slapd):
    """The site logging staff in with ``slapd``, as an administrator sets it up."""
    settings = {
        "directory_uri": slapd.uri,
        "directory_bind_dn": slapd.bind_dn,
        "directory_bind_password": slapd.bind_password,
        "directory_timeout": 3,
        "directory_users_base": slapd.users_base,
        "directory_users_filter": slapd.users_filter,
        "directory_groups_base": slapd.groups_base,
        "directory_heads_group": "OPS-Kierownictwo",
        "directory_social_workers_group": "OPS-Pracownicy-Socjalni",
        "directory_assistants_group": "OPS-Asystenci",
        "directory_archivists_group": "OPS-Archiwum",
    }
    for name, value in settings.items():
        api.portal.set_registry_record(f"{PREFIX}.{name}", value)
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.runAllImportStepsFromProfile("profile-mgops.caseflow:ldap")
    transaction.commit()
    return functional_portal


@pytest.fixture
def url(directory_site):
    return directory_site.absolute_url()


@pytest.fixture
def person(slapd):
    """``person("uid")``: a new assistant in the directory, removed afterwards."""
    made = []

    def make(uid):
        dn = f"uid={uid},{slapd.users_base}"
        connection = slapd.admin()
        connection.add_s(
            dn,
            [
                ("objectClass", [b"inetOrgPerson"]),
                ("uid", [uid.encode()]),
                ("cn", [b"Ola Nowicka"]),
                ("sn", [b"Nowicka"]),
                ("userPassword", [b"new-Pass-1"]),
            ],
        )
        connection.modify_s(
            f"cn=OPS-Asystenci,{slapd.groups_base}",
            [(ldap.MOD_ADD, "member", [dn.encode()])],
        )
        connection.unbind_s()
        made.append(dn)
        return dn

    yield make
    connection = slapd.admin()
    for dn in made:
        connection.modify_s(
            f"cn=OPS-Asystenci,{slapd.groups_base}",
            [(ldap.MOD_DELETE, "member", [dn.encode()])],
        )
        with contextlib.suppress(ldap.NO_SUCH_OBJECT):  # the test deleted it
            connection.delete_s(dn)
    connection.unbind_s()


def rest(url, auth):
    session = requests.Session()
    session.auth = auth
    session.headers["Accept"] = "application/json"
    return lambda path: session.get(f"{url}/++api++{path}", timeout=30)


def form_login(url, login, secret):
    """A browser's session after the Classic UI login form (plone.session cookie)."""
    session = requests.Session()
    session.get(f"{url}/login", timeout=30)
    response = session.post(
        f"{url}/login",
        data={
            "__ac_name": login,
            "__ac_password": secret,
            "buttons.login": "Zaloguj",
            "came_from": "",
        },
        allow_redirects=False,
        timeout=30,
    )
    return session, response


def test_the_profile_adds_the_plugin_without_cache(directory_site, slapd):
    plugin = directory_site.acl_users[PLUGIN_ID]
    assert plugin.settings["server.uri"] == slapd.uri
    assert plugin.settings["cache.cache"] is False
    groups = directory_site.acl_users.source_groups
    assert "OPS-Asystenci" in groups.getGroupMembers(ASSISTANTS_GROUP)
    assert "OPS-Kierownictwo" in groups.getGroupMembers(HEADS_GROUP)


def test_staff_properties_come_from_the_directory(directory_site):
    head = api.user.get(userid="jnowak")
    assert head.getProperty("fullname") == "Jan Nowak"
    assert head.getProperty("email") == "jnowak@gmina.test"
    assert head.getProperty("given_name") == "Jan"
    assert head.getProperty("surname") == "Nowak"
    assert head.getProperty("certificate_serial_number") == "PNOPL-80010112345"
    assert "Head" in api.user.get_roles(username="jnowak")


def test_a_changed_group_setting_moves_the_mapping(directory_site):
    api.portal.set_registry_record(
        f"{PREFIX}.directory_assistants_group", "Gmina-Wszyscy"
    )
    members = directory_site.acl_users.source_groups.getGroupMembers(ASSISTANTS_GROUP)
    assert "Gmina-Wszyscy" in members
    assert "OPS-Asystenci" not in members
    assert "jnowak" in {user.getId() for user in staff_members(ASSISTANTS_GROUP)}


def test_a_directory_head_logs_in_over_rest_and_sees_the_assistants(url, slapd):
    response = rest(url, ("jnowak", slapd.password("jnowak")))("/@caseload")
    assert response.status_code == 200, response.text
    names = {item["assistant"]: item["fullname"] for item in response.json()["items"]}
    # the directory's assistants, through the directory group mapped into ours
    assert names["kmazur"] == "Kamil Mazur"
    assert names["lkrol"] == "Lena Król"
    assert "ppawlak" not in names  # disabled: left out by the users filter
    # and the layer's local assistants as before
    assert "fa1" in names


def test_a_wrong_password_is_refused(url):
    response = rest(url, ("jnowak", "wrong"))("/@caseload")
    assert response.status_code == 401


def test_a_directory_social_worker_opens_a_file_and_is_named_on_it(url, slapd):
    session = requests.Session()
    session.auth = ("mzajac", slapd.password("mzajac"))
    response = session.post(
        f"{url}/++api++/akta",
        json=FILE_BODY,
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    assert response.json()["social_worker"]["token"] == "mzajac"


def test_a_directory_assistant_sees_only_the_files_naming_them(
    url, slapd, committed_file
):
    own = committed_file(71, social_worker="mzajac", assistant="kmazur", state="active")
    committed_file(72, social_worker="mzajac", assistant="lkrol", state="active")
    assert "FamilyAssistant" in api.user.get_roles(username="kmazur", obj=own)
    get = rest(url, ("kmazur", slapd.password("kmazur")))
    assert get("/akta/ar-4010-71-2026").status_code == 200
    assert get("/akta/ar-4010-72-2026").status_code in (401, 403)
    found = get("/@search?portal_type=FamilyFile").json()["items"]
    assert [item["@id"].rsplit("/", 1)[-1] for item in found] == ["ar-4010-71-2026"]


def test_the_login_form_logs_a_directory_user_in(url, slapd):
    session, response = form_login(url, "kmazur", slapd.password("kmazur"))
    assert response.status_code == 302, response.text
    assert "__ac" in session.cookies
    page = session.get(f"{url}/@@moje-sprawy", timeout=30)
    assert page.status_code == 200
    assert "Kamil Mazur" in page.text


def test_a_locked_account_cannot_log_in(url, slapd):
    get = rest(url, ("ppawlak", slapd.password("ppawlak")))
    assert get("/@users/ppawlak").status_code == 401
    session, response = form_login(url, "ppawlak", slapd.password("ppawlak"))
    assert "__ac" not in session.cookies


def signed_in(url, login, secret, how):
    """``how`` a person keeps working, as a callable: is ``login`` still let in?

    Basic authentication (REST: the user reads their own @users entry) or the
    Classic UI session cookie (their name in the personal bar of a page).
    """
    if how == "basic":
        get = rest(url, (login, secret))
        return lambda: get(f"/@users/{login}").status_code == 200
    session, _ = form_login(url, login, secret)

    def by_cookie():
        page = session.get(f"{url}/@@moje-sprawy", timeout=30)
        return "Ola Nowicka" in page.text

    return by_cookie


@pytest.mark.parametrize("how", ["basic", "cookie"])
def test_a_disabled_account_loses_access_at_its_next_request(url, slapd, person, how):
    dn = person(f"onowicka-{how}")
    still_in = signed_in(url, f"onowicka-{how}", "new-Pass-1", how)
    assert still_in()
    slapd.modify(dn, [(ldap.MOD_ADD, "pwdAccountLockedTime", [slapd.locked.encode()])])
    assert not still_in()


@pytest.mark.parametrize("how", ["basic", "cookie"])
def test_a_deleted_account_loses_access_at_its_next_request(url, slapd, person, how):
    dn = person(f"odel-{how}")
    still_in = signed_in(url, f"odel-{how}", "new-Pass-1", how)
    assert still_in()
    slapd.delete(dn)
    assert not still_in()


def test_the_login_form_says_nothing_while_the_directory_answers(url):
    page = requests.get(f"{url}/login", timeout=30)
    assert page.status_code == 200
    assert "caseflow-directory-down" not in page.text


def test_directory_down_a_clear_message_and_local_accounts_still_work(url, slapd):
    slapd.stop()
    try:
        page = requests.get(f"{url}/login", timeout=30)
        assert "Katalog pracowników jest niedostępny" in page.text
        assert (
            "Can&#x27;t contact LDAP server" in page.text or "contact LDAP" in page.text
        )
        # a directory account cannot log in, a local (emergency) one can
        get = rest(url, ("kmazur", slapd.password("kmazur")))
        assert get("/@users/kmazur").status_code == 401
        assert rest(url, ("head", PASSWORD))("/@caseload").status_code == 200
        session, response = form_login(url, "sw1", PASSWORD)
        assert response.status_code == 302
        assert session.get(f"{url}/@@moje-sprawy", timeout=30).status_code == 200
    finally:
        slapd.start()
