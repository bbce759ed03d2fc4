"""Marker interfaces of the add-on."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IMgopsCaseflowLayer(IDefaultBrowserLayer):
    """Browser layer: views and REST services of the add-on live here."""
