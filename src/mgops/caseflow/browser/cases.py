"""Lists on the site root: my cases, to sign, deadlines, caseload, archive."""

from datetime import date
from urllib.parse import urlencode

from plone import api

from mgops.caseflow import _
from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.groups import staff_members
from mgops.caseflow.workflow.caseload import caseload_report
from mgops.caseflow.workflow.deadlines import FILTERS as DEADLINE_FILTERS
from mgops.caseflow.workflow.deadlines import deadline_filters
from mgops.caseflow.workflow.deadlines import find_deadlines
from mgops.caseflow.workflow.deadlines import own_obligations
from mgops.caseflow.workflow.due_order import first_files


FILE_STATES = (
    states.INTAKE,
    states.AWAITING_DECISION,
    states.ACTIVE,
    states.SOCIAL_WORK,
    states.MONITORING,
    states.CLOSED,
    states.ARCHIVED,
)


def _next_obligation(obligations):
    return min(obligations or (), key=lambda item: item["due"], default=None)


class MyCasesView(CaseflowView):
    """Moje sprawy: the files the catalog lets the user see, overdue first."""

    def states(self):
        return [
            {"id": state, "title": self.state_title(state), "selected": state == s}
            for state in FILE_STATES
            for s in [self.request.form.get("state", "")]
        ]

    def people(self):
        """Social workers and assistants, for the head's filter."""
        selected = self.request.form.get("person", "")
        result = []
        for group in (SOCIAL_WORKERS_GROUP, ASSISTANTS_GROUP):
            for user in staff_members(group):
                result.append(
                    {
                        "id": user.getId(),
                        "title": self.fullname(user.getId()),
                        "selected": user.getId() == selected,
                    }
                )
        return sorted(result, key=lambda item: item["title"])

    #: files per page: the head sees every file of the centre, and a page of
    #: all 2,000 took 564 ms (``bench/``); each file shown is audited
    page_size = 100

    def _page(self):
        """(how many files, this page's files as (brain, next obligation, due,
        overdue)), overdue first, then by due date; from the catalog alone."""
        if hasattr(self, "_paged"):
            return self._paged
        query = {}
        state = self.request.form.get("state")
        if state in FILE_STATES:
            query["review_state"] = state
        person = self.request.form.get("person") if self.is_head else None
        start = self.batch_start()
        total, brains = first_files(query, start + self.page_size, person or None)
        today = date.today()
        page = []
        for brain in brains[start : start + self.page_size]:
            obligation = _next_obligation(brain.obligations)
            due = obligation["due"] if obligation else None
            page.append((brain, obligation, due, bool(due and due < today)))
        self._paged = (total, page)
        return self._paged

    def rows(self):
        """This page's files (``b_start``), each recorded as listed."""
        rows = []
        for brain, obligation, due, overdue in self._page()[1]:
            note_listed(brain)
            rows.append(
                {
                    "url": brain.getURL(),
                    "case_reference": brain.case_reference,
                    "family_name": brain.family_name,
                    "state": brain.review_state,
                    "state_title": self.state_title(brain.review_state),
                    "social_worker": self.fullname(brain.social_worker),
                    "assistant": self.fullname(brain.assistant),
                    "obligation": self.obligation_label(obligation["kind"])
                    if obligation
                    else "",
                    "obligation_rule": self.rule_text(obligation["rule"])
                    if obligation
                    else "",
                    "due": due,
                    "overdue": overdue,
                }
            )
        return rows

    def paging(self):
        """Where this page lies, with links that keep the filters."""
        return self.page_links(
            self._page()[0],
            ("state", "person"),
            lambda first, last, total: _(
                "ui_cases_range",
                default="Family files ${first}–${last} of ${total}",
                mapping={"first": first, "last": last, "total": total},
            ),
        )

    def add_url(self):
        """Where a social worker opens a new family file, if they may."""
        registry = api.portal.get().get("akta")
        if registry is None:
            return None
        if not api.user.has_permission("mgops.caseflow: Add FamilyFile", obj=registry):
            return None
        return f"{registry.absolute_url()}/++add++FamilyFile"


class ToSignView(CaseflowView):
    """Do podpisu: the head's decisions pending signature."""

    def rows(self):
        rows = []
        for brain in api.content.find(
            portal_type="Decision",
            review_state=states.PENDING_SIGNATURE,
            sort_on="created",
        ):
            note_listed(brain)
            rows.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "kind": self.decision_kind(brain.document_kind),
                    "case_reference": brain.case_reference,
                    "family_name": brain.family_name,
                    "created": self.day(brain.created),
                }
            )
        return rows

    def decision_kind(self, kind):
        from mgops.caseflow.content.vocabularies import DECISION_KINDS

        vocabulary = DECISION_KINDS()
        if kind in vocabulary:
            return self.t(vocabulary.getTerm(kind).title)
        return kind or ""


