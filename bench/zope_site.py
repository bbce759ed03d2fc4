"""The Plone site of a bench database, opened in this process (no HTTP)."""

import contextlib
import logging
from pathlib import Path


@contextlib.contextmanager
def open_site(zope_conf, site_id="Plone"):
    """Start Zope from ``zope_conf`` and yield the site, as the Zope-root
    Manager ``admin``; whatever is not committed is aborted at the end."""
    from mgops.caseflow.cli.site import prepare_environment

    prepare_environment()
    logging.basicConfig(level=logging.ERROR)
    import transaction
    from zope.component.hooks import setSite

    from mgops.caseflow.cli.demo import ensure_admin
    from mgops.caseflow.cli.site import open_app

    app = open_app(Path(zope_conf).resolve())
    # as plone.exportimport's own ``plone-exporter`` runs
    ensure_admin(app, "admin")
    site = app[site_id]
    setSite(site)
    try:
        yield site
    finally:
        transaction.abort()
        app._p_jar.close()
