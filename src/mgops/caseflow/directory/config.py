"""The directory login: pas.plugins.ldap configured from the centre's settings.

Why the settings live in ``ICaseflowSettings`` (fieldset "directory") and not
only in the plugin's own control panel: the centre has one place for its
settings (Site Setup → Akta rodziny, and @controlpanels over REST), the mapping
of directory groups to our four groups has no home in the plugin, and the
values the plugin must not be given otherwise (no cache, the users filter that
leaves out disabled accounts, the timeout) are set here in one function.
The profile ``mgops.caseflow:ldap`` ("Directory login") adds the plugin and
applies the settings; every later change of a ``directory_*`` setting is
applied at once (``settings_changed``). Without the profile nothing reads the
directory, so ``make start`` keeps its local demo users.

Groups: a directory group named in ``directory_<group>_group`` is made a member
of our group of that name (Plone's nested groups, resolved by the recursive
groups plugin), so its members get the group's global roles and its local role
on the registry; ``groups.staff_members`` lists them.

Access follows the directory at every request: the plugin caches the directory
only within one request (its default request cache; the memcached cache stays
off), plone.session checks at each request that the user still exists, and
basic authentication binds with the user's password each time. A disabled
account is one the users filter leaves out (or whose bind the server refuses),
a deleted one is not found: either loses access at its next request.
"""

import ldap
from node.ext.ldap.interfaces import ILDAPGroupsConfig
from node.ext.ldap.interfaces import ILDAPProps
from node.ext.ldap.interfaces import ILDAPUsersConfig
from node.ext.ldap.scope import SUBTREE
from odict import odict
from pas.plugins.ldap.setuphandlers import _addPlugin as add_plugin
from plone import api

from mgops.caseflow.groups import ARCHIVISTS_GROUP
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import setting


#: the id pas.plugins.ldap gives its plugin in acl_users
PLUGIN_ID = "pasldap"

#: setting → our group the directory group it names is mapped into
GROUP_SETTINGS = {
    "directory_heads_group": HEADS_GROUP,
    "directory_social_workers_group": SOCIAL_WORKERS_GROUP,
    "directory_assistants_group": ASSISTANTS_GROUP,
    "directory_archivists_group": ARCHIVISTS_GROUP,
}

#: the directory group's attributes: its name is its id and title
GROUP_ATTRIBUTES = {
    "rdn": "cn",
    "id": "cn",
    "title": "cn",
    "description": "description",
}


def directory_plugin():
    """The LDAP plugin of this site, or None while directory login is not set up."""
    return api.portal.get_tool("acl_users").get(PLUGIN_ID)


def configure_plugin(plugin) -> None:
    """Write the server, users and groups settings into the plugin."""
    props = ILDAPProps(plugin)
    props.uri = setting("directory_uri")
    props.user = setting("directory_bind_dn")
    props.password = setting("directory_bind_password")
    props.conn_timeout = setting("directory_timeout")
    props.op_timeout = setting("directory_timeout")
    props.cache = False

    users = ILDAPUsersConfig(plugin)
    users.baseDN = setting("directory_users_base")
    users.scope = SUBTREE
    users.queryFilter = setting("directory_users_filter")
    attributes = odict(setting("directory_user_attributes"))
    # the plugin expects the id attribute also under its own name
    attributes.setdefault(attributes["id"], attributes["id"])
    users.attrmap = attributes
    users.objectClasses = ["inetOrgPerson"]
    users.memberOfSupport = False

    groups = ILDAPGroupsConfig(plugin)
    groups.baseDN = setting("directory_groups_base")
    groups.scope = SUBTREE
    groups.queryFilter = setting("directory_groups_filter")
    groups.attrmap = odict(GROUP_ATTRIBUTES)
    groups.objectClasses = [setting("directory_groups_object_class")]
    groups.memberOfSupport = False


def map_group(directory_group: str, group_id: str, add: bool = True) -> None:
    """Nest ``directory_group`` in our ``group_id`` (or take it out)."""
    source_groups = api.portal.get_tool("acl_users").source_groups
    if add:
        source_groups.addPrincipalToGroup(directory_group, group_id)
    elif directory_group in source_groups.getGroupMembers(group_id):
        source_groups.removePrincipalFromGroup(directory_group, group_id)


def install(context) -> None:
    """Post handler of ``mgops.caseflow:ldap``: the plugin, set up from the settings."""
    acl_users = api.portal.get_tool("acl_users")
    if PLUGIN_ID not in acl_users:
        add_plugin(acl_users, PLUGIN_ID)
    configure_plugin(acl_users[PLUGIN_ID])
    for name, group_id in GROUP_SETTINGS.items():
        directory_group = setting(name)
        if directory_group:
            map_group(directory_group, group_id)


def settings_changed(event) -> None:
    """A ``directory_*`` setting changed: apply it now, if directory login is on."""
    name = event.record.__name__.removeprefix(f"{PREFIX}.")
    if not name.startswith("directory_") or directory_plugin() is None:
        return
    if name in GROUP_SETTINGS:
        if event.oldValue:
            map_group(event.oldValue, GROUP_SETTINGS[name], add=False)
        if event.newValue:
            map_group(event.newValue, GROUP_SETTINGS[name])
    else:
        configure_plugin(directory_plugin())


def directory_problem() -> str | None:
    """Why the directory cannot be read now (the server's words), or None.

    Binds with the service account, within the configured timeout; asked by
    the login form, so that staff learn why their directory login fails.
    """
    plugin = directory_plugin()
    if plugin is None:
        return None
    props = ILDAPProps(plugin)
    try:
        connection = ldap.initialize(props.uri)
        connection.set_option(ldap.OPT_NETWORK_TIMEOUT, props.conn_timeout)
        connection.set_option(ldap.OPT_TIMEOUT, props.conn_timeout)
        connection.simple_bind_s(props.user, props.password)
        connection.unbind_s()
    except ldap.LDAPError as error:
        details = error.args[0] if error.args else {}
        if isinstance(details, dict):
            return details.get("desc") or str(error)
        return str(error)
    return None
