"""Event subscribers that feed the audit trail.

Reads: at the end of the publication (``IPubSuccess``), i.e. after traversal,
authentication, every permission check and the view itself ran — only what was
really shown is logged as ``ok``; 401/403 answers and ``Unauthorized`` raised on
the way (``IPubFailure``) are logged as ``denied``. The target is found from the
request's path, so a refused request is logged against the object it aimed at
even when traversal never reached it.

What a request served is recorded whatever its method (a POST to a view, a
PROPFIND, a listing): the object it aimed at, unless the request changed it
(then its change entries say so), and every family file or document whose data
it turned into an answer on the way (``record.note_served``: the REST
serializers of our types, their summaries in listings, the archive's records),
one entry each, written together.

Changes: content and workflow events queue an entry on the transaction
(``record.log_on_commit``).
"""

import base64
import json

from Acquisition import aq_base
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.component.hooks import getSite
from zope.container.interfaces import IContainerModifiedEvent

from mgops.caseflow import logger
from mgops.caseflow.audit.record import changed_uids
from mgops.caseflow.audit.record import describe
from mgops.caseflow.audit.record import is_audited
from mgops.caseflow.audit.record import log_now
from mgops.caseflow.audit.record import log_on_commit
from mgops.caseflow.audit.record import make_entry
from mgops.caseflow.audit.record import served_objects
from mgops.caseflow.audit.record import uid_of
from mgops.caseflow.audit.record import write_all
from mgops.caseflow.core import states


READ_METHODS = ("GET", "HEAD")
DOWNLOAD_VIEWS = (
    "@@download",
    "@@display-file",
    "@@images",
    "@decision-xml",
    "@@pdf",
    "@pdf",
)


# ------------------------------------------------------------ publication


def _request_path(request):
    try:
        return request.physicalPathFromURL(request["ACTUAL_URL"])
    except (KeyError, ValueError, AttributeError):
        path = request.get("PATH_INFO") or ""
        return [""] + [part for part in path.split("/") if part]


def target_of(request):
    """(audited object, the rest of the path) the request aims at, or (None, …)."""
    site = getSite()
    if site is None or not hasattr(site, "getPhysicalPath"):
        return None, []
    site_path = list(site.getPhysicalPath())
    path = list(_request_path(request))
    if path[: len(site_path)] != site_path:
        return None, []
    obj, rest, found = site, path[len(site_path) :], None
    for index, segment in enumerate(rest):
        if segment in ("++api++", ""):
            continue  # plone.restapi's traverser: the path goes on behind it
        if segment.startswith(("@", "++")):
            break
        get = getattr(aq_base(obj), "_getOb", None)
        child = obj._getOb(segment, None) if get is not None else None
        if child is None:
            break
        obj = child
        if is_audited(obj):
            found = (obj, rest[index + 1 :])
    return found or (None, [])


def _view_name(rest):
    return "/".join(rest) or None


def _read_action(rest):
    first = rest[0] if rest else ""
    if first in ("@audit", "@@dziennik", "dziennik"):
        return "audit_read"
    if first in DOWNLOAD_VIEWS or first.lstrip("@") in ("download", "display-file"):
        return "download"
    return "read"


def _offered_credentials(request):
    """(login, password) a request offered, or None."""
    auth = getattr(request, "_auth", None) or request.get("HTTP_AUTHORIZATION")
    if auth and auth.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(auth.split(" ", 1)[1]).decode("utf-8", "replace")
        except ValueError:
            return ("?", "")
        login, _, password = decoded.partition(":")
        return login, password
    form = getattr(request, "form", None) or {}
    if form.get("__ac_name"):
        return str(form["__ac_name"]), str(form.get("__ac_password") or "")
    path = request.get("PATH_INFO") or ""
    if path.endswith("/@login") and request.get("REQUEST_METHOD") == "POST":
        try:
            body = json.loads(request.get("BODY") or b"{}")
            return str(body.get("login") or "?"), str(body.get("password") or "")
        except (ValueError, AttributeError):
            return ("?", "")
    return None


