"""Plone's toolbar with its pin and unpin controls as buttons (overrides/toolbar.pt)."""

from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AccessibleToolbar(ToolbarViewletManager):
    custom_template = ViewPageTemplateFile("overrides/toolbar.pt")
