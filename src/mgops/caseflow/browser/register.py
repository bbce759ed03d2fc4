"""Rejestr decyzji: the signed decisions, filtered by year and kind."""

from mgops.caseflow import _
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.content.vocabularies import DECISION_KINDS
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.messages import translated
from mgops.caseflow.signing.register import KINDS
from mgops.caseflow.signing.register import entries_page
from mgops.caseflow.signing.register import parse_year
from mgops.caseflow.signing.register import register_years


class RegisterView(CaseflowView):
    def filters(self):
        """The page's filters: a bad year is said above the whole register,
        an unknown kind (not offered by the form) is simply not applied."""
        form = self.request.form
        self.error = None
        try:
            year = parse_year(form.get("year"))
        except CaseflowError as error:
            self.error = translated(error, self.request)
            year = None
        kind = form.get("kind") if form.get("kind") in KINDS else None
        return year, kind

    def kinds(self):
        vocabulary = DECISION_KINDS()
        selected = self.request.form.get("kind", "")
        return [
            {
                "id": kind,
                "title": self.t(vocabulary.getTerm(kind).title),
                "selected": kind == selected,
            }
            for kind in KINDS
        ]

    #: entries per page: a register of the year holds every decision the
    #: centre signed, about 1,000 rows took 925 ms at 2,000 files (``bench/``)
    page_size = 100

    def _page(self):
        if not hasattr(self, "_answer"):
            year, kind = self.filters()
            self._answer = entries_page(year, kind, self.batch_start(), self.page_size)
        return self._answer

    def rows(self):
        vocabulary = DECISION_KINDS()
        return [
            dict(
                row,
                kind_title=self.t(vocabulary.getTerm(row["kind"]).title)
                if row["kind"] in vocabulary
                else row["kind"],
                date_text=self.day(row["date"]),
            )
            for row in self._page()[1]
        ]

    def paging(self):
        """Where this page lies, with links that keep the filters."""
        return self.page_links(
            self._page()[0],
            ("year", "kind"),
            lambda first, last, total: _(
                "ui_register_range",
                default="Entries ${first}–${last} of ${total}",
                mapping={"first": first, "last": last, "total": total},
            ),
        )

    def years(self):
        return register_years()