def _authenticate(request, login, password):
    """The user id these credentials belong to, or None (site, then Zope root)."""
    site = getSite()
    folders = [getattr(site, "acl_users", None)]
    root = request.get("PARENTS", [None])[-1] if request.get("PARENTS") else None
    folders.append(getattr(root, "acl_users", None))
    for acl_users in folders:
        if acl_users is None:
            continue
        try:
            user = acl_users.authenticate(login, password, request)
        except Exception:  # noqa: BLE001 - a broken plugin is not a valid login
            user = None
        if user is not None:
            return user.getId()
    return None


def _authenticated_id(request):
    # ``other`` only: ``request.get`` falls back to the form, where a client
    # could send a field of that name and so suppress the entry (found by fuzzing).
    user = request.other.get("AUTHENTICATED_USER")
    user_id = user.getId() if user is not None else None
    if user_id is not None:
        return user_id, False
    credentials = _offered_credentials(request)
    if credentials is None:
        return None, False
    user_id = _authenticate(request, *credentials)
    return user_id, user_id is None  # offered credentials did not authenticate


def _outcome(status, exception):
    if isinstance(exception, (Unauthorized, Forbidden)) or status in (401, 403):
        return "denied"
    if status >= 500 or (exception is not None and status < 400):
        return "error"
    if status >= 400:
        return "refused"
    return "ok"


def _log_request(request, status, exception=None):
    user_id, login_failed = _authenticated_id(request)
    path = request.get("PATH_INFO") or ""
    if login_failed or (path.endswith("/@login") and status == 401):
        login = (_offered_credentials(request) or ("?",))[0]
        log_now("login_failed", "denied", request=request, user=None, login=login)
        return
    obj, rest = target_of(request)
    method = request.get("REQUEST_METHOD", "GET")
    outcome = _outcome(status, exception)
    common = {
        "request": request,
        "user": user_id,
        "view": _view_name(rest),
        "status": status,
    }
    if outcome != "ok":
        if obj is not None:
            action = _read_action(rest) if method in READ_METHODS else "write"
            error = type(exception).__name__ if exception is not None else None
            log_now(action, outcome, obj=obj, error=error, **common)
        return
    changed = changed_uids(request)
    served = served_objects(request)
    if obj is not None and (method in READ_METHODS or not changed):
        # the object the request aimed at, unless its change entries tell
        served[uid_of(obj)] = (describe(obj), _read_action(rest))
    route = request.get("PATH_INFO") or None  # which route served it
    write_all(
        [
            make_entry(action, route=route, **common, **description)
            for uid, (description, action) in served.items()
            if uid not in changed
        ]
    )


def publication_succeeded(event):
    request = event.request
    try:
        _log_request(request, request.response.getStatus())
    except Exception:
        logger.exception("Audit trail: could not record %s", request.get("URL"))
        raise


def publication_failed(event):
    if event.retry:
        return  # the request runs again and is recorded then
    exception = event.exc_info[1]
    request = event.request
    try:
        _log_request(request, request.response.getStatus(), exception)
    except Exception:
        logger.exception("Audit trail: could not record %s", request.get("URL"))


# ----------------------------------------------------------------- changes


def object_added(obj, event):
    log_on_commit("create", obj)


def object_modified(obj, event):
    if IContainerModifiedEvent.providedBy(event):
        return
    fields = []
    for description in getattr(event, "descriptions", ()) or ():
        fields.extend(getattr(description, "attributes", ()) or ())
    log_on_commit(
        "edit", obj, detail={"fields": sorted(set(fields))} if fields else None
    )


def object_removed(obj, event):
    log_on_commit("delete", obj, snapshot=True)


def after_transition(obj, event):
    if event.transition is None:
        return  # the initial state on creation
    action = "sign" if event.transition.id == states.SIGN else "transition"
    log_on_commit(
        action,
        obj,
        detail={
            "transition": event.transition.id,
            "from": event.old_state.id,
            "to": event.new_state.id,
        },
    )


def local_roles_modified(obj, event):
    if is_audited(obj):
        log_on_commit("local_roles", obj, detail={"via": "sharing"})
