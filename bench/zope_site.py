"""The Plone site of a bench database, opened in this process (no HTTP)."""

import contextlib
import logging
import os
from pathlib import Path


@contextlib.contextmanager
def open_site(zope_conf, site_id="Plone"):
    """Start Zope from ``zope_conf`` and yield the site, as the Zope-root
    Manager ``admin``; whatever is not committed is aborted at the end."""
    from mgops.caseflow.cli.site import prepare_environment
    from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE

    prepare_environment()
    # the NDAP schemas beside the checkout, as ``caseflow-instance`` finds them
    checkout = Path(__file__).resolve().parent.parent
    os.environ.setdefault(
        NDAP_DIR_VARIABLE, str(checkout.parent / "shared" / "standards" / "ndap")
    )
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
