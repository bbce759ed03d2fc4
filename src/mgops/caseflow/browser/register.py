"""Rejestr decyzji: the signed decisions, filtered by year and kind."""

from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.content.vocabularies import DECISION_KINDS
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.messages import translated
from mgops.caseflow.signing.register import KINDS
from mgops.caseflow.signing.register import entries
from mgops.caseflow.signing.register import parse_year


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

    def rows(self):
        year, kind = self.filters()
        vocabulary = DECISION_KINDS()
        return [
            dict(
                row,
                kind_title=self.t(vocabulary.getTerm(row["kind"]).title)
                if row["kind"] in vocabulary
                else row["kind"],
                date_text=self.day(row["date"]),
            )
            for row in entries(year, kind)
        ]

    def years(self):
        return sorted({row["year"] for row in entries() if row["year"]}, reverse=True)
