"""Test layers: a real Plone site with the add-on, staff users, and a real HTTP server.

Beside them: ``builders`` makes the test content of every level, ``pki`` the
certificates and keystores of the signing tests.
"""

import os
import tempfile

from plone import api
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGI_SERVER_FIXTURE
from ZPublisher.HTTPRequest import HTTPRequest

from mgops.caseflow.groups import ARCHIVISTS_GROUP
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.signing.demo import allow_demo_signatures


#: as many conflict retries as the instance that caseflow-instance writes
#: (``deploy.instance.MAX_CONFLICT_RETRIES``; a test holds the two equal)
MAX_CONFLICT_RETRIES = 10

PASSWORD = "secret-Pass-123"

#: user id → (full name, group); ``member`` is a plain authenticated user.
STAFF = {
    "sw1": ("Anna Socjalna", SOCIAL_WORKERS_GROUP),
    "sw2": ("Barbara Socjalna", SOCIAL_WORKERS_GROUP),
    "fa1": ("Celina Asystentka", ASSISTANTS_GROUP),
    "fa2": ("Dorota Asystentka", ASSISTANTS_GROUP),
    "head": ("Ewa Kierownik", HEADS_GROUP),
    "archivist": ("Filip Archiwista", ARCHIVISTS_GROUP),
    "member": ("Gustaw Mieszkaniec", None),
}


class MgopsCaseflowLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # The audit trail of the test run goes to a temporary directory.
        os.environ.setdefault("CASEFLOW_AUDIT_DIR", tempfile.mkdtemp(prefix="audit-"))
        import collective.z3cform.datagridfield
        import plone.restapi

        import mgops.caseflow

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.z3cform.datagridfield)
        self.loadZCML(package=mgops.caseflow)
        # As in the instance configuration written by caseflow-instance.
        self._retries = HTTPRequest.retry_max_count
        HTTPRequest.retry_max_count = MAX_CONFLICT_RETRIES

    def tearDownZope(self, app):
        HTTPRequest.retry_max_count = self._retries

    def setUpPloneSite(self, portal):
        applyProfile(portal, "mgops.caseflow:default")
        # Like the centre's site: Polish is the language of every message.
        api.portal.set_registry_record("plone.available_languages", ["pl"])
        api.portal.set_registry_record("plone.default_language", "pl")
        # As the demo: the test CA's certificates are not qualified and no TSA
        # answers; the qualified-signature tests switch both on (``pki``).
        allow_demo_signatures()
        for user_id, (fullname, group) in STAFF.items():
            api.user.create(
                username=user_id,
                email=f"{user_id}@mgops.example.org",
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            if group:
                api.group.add_user(groupname=group, username=user_id)


FIXTURE = MgopsCaseflowLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="MgopsCaseflowLayer:IntegrationTesting",
)


class CaseflowFunctionalTesting(FunctionalTesting):
    """Functional testing whose HTTP server retries conflicts like the instance.

    ``WSGI_SERVER_FIXTURE`` starts Zope from its own zope.conf after ``FIXTURE``
    is set up, and Zope's startup then resets ``retry_max_count`` to its
    default of 3: set it back once the server is up.
    """

    def setUp(self):
        super().setUp()
        HTTPRequest.retry_max_count = MAX_CONFLICT_RETRIES


FUNCTIONAL_TESTING = CaseflowFunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="MgopsCaseflowLayer:FunctionalTesting",
)
