"""Issue 14, item 5: every role × every route on an active family file.

What it enumerates, and how (``_routes``, in the running site, so a view or a
service added by us, by Plone or by an upgrade is probed without a change here):

- **views**: the named multi-adapters ``(context, request) → Interface`` of the
  site manager (``getSiteManager().registeredAdapters()``, which walks up to the
  global registry), whose context interface the object provides (its own
  interfaces, ``*`` included) and whose request interface is one the site's
  requests carry (``IBrowserRequest``, ``IDefaultBrowserLayer``, the add-on
  layers of ``plone.browserlayer``, the skin's layer). Each is asked with GET as
  ``<object>/@@<name>``;
- **services**: the same registrations whose name is a plone.rest service id
  (``GET_application_json_@sharing``: method, media type, service name); each is
  asked with its own method and ``Accept: application/json`` (a JSON ``{}`` body
  where it takes one);
- **methods**: GET, HEAD, POST, PUT, PATCH, DELETE, PROPFIND, PROPPATCH, MKCOL,
  COPY, MOVE, LOCK, UNLOCK, OPTIONS on the object itself, as Classic UI and as
  REST (``Accept: application/json``).

The objects: the active file AR.4010.1.2026 and its final note, draft note and
a decision pending signature (``conftest.surface``, whose name, case
reference, PESEL and note text are the planted secrets; see ``probed`` for why
the decision is pending, not signed). The roles: anonymous, a plain member, the
social worker and the assistant on the file (sw1, fa1) and off it (sw2, fa2),
the head, the archivist (who sees no active file), a Site Administrator and a
Manager; one HTTP session each, one test each (the functional layer gives every
test a fresh database, so what one role changes does not reach the next).

It asserts: no answer is a 5xx (but for the named Plone routes below); for a
role that may not see the file (``OUTSIDERS``), no answer carries any of the
secrets, whatever its status (Classic UI asked as a browser asks, so that
error pages are the HTML ones). Before ``workflow/traversal.py`` it found
``@@title``, ``@@main_template``, ``@@sitemap``, ``@@contact-info``,
``@@passwordreset``, ``@@mail_password_response`` serving the family's name
and case reference to every outsider, and ``@archive-mark``/``@destroy`` on
the file naming its case reference to the archivist.

Sampling, to stay within a few minutes on a loaded machine: every view and
every service on the file; on the documents, the views and services registered
for anything but ``*`` (what ``*`` has was asked on the file, and the
documents are behind the same traversal guard), and every method.
Destructive methods (DELETE, MOVE) go last on each object, so that what they
remove was probed before.

Excluded (``EXCLUDED_VIEWS``): ``@@logout`` only. Tolerated 5xx, each with
its reason beside it: Plone's own views that need parameters or another kind
of context (``FAIL_WITHOUT_PARAMETERS``, for callers who may view the object
only) and two that fail during traversal for everyone (``FAIL_FOR_EVERYONE``);
their answers are still checked for leaks. HEAD is asked on its own
connection: Zope's error page keeps its body on a HEAD answer.
"""

import time

import pytest
import requests
import transaction
from plone.browserlayer.utils import registered_layers
from zope.component import queryUtility
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.publisher.interfaces.browser import IBrowserSkinType
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

from mgops.caseflow.testing import PASSWORD

from .conftest import FILE
from .conftest import MANAGER
from .conftest import SITE_ADMIN
from .conftest import _put_in_state
from .conftest import leaks


