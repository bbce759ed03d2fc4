"""``GET <registry>/@import-cases?format=xlsx|csv``: the sheet's template, its
Polish columns and one example row (XLSX by default)."""

from plone.restapi.services import Service

from mgops.caseflow.case_import.importer import template


class ImportCasesTemplateGet(Service):
    def render(self):
        self.check_permission()
        data, content_type, name = template(self.request.form.get("format"))
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return data
