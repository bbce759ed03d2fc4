"""Test content, built one way for every level: family files, documents, closed files.

Plain functions over plone.api, without pytest: the integration, functional and
browser conftests wrap them in their fixtures (``make_family_file``,
``committed_file``, ``family``, ``make_document``, ``closed_file``, ``set_state``)
and only decide whether to commit, so that a file means the same at every level.
Content is created as Manager. A state is reached by force, guards aside (to test
what holds *in* a state), or the way the office reaches it (to test what a real
server then serves).
"""

from datetime import date

from plone import api

from mgops.caseflow.signing.effects import apply_effects
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.numbers import format_number


#: state → the transitions that lead there from intake, and who takes them
#: (``None``: the file's social worker)
PATHS = {
    "intake": (),
    "awaiting_decision": (("request_assistant", None),),
    "active": (("request_assistant", None), ("assign_assistant", "head")),
    "monitoring": (
        ("request_assistant", None),
        ("assign_assistant", "head"),
        ("end_work", "head"),
    ),
}


def force_state(obj, state):
    """Put ``obj`` into ``state`` as its workflow would, without the guards."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    status = workflow_tool.getStatusOf(workflow.id, obj)
    status = dict(status, review_state=state)
    workflow_tool.setStatusOf(workflow.id, obj, status)
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject()
    obj.reindexObjectSecurity()


def create_family_file(
    registry,
    number=1,
    *,
    social_worker="sw1",
    assistant="fa1",
    state=None,
    by_process=False,
    interviewer="Pracownik socjalny",
    **fields,
):
    """A family file AR.4010.<number>.2026 in ``registry``, its people named.

    ``state`` is reached by force, or with ``by_process`` as ``walk_to`` does;
    ``fields`` are the file's own (``title``, ``members``, …) and may replace
    the defaults below.
    """
    fields.setdefault("case_reference", f"AR.4010.{number}.2026")
    fields.setdefault("family_name", f"Kowalscy {number}")
    fields.setdefault("address", "ul. Długa 1, 00-001 Warszawa")
    fields.setdefault("opened", date(2026, 1, 5))
    with api.env.adopt_roles(["Manager"]):
        new = api.content.create(
            container=registry,
            type="FamilyFile",
            social_worker=social_worker,
            assistant=assistant,
            **fields,
        )
        if state and not by_process:
            force_state(new, state)
    if state and by_process:
        walk_to(new, state, interviewer=interviewer)
    return new


def recommend_assistant(family_file, social_worker, conducted_by="Pracownik socjalny"):
    """The final interview recommending an assistant that a request needs."""
    with api.env.adopt_user(username=social_worker):
        interview = api.content.create(
            container=family_file,
            type="Interview",
            title="Wywiad środowiskowy",
            interview_date=date(2026, 2, 3),
            conducted_by=conducted_by,
            findings="Rodzina potrzebuje wsparcia asystenta.",
            assistant_needed=True,
        )
        api.content.transition(obj=interview, transition="finalize")
    return interview


def record_decision(family_file, kind, day=None, head="head", **fields):
    """A signed decision of ``kind`` dated ``day`` (today), and its effect on the
    file, as signing stores them: the decision is put into ``signed`` by force
    (no XAdES here; tests of signing sign for real), then ``apply_effects``
    moves the file with every guard of the transition it fires."""
    day = day or date.today()
    with api.env.adopt_roles(["Manager"]):
        decision = api.content.create(
            container=family_file,
            type="Decision",
            title=f"Decyzja {kind} {day:%d.%m.%Y}",
            kind=kind,
            legal_basis="art. 11 ustawy o wspieraniu rodziny",
            content="Decyzja testowa.",
            justification="Uzasadnienie.",
            **fields,
        )
        decision.register_date = day
        # a number of the register's gap-free counter, as signing takes one
        n = decision_numbers(create=True).take(day.year, decision.UID())
        decision.register_number = format_number(n, day.year)
        decision.register_year, decision.register_n = day.year, n
        decision.signer = "Ewa Kierownik"
        force_state(decision, "signed")
    # as the head who signs: the workflow's guards read roles in context
    with api.env.adopt_user(username=head):
        apply_effects(decision, day)
    return decision


def end_request(family_file, reason="plan_achieved", position="agree", author=None):
    """The assistant's final request to end the work and, unless ``position`` is
    None, the social worker's final joint position on it; the request's UID, as
    an end-of-work decision names it (DESIGN, "Process" 7)."""
    request = create_document(
        family_file,
        "Note",
        owner=author or family_file.assistant,
        state="final",
        kind="end_request",
        content="Wnoszę o zakończenie pracy z rodziną.",
        end_reason=reason,
        plan_outcome="Cele planu pracy zostały osiągnięte.",
    )
    if position:
        create_document(
            family_file,
            "Note",
            owner=family_file.social_worker,
            state="final",
            kind="end_request_position",
            content="Stanowisko uzgodnione z asystentem rodziny.",
            end_request=request.UID(),
            position=position,
        )
    return request.UID()


def walk_to(family_file, state, interviewer="Pracownik socjalny", day=None):
    """Take a file in intake to ``state`` through its workflow, guards and all.

    The social worker's interview and request, then the head's decisions, dated
    ``day`` (today) and recorded as signing records them (``record_decision``):
    an assignment naming the file's ``assistant``, then for ``monitoring`` an
    end of work with the plan achieved.
    """
    steps = PATHS[state]
    if steps:
        recommend_assistant(family_file, family_file.social_worker, interviewer)
    for transition, actor in steps:
        if transition == "assign_assistant":
            record_decision(
                family_file, "assign_assistant", day, assistant=family_file.assistant
            )
        elif transition == "end_work":
            record_decision(family_file, "end_work", day, end_reason="plan_achieved")
        else:
            with api.env.adopt_user(username=actor or family_file.social_worker):
                api.content.transition(obj=family_file, transition=transition)


def create_document(family_file, portal_type, owner="sw1", state=None, **fields):
    """A document of ``portal_type`` in a file, written and owned by ``owner``,
    in ``state`` by force; ``title`` defaults to "<portal_type> test"."""
    with api.env.adopt_roles(["Manager"]):
        new = api.content.create(
            container=family_file,
            type=portal_type,
            title=fields.pop("title", f"{portal_type} test"),
            **fields,
        )
        new.setCreators((owner,))  # its author, as the rules read it
        new.changeOwnership(api.user.get(userid=owner).getUser())
        new.manage_setLocalRoles(owner, ["Owner"])
        new.reindexObject(idxs=["Creator"])
        new.reindexObjectSecurity()
        if state:
            force_state(new, state)
    return new


def close(family_file, ended, note=None):
    """End and close a file, guards aside, as a finished case would be.

    ``note``: the title of a final control-visit note put in the file first.
    """
    with api.env.adopt_roles(["Manager"]):
        if note:
            final = api.content.create(
                container=family_file,
                type="Note",
                title=note,
                kind="control_visit",
                content="Wizyta kontrolna.",
            )
            force_state(final, "final")
        family_file.ended = ended
        force_state(family_file, "closed")
    return family_file


def closed_long_ago(family_file, category, ended):
    """A file of archival ``category`` closed on ``ended`` (its close recorded
    without a time, so retention counts from ``ended``), for retention rules."""
    family_file.archival_category = category
    family_file.ended = ended
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(family_file)
    workflow_tool.setStatusOf(
        workflow.id,
        family_file,
        {
            "review_state": "closed",
            "action": "close",
            "actor": "sw1",
            "comments": "",
            "time": None,
        },
    )
    workflow.updateRoleMappingsFor(family_file)
    family_file.reindexObject()
    family_file.reindexObjectSecurity()


def delete_unrestricted(family_files):
    """Remove files as the destruction protocol does (``destruction()``): nothing
    else removes a family file, not even the administrator."""
    from mgops.caseflow.workflow.deletion import destruction

    with api.env.adopt_roles(["Manager"]), destruction():
        for family_file in list(family_files):
            family_file.aq_parent._delObject(family_file.getId())
