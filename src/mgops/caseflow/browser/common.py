"""What the views share: people's names, state titles, dates, roles of the user."""

from datetime import date
from datetime import datetime
from urllib.parse import urlencode

import transaction
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS
from mgops.caseflow.messages import translated
from mgops.caseflow.roles import ARCHIVIST
from mgops.caseflow.roles import HEAD


#: obligation kind (rules/) → a short label for lists
OBLIGATION_KINDS = {
    "interview": _("obligation_interview", default="Environmental interview"),
    "introduction": _(
        "obligation_introduction", default="Introduction of the assistant"
    ),
    "assessment": _("obligation_assessment", default="Periodic assessment"),
    "monitoring_visit": _("obligation_monitoring_visit", default="Monitoring visit"),
    "social_work": _("obligation_social_work", default="Social work period"),
}


def office_day(value):
    """A date as the office writes it: 05.03.2026."""
    if not value:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    return value.strftime("%d.%m.%Y")


def office_moment(value):
    """A moment in the centre's time zone: 05.03.2026 14:30."""
    if not value:
        return "—"
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from mgops.caseflow.core.office import OFFICE_ZONE

            value = value.astimezone(OFFICE_ZONE)
        return value.strftime("%d.%m.%Y %H:%M")
    return office_day(value)


class CaseflowView(BrowserView):
    """Base of the add-on's pages: small helpers the templates call."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self._names = {}

    def batch_start(self):
        """Where a paged list starts (``b_start``); the first page for nonsense."""
        try:
            return max(0, int(self.request.form.get("b_start", 0)))
        except ValueError:
            return 0

    def page_links(self, total, filter_names, text, base_url=None):
        """Where this page (``batch_start``, ``page_size``) lies among
        ``total`` items, and links to its neighbours (at ``base_url``, else
        the address asked) that keep the filters ``filter_names``; None when
        everything fits on one page. ``text(first, last, total)`` is the
        message that says where."""
        start = self.batch_start()
        if total <= self.page_size and not start:
            return None
        form = self.request.form
        filters = {name: form[name] for name in filter_names if form.get(name)}

        def page(b_start):
            query = urlencode({**filters, "b_start": b_start})
            return f"{base_url or self.request['ACTUAL_URL']}?{query}"

        end = min(start + self.page_size, total)
        return {
            "text": self.t(text(min(start + 1, total), end, total)),
            "earlier": page(max(0, start - self.page_size)) if start else None,
            "later": page(end) if end < total else None,
        }

    def t(self, msgid, domain="mgops.caseflow"):
        return translate(msgid, domain=domain, context=self.request)

    def fullname(self, user_id):
        if not user_id:
            return "—"
        if user_id not in self._names:
            user = api.user.get(userid=user_id)
            name = user.getProperty("fullname") if user is not None else None
            self._names[user_id] = name or user_id
        return self._names[user_id]

    def state_title(self, state, portal_type="FamilyFile"):
        if not state:
            return ""
        workflow_tool = api.portal.get_tool("portal_workflow")
        title = workflow_tool.getTitleForStateOnType(state, portal_type) or state
        return translate(title, domain="plone", context=self.request)

    def type_title(self, portal_type):
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        title = fti.Title() if fti is not None else portal_type
        return translate(title, domain="mgops.caseflow", context=self.request)

    def obligation_label(self, kind):
        label = OBLIGATION_KINDS.get(kind)
        return self.t(label) if label is not None else kind

    def rule_text(self, rule):
        return self.t(_(rule, default=OBLIGATION_TEXTS.get(rule, rule)))

    def day(self, value):
        return office_day(value)

    def moment(self, value):
        return office_moment(value)

    def today(self):
        return date.today()

    def has_role(self, role, obj=None):
        return role in api.user.get_roles(obj=obj or self.context)

    @property
    def is_head(self):
        return self.has_role(HEAD, api.portal.get())

    @property
    def is_archivist(self):
        return self.has_role(ARCHIVIST, api.portal.get())

    def portal_url(self):
        return api.portal.get().absolute_url()

    def status(self, message, kind="info"):
        api.portal.show_message(message=message, request=self.request, type=kind)

    def show_refusal(self, error: CaseflowError):
        """A refusal as the page shows it: an error message, and nothing stored.

        The UI's counterpart of the REST error view (``services/error_views.py``): a
        view catches the refusal to show its form again, so the request would
        commit whatever the refused operation had begun; dooming the transaction
        makes the publisher abort it instead. The one place that dooms.
        """
        transaction.doom()
        self.status(translated(error, self.request), "error")


class MacrosOnly(BrowserView):
    """A template of macros for other pages (``@@name/macro``): opened by itself
    it is not a page, so it answers 404 rather than failing to render."""

    def __call__(self):
        raise NotFound(self.__name__)
