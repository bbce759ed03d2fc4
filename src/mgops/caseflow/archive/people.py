"""Staff as the archive names them: user id, first and last name, Plone role.

Names come from the user's ``fullname`` property. People who are no longer
(or not yet) users of this site keep the name a package gave them: an import
remembers every person it read in a site annotation, so exporting the imported
files again names them the same.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.core.archive import Staff
from mgops.caseflow.groups import GROUPS
from mgops.caseflow.groups import REGISTRY_ROLES


ANNOTATION_KEY = "mgops.caseflow.archive.people"

#: global or group role → the archive's role, most specific first
ROLE_ORDER = ("Head", "Archivist", "SocialWorker", "FamilyAssistant", "Manager")
#: group → role for the groups that give their role per file, not globally
GROUP_ROLES = {
    **REGISTRY_ROLES,
    **{group: roles[0] for group, (_title, roles) in GROUPS.items() if roles},
}


def split_name(fullname: str, fallback: str) -> tuple[str, str]:
    """``"Anna Maria Nowak"`` → ``("Anna Maria", "Nowak")``; no name → the user id."""
    parts = (fullname or "").split()
    if not parts:
        return "", fallback
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def _known(portal, create=False):
    annotations = IAnnotations(portal)
    known = annotations.get(ANNOTATION_KEY)
    if known is None and create:
        known = annotations[ANNOTATION_KEY] = OOBTree()
    return known


def remember(portal, staff: Staff) -> None:
    """Keep a person read from a package (only when the site does not know them)."""
    known = _known(portal, create=True)
    value = (staff.first_name, staff.last_name, staff.role)
    if known.get(staff.user_id) != value:
        known[staff.user_id] = value


class People:
    """Looks people up once per export; ``staff(user_id, role=None)``."""

    def __init__(self, portal):
        self._portal = portal
        self._known = _known(portal) or {}
        self._cache: dict[tuple[str, str | None], Staff] = {}

    def staff(self, user_id: str, role: str | None = None) -> Staff:
        key = (user_id, role)
        if key not in self._cache:
            self._cache[key] = self._lookup(user_id, role)
        return self._cache[key]

    def _lookup(self, user_id: str, role: str | None) -> Staff:
        user = api.user.get(userid=user_id) if user_id else None
        if user is None:
            remembered = self._known.get(user_id)
            if remembered is not None:
                first, last, known_role = remembered
                return Staff(user_id, first, last, role or known_role)
            return Staff(user_id or "nieznany", "", user_id or "nieznany", role or "")
        first, last = split_name(user.getProperty("fullname") or "", user_id)
        return Staff(user_id, first, last, role or _role_of(user))


def _role_of(user) -> str:
    roles = set(user.getRoles())
    for group in api.group.get_groups(user=user):
        if group.getId() in GROUP_ROLES:
            roles.add(GROUP_ROLES[group.getId()])
    for role in ROLE_ORDER:
        if role in roles:
            return role
    return ""
