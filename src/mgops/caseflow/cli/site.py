"""Opening the Plone site from a script: the one helper every console script uses.

``caseflow-demo``, ``caseflow-archive``, the benchmarks and the tests that drive a
real instance all start Zope from an instance's ``zope.conf`` in their own
process, as ``zconsole`` does. zope.i18n reads its settings from the environment
when it is first imported, so ``prepare_environment`` runs before any Zope import;
every Zope import below is therefore inside a function.
"""

import contextlib
import os
import sys
from pathlib import Path


#: read by zope.i18n on import; ``caseflow-instance`` writes the same into zope.conf
I18N_ENVIRONMENT = {
    "zope_i18n_compile_mo_files": "true",
    "zope_i18n_allowed_languages": "pl en",
}

LOCKED_MESSAGE = (
    "Baza danych jest zablokowana: czy instancja już działa? Zatrzymaj ją "
    "najpierw / the database is locked: is the instance running? Stop it first."
)


def add_site_arguments(parser) -> None:
    """``--zope-conf`` and ``--site-id``, as every script that opens a site takes them."""
    parser.add_argument(
        "--zope-conf",
        default="instance/etc/zope.conf",
        help="the instance's zope.conf (default: instance/etc/zope.conf)",
    )
    parser.add_argument("--site-id", default="Plone", help="default: Plone")


def prepare_environment() -> None:
    for key, value in I18N_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


def open_app(zope_conf: Path):
    """Start Zope from ``zope_conf`` (ZCML, database); the root with a request.

    Raises ``zc.lockfile.LockError`` while an instance serves the same
    FileStorage.
    """
    prepare_environment()
    import Zope2
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    make_wsgi_app({}, str(zope_conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    return app


def enter_site(app, site_id: str):
    """The site ``site_id`` as the current site, run as Zope's system user; or None."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SpecialUsers import system
    from zope.component.hooks import setSite

    if site_id not in app.objectIds():
        return None
    site = app[site_id]
    setSite(site)
    newSecurityManager(None, system)
    return site


@contextlib.contextmanager
def opened_app(zope_conf: Path):
    """``open_app`` for a script: whatever is not committed is aborted at the end.

    Exits the script with status 2 when ``zope_conf`` is missing and 1 when the
    database is locked, each with a message in Polish and English.
    """
    from zc.lockfile import LockError

    zope_conf = Path(zope_conf).resolve()
    if not zope_conf.is_file():
        print(
            f"Brak pliku / no such file: {zope_conf} "
            "(najpierw / first: caseflow-instance)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    try:
        app = open_app(zope_conf)
    except LockError:
        print(LOCKED_MESSAGE, file=sys.stderr)
        raise SystemExit(1) from None
    import transaction

    try:
        yield app
    finally:
        transaction.abort()
        app._p_jar.close()
