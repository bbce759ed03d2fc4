"""Per-file access: the file's people fields are the only source of its roles.

Deny by default: a family file blocks the roles its registry hands to the staff
groups, so a social worker or an assistant sees a file only while they are named
on it. Changing a field moves the local role with it.
"""

from plone import api

from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.roles import FAMILY_ASSISTANT
from mgops.caseflow.roles import SOCIAL_WORKER


#: local role → the family-file field naming who holds it
ROLE_FIELDS = {SOCIAL_WORKER: "social_worker", FAMILY_ASSISTANT: "assistant"}


def sync_local_roles(family_file):
    """Grant each field's role to the person named, and take it from anyone else."""
    changed = False
    for role, field in ROLE_FIELDS.items():
        wanted = getattr(family_file, field, None)
        for principal, roles in list(family_file.get_local_roles()):
            if role in roles and principal != wanted:
                remaining = [r for r in roles if r != role]
                family_file.manage_delLocalRoles([principal])
                if remaining:
                    family_file.manage_setLocalRoles(principal, remaining)
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