DECISION = f"{FILE}/decyzja"
DOCUMENTS = (f"{FILE}/notatka", f"{FILE}/szkic", DECISION)
OUTSIDERS = (None, "member", "sw2", "fa2", "archivist")
INSIDERS = ("sw1", "fa1", "head", SITE_ADMIN, MANAGER)
METHODS = (
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "LOCK",
    "UNLOCK",
    "OPTIONS",
    # last: what they take away was probed before
    "MOVE",
    "DELETE",
)
#: plone.rest's service ids: ``<METHOD>_<media type with _>_<name>``
SERVICE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
JSON = {"Accept": "application/json"}
#: what a browser sends: Plone's error page is HTML then, not ``{"error_type"}``
BROWSER = {"Accept": "text/html,application/xhtml+xml"}
EXCLUDED_VIEWS = {
    # ends the session it is asked in; the probe's session is the role
    "logout",
}
#: Plone's and Zope's own routes that fail (5xx) without the parameters or the
#: kind of context they are made for — on any Plone content, not only ours.
#: Tolerated for a caller who may view the object, and only there (for one
#: who may not, ``workflow/traversal.py`` refuses before they run); each of
#: their answers is still checked. A 5xx anywhere else fails the probe.
FAIL_WITHOUT_PARAMETERS = {
    # CMFEditions: a ``version_id`` of a history entry is required
    "download-version": "CMFEditions",
    "version-view": "CMFEditions",
    "version_file_view": "CMFEditions",
    "version_image_view": "CMFEditions",
    # CMFEditions: hooks of the edit form, asked by it with its form data
    "update_version_before_edit": "CMFEditions",
    "update_version_on_edit": "CMFEditions",
    # macros and mail templates: rendered inside other pages, with options
    "contact-info-email": "CMFPlone",
    "mail_password_template": "CMFPlone",
    "registered_notify_template": "CMFPlone",
    "manage-portlets-macros": "plone.app.portlets",
    "ploneform-macros": "plone.app.z3cform",
    # need their target in the URL or query: a UUID, a field and mime type, a
    # query, an image, a template to customise
    "redirect-to-uuid": "plone.app.uuid",
    "text-transform": "plone.app.textfield",
    "display_query_results": "plone.app.querystring",
    "plone.outputfilters_captioned_image": "plone.outputfilters",
    "images-test": "plone.namedfile",
    "customizezpt.html": "five.customerize",
    # an event, a site logo, a translation group, a placeful policy
    "event_listing_ical": "plone.app.event",
    "ics_view": "plone.app.event",
    "site-logo": "plone.app.layout",
    "babel_edit": "plone.app.multilingual",
    "placeful-workflow-configuration": "CMFPlacefulWorkflow",
    "workflow-policies-controlpanel": "CMFPlacefulWorkflow",
    # PAS's debugging views: 418 unless Zope runs in debug mode
    "pas_info": "PluggableAuthService",
    "pas_member": "PluggableAuthService",
    "pas_search": "PluggableAuthService",
    # REST: an iterate policy (none for our types); a rule id in the body
    "PATCH @workingcopy": "plone.restapi",
    "DELETE @workingcopy": "plone.restapi",
    "PATCH @content-rules": "plone.restapi",
}
#: fail during traversal, before any permission is checked, for every caller
#: (their answers carry no family data: checked like any other)
FAIL_FOR_EVERYONE = {
    # its constructor adapts the context to a translation manager
    "babel_utils": "plone.app.multilingual",
    # the adding view, asked without the type to add: its default page
    "+": "plone.app.content",
}


def _request_layers(portal):
    """The interfaces a request to the site provides, as the publisher marks it."""
    layers = {Interface, IBrowserRequest, IDefaultBrowserLayer}
    layers.update(registered_layers())
    skin = queryUtility(IBrowserSkinType, name=portal.getCurrentSkinName())
    if skin is not None:
        layers.update(skin.__iro__)
    return layers


def _service(name):
    """``(method, service name)`` for a plone.rest service id, else None."""
    method, _, rest = name.partition("_")
    if method not in SERVICE_METHODS or not rest.startswith("application_json_"):
        return None
    return method, rest[len("application_json_") :]


def _registrations(registry, seen):
    """The adapter registrations of ``registry`` and of the ones below it."""
    if registry in seen:
        return
    seen.append(registry)
    yield from registry.registeredAdapters()
    for base in registry.__bases__:
        yield from _registrations(base, seen)


def _routes(portal, obj, own_only):
    """The view names and the services that traversal finds on ``obj``."""
    layers = _request_layers(portal)
    provided = providedBy(obj)
    views, services = set(), set()
    for registration in _registrations(portal.getSiteManager(), []):
        if len(registration.required) != 2 or not registration.name:
            continue
        if registration.provided is not Interface:
            continue
        context, layer = registration.required
        if layer not in layers or not provided.isOrExtends(context):
            continue
        if own_only and context is Interface:
            continue
        service = _service(registration.name)
        if service:
            services.add(service)
        elif registration.name not in EXCLUDED_VIEWS:
            views.add(registration.name)
    return sorted(views), sorted(services)


