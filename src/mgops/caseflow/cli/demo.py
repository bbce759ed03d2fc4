"""``caseflow-demo``: the Plone site with mgops.caseflow and its demo data.

Opens the ZODB named by ``--zope-conf``, makes sure a Zope-root Manager ``admin``
exists, creates the Plone site (Polish, Europe/Warsaw, with plone.restapi and
mgops.caseflow) unless it exists, loads the demo data unless it is loaded, and
commits. Running it again reuses the site and the data and changes nothing.
Must not run while the instance serves the same FileStorage (it is locked).

Zope and Plone are imported inside the functions, after ``main`` has put the i18n
settings into the environment: zope.i18n reads them when it is first imported.
"""

import argparse
import logging
import sys

from mgops.caseflow.cli.site import add_site_arguments
from mgops.caseflow.cli.site import opened_app
from mgops.caseflow.cli.site import prepare_environment
from mgops.caseflow.core.office import OFFICE_TIMEZONE


ADMIN_USER = "admin"

#: Classic UI, the REST API and the add-on (the "classic" distribution's profiles).
EXTENSION_PROFILES = (
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "plone.restapi:default",
    "mgops.caseflow:default",
)
SITE_TITLE = "MGOPS – akta rodziny"
LANGUAGE = "pl"


def ensure_admin(app, password: str) -> bool:
    """A Zope-root Manager ``admin``; True when it had to be created."""
    from AccessControl.SecurityManagement import newSecurityManager

    users = app.acl_users
    created = users.getUser(ADMIN_USER) is None
    if created:
        users.userFolderAddUser(ADMIN_USER, password, ["Manager"], [])
    newSecurityManager(None, users.getUser(ADMIN_USER).__of__(users))
    return created


def ensure_site(app, site_id: str) -> tuple[object, bool]:
    """The Plone site ``site_id`` with the add-on installed; True when created."""
    from plone import api
    from plone.base.utils import get_installer
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    created = site_id not in app.objectIds()
    if created:
        addPloneSite(
            app,
            site_id,
            title=SITE_TITLE,
            extension_ids=EXTENSION_PROFILES,
            default_language=LANGUAGE,
            portal_timezone=OFFICE_TIMEZONE,
        )
    site = app[site_id]
    setSite(site)
    installer = get_installer(site, app.REQUEST)
    if not installer.is_product_installed("mgops.caseflow"):
        installer.install_product("mgops.caseflow")
    if created:
        api.portal.set_registry_record("plone.available_languages", [LANGUAGE])
        api.portal.set_registry_record("plone.default_language", LANGUAGE)
    return site, created


def upgrade_if_needed(site, request) -> tuple[str, str] | None:
    """Run the add-on's pending upgrade steps; (from, to) versions when it did.

    An existing database started with a newer release of the add-on gets its
    profile upgraded here, so ``make start`` never serves a stale catalog.
    """
    from plone.base.utils import get_installer

    installer = get_installer(site, request)
    info = installer.upgrade_info("mgops.caseflow")
    if not info.get("required"):
        return None
    installer.upgrade_product("mgops.caseflow")
    return info["installedVersion"], info["newVersion"]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="caseflow-demo",
        description="Tworzy witrynę Plone z dodatkiem i danymi demonstracyjnymi / "
        "Create the Plone site with the add-on and the demo data (idempotent).",
    )
    add_site_arguments(parser)
    parser.add_argument(
        "--admin-password",
        default="admin",
        help='password of the Zope-root "admin", if it is created (default: admin)',
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show Zope's and Plone's log"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    prepare_environment()
    # Site creation warns a lot about things that are fine; show errors only,
    # and everything with --verbose.
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    with opened_app(args.zope_conf) as app:
        import transaction

        lines = _setup(app, args)
        transaction.commit()
    for line in lines:
        print(line)
    return 0


def _setup(app, args) -> list[str]:
    from mgops.caseflow.demo.data import USERS
    from mgops.caseflow.demo.loader import demo_families
    from mgops.caseflow.demo.loader import is_demo_loaded
    from mgops.caseflow.demo.loader import load_demo

    lines = []
    if ensure_admin(app, args.admin_password):
        lines.append(
            f"Utworzono administratora Zope / created the Zope admin: {ADMIN_USER}"
        )
    site, created = ensure_site(app, args.site_id)
    if created:
        lines.append(f"Utworzono witrynę / created the site: /{args.site_id}")
    else:
        lines.append(
            f"Witryna /{args.site_id} już istnieje – bez zmian / "
            "site already exists: reused"
        )
        upgraded = upgrade_if_needed(site, app.REQUEST)
        if upgraded:
            lines.append(
                "Zaktualizowano profil dodatku / upgraded the add-on's profile: "
                f"{upgraded[0]} → {upgraded[1]}"
            )
    if is_demo_loaded(site):
        families = demo_families(site)
        lines.append(
            f"Dane demonstracyjne już załadowane / demo data already loaded "
            f"({len(families)} akt / family files)"
        )
        return lines
    families = load_demo(site)
    lines.append(
        f"Załadowano dane demonstracyjne / loaded the demo data: "
        f"{len(USERS)} użytkowników / users, {len(families)} akt / family files"
    )
    for user in USERS:
        lines.append(
            f"  {user.user_id:<14} {user.fullname:<24} {user.group:<20} "
            f"hasło / password: {user.password}"
        )
    for family in families:
        lines.append(
            f"  {family.case_reference:<16} {family.family_name:<12} "
            f"{family.state:<18} {family.path}"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
