"""Cross-site request forgery on the add-on's state-changing POSTs.

A browser sends the session cookie (``__ac``, or plone.restapi's
``auth_token``) with any cross-site form, so a request that authenticates by
cookie must prove it comes from the site's own pages: plone.protect's token,
as ``X-CSRF-TOKEN`` header or ``_authenticator`` field (its value is in every
form of the site and from ``@@authenticator/token``). A request that carries
its credential in the ``Authorization`` header (Basic, or the JWT Bearer from
``@login``) needs none: no cross-site form can set that header, and a script
of another origin cannot either without a CORS preflight the site does not
allow. The check replaces plone.protect's automatic one, which would refuse
token-less Basic and JWT clients too.
"""

from plone import api
from plone.protect.authenticator import check
from plone.protect.interfaces import IDisableCSRFProtection
from zExceptions import Forbidden
from zope.interface import alsoProvides

from mgops.caseflow.core.errors import NotAllowed


def refuse_cross_site(request) -> None:
    """Raise ``NotAllowed`` for a cookie-authenticated request without a valid token."""
    alsoProvides(request, IDisableCSRFProtection)
    # Zope takes the Authorization header out of the environment into ``_auth``
    # (where PAS's extractors read it).
    if getattr(request, "_auth", None) or api.user.is_anonymous():
        return
    try:
        check(request)
    except Forbidden:
        raise NotAllowed(
            "error_csrf_token",
            "A request signed in with the browser's session cookie must carry the "
            "site's CSRF token (the X-CSRF-TOKEN header or the _authenticator "
            "field). Nothing was changed.",
        ) from None
