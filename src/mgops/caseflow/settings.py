"""The centre's settings: one registry schema, edited in Site Setup → Akta rodziny."""

from datetime import time

from plone import api
from plone.autoform import directives
from plone.supermodel import model
from zope import schema

from mgops.caseflow import _
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.core.rules.case_reference import DEFAULT_PREFIX
from mgops.caseflow.core.rules.case_reference import check_prefix
from mgops.caseflow.core.rules.caseload import STATUTORY_CASELOAD_LIMIT
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_END
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_START


#: every record is ``mgops.caseflow.<field>``
PREFIX = "mgops.caseflow"

#: the letterhead's default; the same name the archival metadata uses
DEFAULT_CENTRE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej"

_DIRECTORY_GROUP_HELP = _(
    "help_directory_group",
    default="The name (cn) of the directory group whose members belong to this "
    "group of the centre, and so get its role.",
)


class ICaseflowSettings(model.Schema):
    """Stored under ``PREFIX``; the field names are the record names."""

    centre_name = schema.TextLine(
        title=_("label_centre_name", default="Name of the centre"),
        description=_(
            "help_centre_name",
            default="As on the centre's letterhead, printed at the top of every "
            "document.",
        ),
        default=DEFAULT_CENTRE_NAME,
    )

    case_reference_prefix = schema.TextLine(
        title=_("label_case_reference_prefix", default="Case reference prefix"),
        description=_(
            "help_case_reference_prefix",
            default="The part before the case number, e.g. AR.4010 gives "
            "AR.4010.12.2026.",
        ),
        default=DEFAULT_PREFIX,
        constraint=field_constraint(check_prefix),
    )
    caseload_limit = schema.Int(
        title=_("label_caseload_limit", default="Families per assistant"),
        description=_(
            "help_caseload_limit",
            default="At most 15 (Act of 9 June 2011 on supporting the family, art. 15).",
        ),
        default=STATUTORY_CASELOAD_LIMIT,
        min=1,
        max=STATUTORY_CASELOAD_LIMIT,
    )
    # plone.registry has no Time field: the hours are kept as "HH:MM".
    visit_hours_start = schema.TextLine(
        title=_("label_visit_hours_start", default="Assistant's visits from (HH:MM)"),
        default=VISIT_WINDOW_START.strftime("%H:%M"),
        constraint=time.fromisoformat,
    )
    visit_hours_end = schema.TextLine(
        title=_("label_visit_hours_end", default="Assistant's visits until (HH:MM)"),
        default=VISIT_WINDOW_END.strftime("%H:%M"),
        constraint=time.fromisoformat,
    )

    model.fieldset(
        "signing",
        label=_("fieldset_signing", default="Decisions"),
        fields=["register_pattern", "signer_post", "trusted_ca_certificates"],
    )
    register_pattern = schema.TextLine(
        title=_("label_register_pattern", default="Register number pattern"),
        description=_(
            "help_register_pattern",
            default="{n} is the number of the decision in the year, {year} the "
            "year, e.g. AR.4010.{n}.{year}.",
        ),
        default="AR.4010.{n}.{year}",
    )
    signer_post = schema.TextLine(
        title=_("label_signer_post", default="Post of the signing head"),
        default="Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej",
    )
    # Not in the control panel: whole PEM certificates in text boxes are not
    # something to type or check by eye. @signing-keys adds them, checked.
    directives.omitted("trusted_ca_certificates")
    trusted_ca_certificates = schema.List(
        title=_("label_trusted_ca_certificates", default="Trusted CA certificates"),
        description=_(
            "help_trusted_ca_certificates",
            default="One PEM certificate per entry: the certification authorities "
            "whose certificates may sign decisions.",
        ),
        value_type=schema.Text(),
        required=False,
        default=[],
    )

    model.fieldset(
        "archive",
        label=_("fieldset_archive", default="Archive"),
        fields=[
            "archive_institution_name",
            "archive_institution_unit",
            "archive_institution_regon",
            "archive_ndap_schemas",
        ],
    )
    archive_institution_name = schema.TextLine(
        title=_("label_archive_institution_name", default="Creating institution"),
        description=_(
            "help_archive_institution_name",
            default="Written as the creator into the metadata of every archived "
            "document.",
        ),
        default=DEFAULT_CENTRE_NAME,
    )
    archive_institution_unit = schema.TextLine(
        title=_("label_archive_institution_unit", default="Organisational unit"),
        default="Zespół asystentów rodziny",
    )
    archive_institution_regon = schema.TextLine(
        title=_("label_archive_institution_regon", default="REGON"),
        description=_(
            "help_archive_institution_regon",
            default="The institution's identifier in the metadata; left out when "
            "empty.",
        ),
        required=False,
        default="",
    )
    archive_ndap_schemas = schema.TextLine(
        title=_("label_archive_ndap_schemas", default="Folder of the NDAP schemas"),
        description=_(
            "help_archive_ndap_schemas",
            default="A path on the server; when empty, the folder the instance "
            "was set up with (caseflow-instance --ndap-schemas).",
        ),
        required=False,
    )

    model.fieldset(
        "directory",
        label=_("fieldset_directory", default="Staff directory (LDAP/AD)"),
        fields=[
            "directory_uri",
            "directory_bind_dn",
            "directory_bind_password",
            "directory_timeout",
            "directory_users_base",
            "directory_users_filter",
            "directory_user_attributes",
            "directory_groups_base",
            "directory_groups_filter",
            "directory_groups_object_class",
            "directory_heads_group",
            "directory_social_workers_group",
            "directory_assistants_group",
            "directory_archivists_group",
        ],
    )
    directory_uri = schema.TextLine(
        title=_("label_directory_uri", default="Directory server"),
        description=_(
            "help_directory_uri",
            default='Used once the profile "Directory login" is activated, e.g. '
            "ldaps://dc1.gmina.local or ldap://10.0.0.5:389.",
        ),
        required=False,
        default="",
    )
    directory_bind_dn = schema.TextLine(
        title=_("label_directory_bind_dn", default="Service account (bind DN)"),
        description=_(
            "help_directory_bind_dn",
            default="The account the site reads the directory with, e.g. "
            "cn=plone,ou=services,dc=gmina,dc=local; it needs read access only.",
        ),
        required=False,
        default="",
    )
    directory_bind_password = schema.Password(
        title=_(
            "label_directory_bind_password", default="Password of the service account"
        ),
        description=_(
            "help_directory_bind_password",
            default="Left empty, the stored password is kept.",
        ),
        required=False,
        default="",
    )
    directory_timeout = schema.Int(
        title=_("label_directory_timeout", default="Connection timeout (seconds)"),
        description=_(
            "help_directory_timeout",
            default="After this, a directory that does not answer counts as "
            "unreachable and only local accounts can log in.",
        ),
        default=5,
        min=1,
        max=60,
    )
    directory_users_base = schema.TextLine(
        title=_(
            "label_directory_users_base", default="Where the staff are (users base DN)"
        ),
        required=False,
        default="",
    )
    directory_users_filter = schema.TextLine(
        title=_(
            "label_directory_users_filter",
            default="Which entries are staff (users filter)",
        ),
        description=_(
            "help_directory_users_filter",
            default="Must leave out disabled accounts, so that they lose access at "
            "their next request. Active Directory: (&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))); "
            "OpenLDAP with ppolicy: (&(objectClass=inetOrgPerson)(!(pwdAccountLockedTime=*))).",
        ),
        default="(objectClass=inetOrgPerson)",
    )
    directory_user_attributes = schema.Dict(
        title=_("label_directory_user_attributes", default="Attributes of the staff"),
        description=_(
            "help_directory_user_attributes",
            default="Property of the site → attribute of the directory. rdn, id and "
            "login are required (Active Directory: cn, sAMAccountName, "
            "sAMAccountName); certificate_serial_number is the serial number "
            "(e.g. PNOPL-<PESEL>) the head's qualified certificate must carry.",
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        default={
            "rdn": "uid",
            "id": "uid",
            "login": "uid",
            "fullname": "cn",
            "email": "mail",
            "given_name": "givenName",
            "surname": "sn",
            "certificate_serial_number": "serialNumber",
        },
    )
    directory_groups_base = schema.TextLine(
        title=_(
            "label_directory_groups_base",
            default="Where the groups are (groups base DN)",
        ),
        required=False,
        default="",
    )
    directory_groups_filter = schema.TextLine(
        title=_("label_directory_groups_filter", default="Which entries are groups"),
        default="(objectClass=groupOfNames)",
    )
    directory_groups_object_class = schema.Choice(
        title=_(
            "label_directory_groups_object_class", default="Object class of the groups"
        ),
        description=_(
            "help_directory_groups_object_class",
            default="It tells where the members are: groupOfNames (OpenLDAP), "
            "group (Active Directory), groupOfUniqueNames, posixGroup.",
        ),
        values=["groupOfNames", "group", "groupOfUniqueNames", "posixGroup"],
        default="groupOfNames",
    )
    directory_heads_group = schema.TextLine(
        title=_("label_directory_heads_group", default="Directory group of the heads"),
        description=_DIRECTORY_GROUP_HELP,
        required=False,
        default="",
    )
    directory_social_workers_group = schema.TextLine(
        title=_(
            "label_directory_social_workers_group",
            default="Directory group of the social workers",
        ),
        description=_DIRECTORY_GROUP_HELP,
        required=False,
        default="",
    )
    directory_assistants_group = schema.TextLine(
        title=_(
            "label_directory_assistants_group",
            default="Directory group of the family assistants",
        ),
        description=_DIRECTORY_GROUP_HELP,
        required=False,
        default="",
    )
    directory_archivists_group = schema.TextLine(
        title=_(
            "label_directory_archivists_group",
            default="Directory group of the archivists",
        ),
        description=_DIRECTORY_GROUP_HELP,
        required=False,
        default="",
    )


def setting(name: str):
    """The setting ``name``, or its default while the record is missing or empty."""
    value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
    if value is None or value == "":
        return ICaseflowSettings[name].default
    return value


def visit_window() -> tuple[time, time]:
    """The hours in which an assistant's visits may take place (centre's rules)."""
    start, end = setting("visit_hours_start"), setting("visit_hours_end")
    return time.fromisoformat(start), time.fromisoformat(end)