class Session:
    """One role's HTTP session; each answer is checked as it comes."""

    def __init__(self, base, user_id):
        self.base = base
        self.user_id = user_id
        self.session = requests.Session()
        if user_id:
            self.session.auth = (user_id, PASSWORD)
        self.count = 0
        self.failures = []
        self.served = []  # (method, path) of the answers that carried family data

    def ask(self, method, path, json_api=False, route=None, **kwargs):
        """``route``: the view's name or ``"<METHOD> <service>"``."""
        headers = dict(JSON if json_api else BROWSER)
        if method == "HEAD":
            # Zope's error page keeps its body on a HEAD answer: the next
            # answer on the connection would start with it
            headers["Connection"] = "close"
        try:
            response = self.session.request(
                method,
                f"{self.base}/{path}",
                headers=headers,
                allow_redirects=False,
                timeout=60,
                **kwargs,
            )
        except requests.RequestException as error:  # e.g. a closed connection
            self.failures.append((method, path, json_api, repr(error)))
            return
        self.count += 1
        where = (method, path, json_api, response.status_code)
        tolerated = route in FAIL_FOR_EVERYONE or (
            route in FAIL_WITHOUT_PARAMETERS and self.user_id in INSIDERS
        )
        if response.status_code >= 500 and not tolerated:
            self.failures.append((*where, "5xx", _error_type(response)))
        elif self.user_id in OUTSIDERS and leaks(response):
            self.failures.append((*where, "leak", leaks(response)))
        elif response.status_code < 300 and leaks(response):
            self.served.append((method, path))


def _error_type(response):
    """What Plone's error page or the REST error body names as the error."""
    try:
        return response.json().get("type") or response.json().get("error_type")
    except ValueError:
        return response.text[response.text.find("<title>") :][:120]


def _probe(session, path, views, services):
    for view in views:
        session.ask("GET", f"{path}/@@{view}", route=view)
    for method, name in services:
        body = {"json": {}} if method in ("POST", "PUT", "PATCH") else {}
        if method == "DELETE":
            continue  # with the methods, at the end
        session.ask(
            method,
            f"{path}/{name}".rstrip("/"),
            json_api=True,
            route=f"{method} {name}",
            **body,
        )
    for method in METHODS:
        for json_api in (False, True):
            session.ask(method, path, json_api=json_api)
    for method, name in services:
        if method == "DELETE" and name:
            session.ask(method, f"{path}/{name}", json_api=True, route=f"DELETE {name}")


@pytest.fixture
def probed(surface):
    """``surface`` with its decision pending the head's signature.

    The fixture's "signed" decision has no signed document (its state was set,
    not reached by signing), which no real signed decision lacks: its views
    fail on that alone.
    """
    transaction.begin()
    _put_in_state(surface.unrestrictedTraverse(DECISION), "pending_signature")
    transaction.commit()
    return surface


@pytest.mark.parametrize("user_id", OUTSIDERS + INSIDERS)
def test_every_route_refuses_or_hides_the_family(probed, user_id, audit_log):
    surface = probed
    transaction.begin()
    targets = [(FILE, *_routes(surface, surface.unrestrictedTraverse(FILE), False))]
    for path in DOCUMENTS:
        obj = surface.unrestrictedTraverse(path)
        targets.append((path, *_routes(surface, obj, True)))
    session = Session(surface.absolute_url(), user_id)
    started = time.monotonic()
    for path, views, services in targets:
        _probe(session, path, views, services)
    print(
        f"{user_id}: {session.count} requests in {time.monotonic() - started:.1f} s; "
        + ", ".join(f"{p}: {len(v)} views, {len(s)} services" for p, v, s in targets)
    )
    assert session.failures == [], "\n".join(map(repr, session.failures))
    assert session.count > 300  # the enumeration found the routes
    # every answer that carried the family's data left an entry of its route
    routes = {entry.get("route") or "" for entry in audit_log(user=user_id)}
    unrecorded = [
        (method, path)
        for method, path in session.served
        if not any(route.endswith(f"/{path}") for route in routes)
    ]
    assert unrecorded == [], unrecorded
    if user_id in ("sw1", "head"):
        assert session.served  # the insiders were served, so this could fail