class DeadlinesView(CaseflowView):
    """Terminy: the user's own overdue and upcoming obligations (the head's:
    all), as @deadlines finds them, a page of the earliest at a time (thousands
    of files owe thousands); overdue ones come first, being the earliest."""

    page_size = 100

    def __call__(self):
        self._answer()  # a refused filter is shown by this page's status messages
        return self.index()

    def _answer(self):
        if not hasattr(self, "_deadlines"):
            try:
                self._deadlines = find_deadlines(
                    b_start=self.batch_start(),
                    b_size=self.page_size,
                    served=note_listed,
                    responsible=own_obligations(),
                    **deadline_filters(self.request.form),
                )
            except CaseflowError as refusal:  # a filter in the address
                self.show_refusal(refusal)
                self._deadlines = {"items_total": 0, "items": []}
        return self._deadlines

    def items(self):
        return [
            dict(
                item,
                label=self.obligation_label(item["kind"]),
                rule_text=self.t(item["rule_text"]),
                state_title=self.state_title(item["family_file"]["review_state"]),
                responsible_name=self.fullname(item["responsible"]),
                due_text=self.day(item["due"]),
            )
            for item in self._answer()["items"]
        ]

    def groups(self):
        items = self.items()
        return {
            "overdue": [item for item in items if item["overdue"]],
            "upcoming": [item for item in items if not item["overdue"]],
        }

    def paging(self):
        """Where this page lies among all obligations, with links that keep
        the filters."""
        return self.page_links(
            self._answer()["items_total"],
            DEADLINE_FILTERS,
            lambda first, last, total: _(
                "ui_deadlines_range",
                default="Obligations ${first}–${last} of ${total}",
                mapping={"first": first, "last": last, "total": total},
            ),
            f"{self.context.absolute_url()}/@@terminy",
        )


class CaseloadView(CaseflowView):
    """Obciążenie: each assistant's active families against the limit."""

    def data(self):
        result = caseload_report()
        limit = result["limit"] or 1
        for item in result["items"]:
            item["percent"] = min(100, round(item["active"] * 100 / limit))
        return result


class ArchiveView(CaseflowView):
    """Archiwum: closed and archived files; export and marking as archived."""

    #: files per page: a city's archive keeps every file closed in a decade,
    #: and each row wakes its file (its end date, whether it may be marked)
    page_size = 100

    def _page(self):
        """(how many ended files, this page's brains), by case reference; the
        catalog makes brains for this page only (``b_start``, ``b_size``)."""
        if not hasattr(self, "_paged"):
            found = api.portal.get_tool("portal_catalog")(
                portal_type="FamilyFile",
                review_state=list(states.ENDED_STATES),
                sort_on="case_reference",
                b_start=self.batch_start(),
                b_size=self.page_size,
            )
            self._paged = (found.actual_result_count, list(found))
        return self._paged

    def paging(self):
        """Where this page lies, with links to its neighbours."""
        return self.page_links(
            self._page()[0],
            (),
            lambda first, last, total: _(
                "ui_archive_range",
                default="Closed files ${first}–${last} of ${total}",
                mapping={"first": first, "last": last, "total": total},
            ),
        )

    def rows(self):
        """This page's files, each recorded as listed."""
        rows = []
        for brain in self._page()[1]:
            note_listed(brain)
            obj = brain.getObject()
            rows.append(
                {
                    "url": brain.getURL(),
                    "uid": brain.UID,
                    "case_reference": brain.case_reference,
                    "family_name": brain.family_name,
                    "state": brain.review_state,
                    "state_title": self.state_title(brain.review_state),
                    "ended": self.day(obj.ended),
                    "may_archive": states.ARCHIVE
                    in {
                        t["id"]
                        for t in api.portal.get_tool(
                            "portal_workflow"
                        ).getTransitionsFor(obj)
                    },
                    "export_url": self.export_url(obj),
                }
            )
        return rows

    def export_url(self, obj=None):
        """The browser's archival export (``browser/archive.py``): what a file's
        package would hold first, then the download."""
        url = f"{api.portal.get().absolute_url()}/@@archiwum-eksport"
        if obj is not None:
            return f"{url}?{urlencode({'case': obj.case_reference})}"
        return url
