"""Retention and destruction of closed family files, never silent.

Which files are past retention comes from ``rules.retention`` (JRWA archival
categories). Destruction follows the Act of 14 July 1983 on the national
archival resource and archives, art. 5 (non-archival records, every category B, are destroyed only
after their retention period and with the consent of the director of the
competent state archive; category BE also after the archive's expert
assessment): each destroyed file leaves a protocol record — what (case
reference, title, category, documents), when it was closed and destroyed, who
destroyed it and why, the archive's consent (archive, reference, date) and for
BE the expert assessment — kept in the registry (``destruction_protocols``)
and in the audit trail.
"""

import datetime

from BTrees.IOBTree import IOBTree
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.audit.record import log_on_commit
from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.rules.retention import check_archive_consent
from mgops.caseflow.core.rules.retention import needs_archive_consent
from mgops.caseflow.core.rules.retention import needs_expert_assessment
from mgops.caseflow.core.rules.retention import retention_ends
from mgops.caseflow.core.rules.retention import retention_over
from mgops.caseflow.workflow.deletion import destruction


PROTOCOLS_KEY = "mgops.caseflow.destruction_protocols"
CLOSED_STATES = states.ENDED_STATES


def closed_on(family_file) -> datetime.date | None:
    """The day the file was closed: the ``close`` transition, else ``ended``."""
    history = family_file.workflow_history or {}
    for entries in history.values():
        for entry in reversed(entries):
            if entry.get("review_state") == states.CLOSED and entry.get("time"):
                return entry["time"].asdatetime().date()
    return family_file.ended


def retention_of(family_file):
    closed = closed_on(family_file)
    category = family_file.archival_category
    return {
        "@id": family_file.absolute_url(),
        "uid": family_file.UID(),
        "case_reference": family_file.case_reference,
        "title": family_file.Title(),
        "review_state": api.content.get_state(family_file),
        "archival_category": category,
        "closed_on": closed.isoformat() if closed else None,
        "retention_ends": (
            retention_ends(category, closed).isoformat()
            if closed and retention_ends(category, closed)
            else None
        ),
        "needs_archive_consent": needs_archive_consent(category),
        "needs_expert_assessment": needs_expert_assessment(category),
    }


def past_retention(context, everything: bool = False) -> list[dict]:
    """Closed files under ``context`` past retention (``everything``: all closed)."""
    today = datetime.date.today()
    items = []
    for brain in api.content.find(
        context=context, portal_type="FamilyFile", review_state=CLOSED_STATES
    ):
        note_listed(brain)  # the list shows the file: the audit trail says so
        family_file = brain.getObject()
        over = retention_over(
            family_file.archival_category, closed_on(family_file), today
        )
        if over or everything:
            items.append(dict(retention_of(family_file), retention_over=over))
    return items


def _protocols(registry):
    annotations = IAnnotations(registry)
    if PROTOCOLS_KEY not in annotations:
        annotations[PROTOCOLS_KEY] = IOBTree()
    return annotations[PROTOCOLS_KEY]


def protocols(registry) -> list[dict]:
    stored = IAnnotations(registry).get(PROTOCOLS_KEY) or {}
    return [dict(record, number=number) for number, record in stored.items()]


def destroy(
    family_file,
    reason: str,
    expert_consent: str | None = None,
    archive_consent: dict | None = None,
) -> dict:
    """Check, write the protocol, record it in the audit trail, remove the file.

    ``archive_consent`` is the state archive director's consent
    (``{"archive", "reference", "date"}``), needed for every category B;
    ``expert_consent`` the reference of the archive's expert assessment, needed
    for category BE besides. The current user destroys; a refusal
    (``CaseflowError``) changes nothing.
    """
    user = api.user.get_current()
    archive_consent = _check_destroyable(
        family_file, user, reason, expert_consent, archive_consent
    )
    registry = family_file.aq_parent
    table = _protocols(registry)
    number = (table.maxKey() + 1) if len(table) else 1
    record = PersistentMapping(
        retention_of(family_file),
        destroyed_at=datetime.datetime.now(datetime.UTC).isoformat(),
        destroyed_by=user.getId(),
        reason=reason,
        archive_consent=archive_consent,
        expert_consent=expert_consent,
        documents=[
            {"id": doc.getId(), "type": doc.portal_type, "title": doc.Title()}
            for doc in family_file.objectValues()
        ],
    )
    table[number] = record
    log_on_commit(
        "destroy",
        family_file,
        snapshot=True,
        detail={
            "protocol": number,
            "reason": reason,
            "archive_consent": archive_consent,
            "expert_consent": expert_consent,
        },
    )
    with destruction():
        registry._delObject(family_file.getId())
    return dict(record, number=number)


def _check_destroyable(
    family_file, user, reason: str, expert_consent: str | None, archive_consent
) -> dict | None:
    """Refuse unless ``user`` may destroy the file now, for ``reason``; the
    state archive's consent as the protocol keeps it."""
    roles = api.user.get_roles(user=user, obj=family_file)
    if not {"Archivist", "Manager"} & set(roles):
        raise NotAllowed(
            "error_destroy_role", "Only the archivist destroys family files."
        )
    category = family_file.archival_category
    closed = closed_on(family_file)
    if api.content.get_state(family_file) not in CLOSED_STATES or not (
        retention_over(category, closed, datetime.date.today())
    ):
        ends = retention_ends(category, closed) if closed else None
        raise CaseflowError(
            "error_destroy_retention",
            "The file ${reference} (category ${category}) may not be destroyed: it "
            "is not closed or its retention period has not ended (ends: ${ends}).",
            reference=family_file.case_reference,
            category=category,
            ends=ends.isoformat() if ends else "—",
        )
    if not reason or len(reason) > 2000:
        raise CaseflowError(
            "error_destroy_reason",
            "Give the reason for destruction (at most 2000 characters).",
        )
    consent = check_archive_consent(
        category, archive_consent, closed, datetime.date.today()
    )
    if needs_expert_assessment(category) and not expert_consent:
        raise CaseflowError(
            "error_destroy_expert_assessment",
            "Category BE files are destroyed only after the state archive's expert "
            "assessment: give its reference in expert_consent.",
        )
    return consent
