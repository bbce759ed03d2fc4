"""The centre's groups and what each one is given."""

from plone import api


SOCIAL_WORKERS_GROUP = "pracownicy_socjalni"
ASSISTANTS_GROUP = "asystenci_rodziny"
HEADS_GROUP = "kierownictwo"
ARCHIVISTS_GROUP = "archiwum"

#: group id → (Polish title, stored as data; global roles). Social workers and assistants get no global
#: role: their roles come per family file (and on the registry, to reach it).
GROUPS = {
    SOCIAL_WORKERS_GROUP: ("Pracownicy socjalni", []),
    ASSISTANTS_GROUP: ("Asystenci rodziny", []),
    HEADS_GROUP: ("Kierownictwo", ["Head"]),
    ARCHIVISTS_GROUP: ("Archiwum", ["Archivist"]),
}

#: group id → local role it holds on the family-file registry.
REGISTRY_ROLES = {
    SOCIAL_WORKERS_GROUP: "SocialWorker",
    ASSISTANTS_GROUP: "FamilyAssistant",
}


def staff_members(group_id):
    """The users of one of our groups, also those of the directory groups nested
    in it (``directory.config``): Plone lists a group's direct members only."""
    portal_groups = api.portal.get_tool("portal_groups")
    seen, users, pending = set(), [], [group_id]
    while pending:
        for principal_id in portal_groups.getGroupMembers(pending.pop()):
            if principal_id in seen:
                continue
            seen.add(principal_id)
            user = api.user.get(userid=principal_id)
            if user is not None:
                users.append(user)
            elif api.group.get(groupname=principal_id) is not None:
                pending.append(principal_id)
    return users
