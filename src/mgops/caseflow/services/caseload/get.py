"""GET @caseload (the head): each assistant's active families against the limit."""

from plone.restapi.services import Service

from mgops.caseflow.workflow.caseload import caseload_report


class CaseloadGet(Service):
    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@caseload", **caseload_report()}
