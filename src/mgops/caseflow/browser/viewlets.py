"""Viewlets: the stylesheet, the centre's navigation, signatures and byline
(the centre's header, footer and letterhead are in ``centre``)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase

from mgops.caseflow import _
from mgops.caseflow.browser.common import office_day
from mgops.caseflow.directory.config import directory_problem
from mgops.caseflow.roles import ARCHIVIST
from mgops.caseflow.roles import HEAD
from mgops.caseflow.workflow.deadlines import find_deadlines
from mgops.caseflow.workflow.deadlines import own_obligations


class StylesheetViewlet(ViewletBase):
    def render(self):
        url = f"{api.portal.get().absolute_url()}/++plone++mgops.caseflow/caseflow.css"
        return f'<link rel="stylesheet" href="{url}" />'


#: (view name, label, roles that see it; None = every logged-in user)
PAGES = (
    ("moje-sprawy", _("nav_my_cases", default="My cases"), None),
    ("do-podpisu", _("nav_to_sign", default="To sign"), {HEAD}),
    ("terminy", _("nav_deadlines", default="Deadlines"), None),
    ("obciazenie", _("nav_caseload", default="Caseload"), {HEAD}),
    ("rejestr-decyzji", _("nav_register", default="Register of decisions"), {HEAD}),
    ("archiwum", _("nav_archive", default="Archive"), {HEAD, ARCHIVIST}),
    ("retencja", _("nav_retention", default="Retention"), {HEAD, ARCHIVIST}),
    ("dane-osoby", _("nav_person_report", default="Personal data (GDPR)"), {HEAD}),
    (
        "import-spraw",
        _("nav_import_cases", default="Import of cases"),
        {HEAD, "Site Administrator"},
    ),
    ("sprawozdania", _("nav_reports", default="Reports"), {HEAD}),
)


class NavigationViewlet(ViewletBase):
    """The pages of the centre, by role, above the content (screen only)."""

    def available(self):
        return not api.user.is_anonymous()

    def links(self):
        portal = api.portal.get()
        roles = set(api.user.get_roles(obj=portal))
        current = self.request.get("ACTUAL_URL", "")
        result = []
        for name, label, needed in PAGES:
            if needed is not None and not (needed & roles) and "Manager" not in roles:
                continue
            if name == "rejestr-decyzji":
                if name not in portal:
                    continue
                url = portal[name].absolute_url()
            else:
                url = f"{portal.absolute_url()}/@@{name}"
            result.append(
                {
                    "url": url,
                    "label": label,
                    "current": current.startswith(url),
                    "count": self.open_obligations() if name == "terminy" else None,
                }
            )
        return result

    def open_obligations(self):
        """How many obligations the user's Terminy page lists (nothing is shown
        of them here, so nothing is recorded as read)."""
        return find_deadlines(b_size=0, responsible=own_obligations())["items_total"]


class SignaturePlaces:
    """Who signs a contract or a plan on paper: its print view and its PDF."""

    def worker_label(self):
        if self.context.portal_type == "Plan":
            return _("print_assistant_signature", default="Family assistant")
        return _("print_worker_signature", default="Social worker")

    def worker_name(self):
        family_file = self.context.aq_parent
        user_id = (
            getattr(family_file, "assistant", None)
            if self.context.portal_type == "Plan"
            else getattr(family_file, "social_worker", None)
        )
        user = api.user.get(userid=user_id) if user_id else None
        return (user.getProperty("fullname") if user else None) or user_id or ""

    def family_name(self):
        return getattr(self.context.aq_parent, "family_name", "") or ""


class SignatureBlockViewlet(SignaturePlaces, ViewletBase):
    """Places for the family's and the worker's signatures (contract and plan)."""


class BylineViewlet(ViewletBase):
    """Instead of Plone's English "by … — last modified 2026-03-05": who wrote
    the document and when it last changed, in Polish, DD.MM.RRRR."""

    def author(self):
        creators = getattr(self.context, "creators", None) or ()
        names = []
        for user_id in creators:
            user = api.user.get(userid=user_id)
            names.append((user.getProperty("fullname") if user else None) or user_id)
        return ", ".join(names)

    def modified(self):
        return office_day(self.context.modified())


class DirectoryDownViewlet(ViewletBase):
    """On the login form: the directory cannot be reached, local accounts still work."""

    def update(self):
        super().update()
        self.problem = directory_problem()

    def available(self):
        return self.problem is not None
