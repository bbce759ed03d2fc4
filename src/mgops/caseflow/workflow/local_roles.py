"""Per-file access: the file's people fields are the only source of its roles.

Deny by default: a family file blocks the roles its registry hands to the staff
groups, so a social worker or an assistant sees a file only while they are named
on it. Changing a field moves the local role with it.

Owner is no source of access (issue 14): the file itself holds no Owner local
role (whoever opened it was its social worker, not its owner), and a document's
author holds Owner — which the document workflows turn into editing a draft —
only while they are on the file: named in its people fields, or a head.
"""

from plone import api

from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.roles import FAMILY_ASSISTANT
from mgops.caseflow.roles import HEAD
from mgops.caseflow.roles import SOCIAL_WORKER


#: local role → the family-file field naming who holds it
ROLE_FIELDS = {SOCIAL_WORKER: "social_worker", FAMILY_ASSISTANT: "assistant"}
OWNER = "Owner"


def _drop_role(obj, principal, role):
    remaining = [r for r in obj.get_local_roles_for_userid(principal) if r != role]
    obj.manage_delLocalRoles([principal])
    if remaining:
        obj.manage_setLocalRoles(principal, remaining)


def _on_file(family_file, user_id):
    if user_id in {getattr(family_file, field, None) for field in ROLE_FIELDS.values()}:
        return True
    user = api.user.get(userid=user_id) if user_id else None
    return user is not None and HEAD in api.user.get_roles(user=user)


def sync_owners(family_file):
    """Owner only for a document's author while on the file; none on the file.

    The author is the document's owner (Zope's ownership, which the local
    role only mirrors), so one who comes back to the file gets their drafts
    back. True if anything changed; the caller reindexes the file's security.
    """
    changed = False
    for principal, roles in list(family_file.get_local_roles()):
        if OWNER in roles:
            _drop_role(family_file, principal, OWNER)
            changed = True
    for document in family_file.objectValues():
        author = (document.getOwnerTuple() or (None, None))[1]
        for principal, roles in list(document.get_local_roles()):
            if OWNER in roles and not (
                principal == author and _on_file(family_file, principal)
            ):
                _drop_role(document, principal, OWNER)
                changed = True
        if (
            author
            and _on_file(family_file, author)
            and OWNER not in document.get_local_roles_for_userid(author)
        ):
            document.manage_addLocalRoles(author, [OWNER])
            changed = True
    return changed


def sync_local_roles(family_file):
    """Grant each field's role to the person named, and take it from anyone else."""
    changed = sync_owners(family_file)
    for role, field in ROLE_FIELDS.items():
        wanted = getattr(family_file, field, None)
        for principal, roles in list(family_file.get_local_roles()):
            if role in roles and principal != wanted:
                _drop_role(family_file, principal, role)
                changed = True
        if wanted and role not in family_file.get_local_roles_for_userid(wanted):
            family_file.manage_addLocalRoles(wanted, [role])
            changed = True
    if changed:
        family_file.reindexObjectSecurity()


def default_social_worker(family_file):
    """A social worker who opens a file becomes its social worker."""
    if family_file.social_worker:
        return
    user = api.user.get_current()
    if user is None:
        return
    group_ids = [g.getId() for g in api.group.get_groups(user=user)]
    if SOCIAL_WORKERS_GROUP in group_ids:
        family_file.social_worker = user.getId()
