"""Run by ``test_wheel.py`` with the fresh virtualenv's Python, never imported.

It plays the IT person of a centre with an existing Plone: only what the wheel
installed is importable (``python -I``, from a temporary directory), and the
Zope instance is Zope's own ``mkwsgiinstance``, not ours. Each step prints one
JSON line for the test to check:

    inside_site.py setup ZOPE_CONF CHECKOUT   Plone site (Classic UI), add-on
                                              activated as Site Setup does, a
                                              closed family file
    inside_site.py uninstall ZOPE_CONF        deactivate the add-on again
"""

import json
import sys
from datetime import date
from pathlib import Path


SITE_ID = "Plone"
SITE_TITLE = "Ośrodek z istniejącą witryną"
ADMIN = "admin"
PRODUCT = "mgops.caseflow"
CASE_REFERENCE = "AR.4010.1.2026"
MEMBER = {
    "first_name": "Maria",
    "last_name": "Zielińska",
    "role": "mother",
    "birth_date": date(1990, 4, 12),
    "pesel": "90041201238",
}


def open_app(zope_conf: str):
    """The Zope root with a request, as admin; as the site's own scripts start Zope.

    Not ``mgops.caseflow.cli.site.open_app``: that one asks zope.i18n to compile
    the catalogues, and an existing site does not; the shipped ``.mo`` must do.
    """
    import Zope2
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    make_wsgi_app({}, zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    users = app.acl_users
    newSecurityManager(None, users.getUser(ADMIN).__of__(users))
    return app


def force_state(obj, state):
    """The workflow state ``state``, guards aside (as tests/integration do)."""
    from plone import api

    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    status = dict(workflow_tool.getStatusOf(workflow.id, obj), review_state=state)
    workflow_tool.setStatusOf(workflow.id, obj, status)
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject()
    obj.reindexObjectSecurity()


def installed_from_the_venv(checkout: Path) -> dict:
    """Where the add-on and its NDAP schemas come from: this venv, not the checkout."""
    import zope.i18n.config

    import mgops.caseflow
    from mgops.caseflow.archive.config import archive_schemas

    venv = Path(sys.prefix).resolve()
    return {
        "module": mgops.caseflow.__file__,
        "module_in_venv": Path(mgops.caseflow.__file__).resolve().is_relative_to(venv),
        "checkout_on_path": [
            p for p in sys.path if p and Path(p).resolve().is_relative_to(checkout)
        ],
        "ndap_dir": str(archive_schemas().ndap_dir),
        "compile_mo_files": zope.i18n.config.COMPILE_MO_FILES,
    }


def setup(zope_conf: str, checkout: str) -> dict:
    import transaction
    from plone import api
    from plone.base.utils import get_installer
    from plone.distribution.api import site as site_api
    from zope.component.hooks import setSite
    from zope.i18n import translate

    from mgops.caseflow.core.archive import ArchiveError
    from mgops.caseflow.core.rules.pesel import check_pesel
    from mgops.caseflow.groups import ASSISTANTS_GROUP
    from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
    from mgops.caseflow.messages import message_for

    app = open_app(zope_conf)
    # Site Setup → "Create a new Plone site" → Classic UI
    site = site_api.create(
        app,
        "classic",
        {
            "site_id": SITE_ID,
            "title": SITE_TITLE,
            "default_language": "pl",
            "portal_timezone": "Europe/Warsaw",
            "setup_content": True,
        },
    )
    setSite(site)
    # Site Setup → Add-ons → Activate
    installer = get_installer(site, app.REQUEST)
    activated = installer.install_product(PRODUCT)
    for user_id, group in (("sw1", SOCIAL_WORKERS_GROUP), ("fa1", ASSISTANTS_GROUP)):
        api.user.create(
            username=user_id,
            email=f"{user_id}@mgops.example.org",
            password="secret-Pass-123",
        )
        api.group.add_user(groupname=group, username=user_id)
    check_pesel(MEMBER["pesel"], MEMBER["birth_date"])  # the product's own rule
    family_file = api.content.create(
        container=site["akta"],
        type="FamilyFile",
        title="Zielińscy",
        case_reference=CASE_REFERENCE,
        family_name="Zielińscy",
        address="ul. Długa 1, 00-001 Warszawa",
        social_worker="sw1",
        assistant="fa1",
        opened=date(2026, 1, 5),
        members=[MEMBER],
    )
    force_state(family_file, "active")
    note = api.content.create(
        container=family_file,
        type="Note",
        title="Wizyta kontrolna",
        kind="control_visit",
        content="Wizyta przebiegła spokojnie.",
    )
    force_state(note, "final")
    family_file.ended = date(2026, 7, 31)
    force_state(family_file, "closed")
    transaction.commit()
    return {
        **installed_from_the_venv(Path(checkout).resolve()),
        "activated": activated,
        "installed": installer.is_product_installed(PRODUCT),
        "state": api.content.get_state(obj=family_file),
        "members": len(family_file.members),
        "polish": translate(
            message_for(ArchiveError("archive_empty")), target_language="pl"
        ),
    }


def uninstall(zope_conf: str) -> dict:
    import transaction
    from plone import api
    from plone.base.utils import get_installer
    from zope.component.hooks import setSite

    app = open_app(zope_conf)
    site = app[SITE_ID]
    setSite(site)
    installer = get_installer(site, app.REQUEST)
    before = installer.is_product_installed(PRODUCT)
    # Site Setup → Add-ons → Deactivate
    installer.uninstall_product(PRODUCT)
    transaction.commit()
    configlets = [
        a.getId() for a in api.portal.get_tool("portal_controlpanel").listActions()
    ]
    return {
        "installed_before": before,
        "installed_after": installer.is_product_installed(PRODUCT),
        "configlet_left": "mgops-caseflow" in configlets,
    }


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    result = {"setup": setup, "uninstall": uninstall}[command](*arguments)
    print(json.dumps(result, ensure_ascii=False))
