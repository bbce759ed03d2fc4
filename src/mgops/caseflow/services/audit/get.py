"""``GET <family file>/@audit``: the audit trail of one family file, for the head.

Filters (all optional): ``person`` (user id), ``action`` (repeatable: read,
download, create, edit, transition, sign, local_roles, delete, write, …),
``from`` / ``to`` (ISO date or date-time, UTC when no zone is given), paging
with ``b_start`` / ``b_size``. Entries of the file and of every document in it,
from every instance's log, oldest first.

Read-only by construction: only GET is registered, and the store has no code
path that changes or removes an entry (see ``audit.chain``). The read of the
trail is itself recorded (``audit_read``) by the publication subscriber.
"""

import datetime

from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.audit.config import audit_dir
from mgops.caseflow.core.audit.chain import read_entries
from mgops.caseflow.services.errors import error


DEFAULT_PAGE = 100
MAX_PAGE = 1000


def _moment(value, end=False):
    if not value:
        return None
    if len(value) == 10:  # a date: the whole day
        day = datetime.date.fromisoformat(value)
        moment = datetime.datetime.combine(
            day, datetime.time.max if end else datetime.time.min
        )
    else:
        moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _as_list(value):
    if not value:
        return set()
    return {value} if isinstance(value, str) else set(value)


class AuditGet(Service):
    def reply(self):
        form = self.request.form
        try:
            start = _moment(form.get("from"))
            end = _moment(form.get("to"), end=True)
            b_start = max(int(form.get("b_start", 0)), 0)
            b_size = min(max(int(form.get("b_size", DEFAULT_PAGE)), 1), MAX_PAGE)
        except (ValueError, TypeError):
            return error(
                self.request,
                400,
                "BadRequest",
                translate(
                    _(
                        "error_audit_parameters",
                        default="Give times as YYYY-MM-DD or YYYY-MM-DDTHH:MM "
                        "and paging as whole numbers.",
                    ),
                    context=self.request,
                ),
            )
        people = _as_list(form.get("person"))
        actions = _as_list(form.get("action"))
        uid = self.context.UID()
        items = []
        for entry in read_entries(audit_dir()):
            if entry.get("file_uid") != uid and entry.get("uid") != uid:
                continue
            if people and entry.get("user") not in people:
                continue
            if actions and entry.get("action") not in actions:
                continue
            if start or end:
                try:
                    moment = datetime.datetime.fromisoformat(entry["time"])
                except (KeyError, ValueError):
                    continue
                if (start and moment < start) or (end and moment > end):
                    continue
            items.append(_public(entry))
        items.sort(key=lambda item: item.get("time") or "")
        return {
            "@id": f"{self.context.absolute_url()}/@audit",
            "case_reference": self.context.case_reference,
            "items_total": len(items),
            "items": items[b_start : b_start + b_size],
        }


FIELDS = (
    "time",
    "user",
    "action",
    "outcome",
    "address",
    "method",
    "uid",
    "path",
    "portal_type",
    "case_reference",
    "view",
    "status",
    "detail",
    "instance",
    "hash",
)


def _public(entry):
    return {key: entry[key] for key in FIELDS if key in entry}
