"""After logging in without a target page, staff land on their own cases."""

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.interface import implementer


@implementer(IRedirectAfterLogin)
class RedirectToMyCases:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url()
        if not came_from or came_from.rstrip("/") in (
            portal_url,
            f"{portal_url}/login",
            f"{portal_url}/login_form",
        ):
            return f"{portal_url}/@@moje-sprawy"
        return came_from
