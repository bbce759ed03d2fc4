"""The centre's settings: one registry schema, edited in Site Setup → Akta rodziny."""

from datetime import time

from cryptography import x509
from plone import api
from plone.autoform import directives
from plone.formwidget.namedfile.converter import b64decode_file
from plone.namedfile.file import NamedImage
from plone.supermodel import model
from zope import schema

from mgops.caseflow import _
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.reports.settlement import parse_edition
from mgops.caseflow.core.rules.case_reference import DEFAULT_PREFIX
from mgops.caseflow.core.rules.case_reference import check_prefix
from mgops.caseflow.core.rules.caseload import STATUTORY_CASELOAD_LIMIT
from mgops.caseflow.core.rules.regon import check_regon
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_END
from mgops.caseflow.core.rules.visits import VISIT_WINDOW_START
from mgops.caseflow.core.rules.visits import check_visit_window
from mgops.caseflow.core.rules.visits import parse_window_hour
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import DEFAULT_PATTERN
from mgops.caseflow.core.signing.number_pattern import validate_pattern


#: every record is ``mgops.caseflow.<field>``
PREFIX = "mgops.caseflow"

#: the letterhead's default; the archival metadata's creator is the same name
DEFAULT_CENTRE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej"

#: what a logo may be: the types every browser shows in an <img>
LOGO_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")

#: Act of 4 April 2019 on digital accessibility of the websites and mobile
#: applications of public bodies, art. 10: the centre publishes a statement
#: for this application too; the sections follow the template of the minister
#: for digitisation, the brackets are the centre's to fill in. Art. 18: the
#: request for access and its 7-day / 2-month terms. "## " starts a heading.
DEFAULT_ACCESSIBILITY_STATEMENT = """\
## Data publikacji i aktualizacji
Data publikacji aplikacji: [RRRR-MM-DD]. Data ostatniej istotnej aktualizacji: \
[RRRR-MM-DD].

## Status pod względem zgodności z ustawą
Aplikacja jest częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r. o dostępności \
cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych z powodu \
niezgodności wymienionych poniżej.

## Treści niedostępne
[Wymień treści i funkcje, które nie są dostępne, powód i dostęp alternatywny, \
np. skany dokumentów dołączane do akt nie mają warstwy tekstowej; ich treść \
udostępnia pracownik socjalny prowadzący sprawę.]

## Przygotowanie deklaracji dostępności
Deklarację sporządzono dnia [RRRR-MM-DD] na podstawie samooceny przeprowadzonej \
przez [kto przeprowadził ocenę]. Deklarację ostatnio przejrzano i zaktualizowano \
dnia [RRRR-MM-DD].

## Informacje zwrotne i dane kontaktowe
W przypadku problemów z dostępnością aplikacji prosimy o kontakt z osobą \
odpowiedzialną: [imię i nazwisko], adres poczty elektronicznej [adres e-mail], \
telefon [numer telefonu]. Tą samą drogą można złożyć wniosek o udostępnienie \
informacji niedostępnej albo żądanie zapewnienia dostępności.

## Obsługa wniosków i skarg związanych z dostępnością
Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej aplikacji \
lub jej elementu. Żądanie zawiera dane kontaktowe osoby, która je składa, \
wskazanie, o jaką treść lub funkcję chodzi, oraz dogodny sposób udostępnienia \
informacji. Ośrodek realizuje żądanie niezwłocznie, nie później niż w ciągu \
7 dni; gdy nie jest to możliwe, informuje, kiedy to nastąpi, nie później niż \
w ciągu 2 miesięcy, albo proponuje alternatywny sposób dostępu do informacji. \
Na odmowę można złożyć skargę do [organ właściwy do rozpatrzenia skargi], \
a po wyczerpaniu tej drogi wniosek do Rzecznika Praw Obywatelskich.

## Dostępność architektoniczna
[Opisz dostęp do siedziby ośrodka: wejście, winda, toaleta, miejsca \
parkingowe, pętla indukcyjna, tłumacz języka migowego.]
"""


def _check_logo(value: bytes):
    """Refuse an upload that a browser cannot show as the centre's logo."""
    filename, data = b64decode_file(value)
    if NamedImage(data=data, filename=filename).contentType not in LOGO_TYPES:
        raise RuleViolation(
            "rule_logo_image",
            "The logo ${filename} is not a PNG, JPEG, GIF, SVG or WebP image.",
            filename=filename,
        )


_DIRECTORY_GROUP_HELP = _(
    "help_directory_group",
    default="The name (cn) of the directory group whose members belong to this "
    "group of the centre, and so get its role.",
)


def _check_register_pattern(pattern: str) -> None:
    """The pattern's refusal as a rule of the settings form."""
    try:
        validate_pattern(pattern)
    except SignatureError as error:
        raise RuleViolation(error.msgid, error.default, **error.mapping) from None


def _check_pem(text: str) -> None:
    """Certificates in PEM, or the field's refusal."""
    try:
        x509.load_pem_x509_certificates(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise RuleViolation(
            "certificate_pem_invalid", "The text is not a certificate in PEM format."
        ) from None


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
    centre_address = schema.TextLine(
        title=_("label_centre_address", default="Address of the centre"),
        description=_(
            "help_centre_address",
            default="Street, number, postcode and town, e.g. ul. Kościuszki 12, "
            "05-300 Mińsk Mazowiecki.",
        ),
        required=False,
        default="",
    )
    # One REGON for the letterhead, the footer and the archive's metadata: the
    # record keeps the name it had when only the archive used it (1002).
    archive_institution_regon = schema.TextLine(
        title=_("label_archive_institution_regon", default="REGON"),
        description=_(
            "help_centre_regon",
            default="The centre's 9-digit REGON, on the letterhead, in the footer "
            "and in the metadata of every archived document; left out when empty.",
        ),
        required=False,
        default="",
        constraint=field_constraint(lambda number: number and check_regon(number)),
    )
    # Stored as Plone's own site logo is (plone.site_logo): the file name and
    # the data, base64, in one Bytes record; @@logo-osrodka serves it.
    centre_logo = schema.Bytes(
        title=_("label_centre_logo", default="Logo of the centre"),
        description=_(
            "help_centre_logo",
            default="Shown instead of the Plone logo and on the letterhead; "
            "without one, the name of the centre is shown.",
        ),
        required=False,
        constraint=field_constraint(_check_logo),
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
        constraint=field_constraint(parse_window_hour),
    )
    visit_hours_end = schema.TextLine(
        title=_("label_visit_hours_end", default="Assistant's visits until (HH:MM)"),
        default=VISIT_WINDOW_END.strftime("%H:%M"),
        constraint=field_constraint(parse_window_hour),
    )
    control_visits_per_month = schema.Int(
        title=_(
            "label_control_visits_per_month",
            default="Control visits per month of social work",
        ),
        description=_(
            "help_control_visits_per_month",
            default="After a refusal or non-cooperation the social worker makes at "
            "least this many control visits in each of the 3 months (at least one).",
        ),
        default=1,
        min=1,
        max=31,
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
            "year, e.g. {n}/{year} gives 1/2026. A register number must not look "
            "like a case reference: the pattern needs a character other than "
            "letters, digits, dots and hyphens, such as a slash.",
        ),
        default=DEFAULT_PATTERN,
        constraint=field_constraint(_check_register_pattern),
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
        fields=["archive_institution_unit", "archive_ndap_schemas"],
    )
    archive_institution_unit = schema.TextLine(
        title=_("label_archive_institution_unit", default="Organisational unit"),
        default="Zespół asystentów rodziny",
    )
    archive_ndap_schemas = schema.TextLine(
        title=_("label_archive_ndap_schemas", default="Folder of the NDAP schemas"),
        description=_(
            "help_archive_ndap_schemas",
            default="A path on the server replacing the schemas shipped with the "
            "add-on; when empty, the folder the instance was set up with "
            "(caseflow-instance --ndap-schemas), or else the shipped ones.",
        ),
        required=False,
    )

    model.fieldset(
        "accessibility",
        label=_("fieldset_accessibility", default="Accessibility statement"),
        fields=["accessibility_statement"],
    )
    accessibility_statement = schema.Text(
        title=_("label_accessibility_statement", default="Accessibility statement"),
        description=_(
            "help_accessibility_statement",
            default="Shown at @@deklaracja-dostepnosci, linked from the footer of "
            "every page (Act of 4 April 2019 on digital accessibility, art. 10). "
            "Fill in the parts in brackets; a line starting with ## is a heading. "
            "When empty, the template is shown.",
        ),
        required=False,
        default=DEFAULT_ACCESSIBILITY_STATEMENT,
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
    trusted_list_signing_certificates = schema.Text(
        title=_(
            "label_trusted_list_signing_certificates",
            default="Certificates signing the national trusted list (PEM)",
        ),
        description=_(
            "help_trusted_list_signing_certificates",
            default="The certificate the supervisory body signs the trusted list "
            "(ETSI TS 119 612) with, as it publishes it; a list whose signature "
            "does not verify with it is not installed.",
        ),
        required=False,
        default="",
        constraint=field_constraint(lambda text: text and _check_pem(text)),
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

    # Qualified signatures (issue 15): appended; the trust anchors themselves
    # are ``trusted_ca_certificates`` (the national root), kept by @signing-keys.
    model.fieldset(
        "qualified_signatures",
        label=_("fieldset_qualified_signatures", default="Qualified signatures"),
        fields=[
            "signatures_qualified_only",
            "signatures_require_sscd",
            "timestamp_required",
            "tsa_url",
            "tsa_username",
            "tsa_password",
            "tsa_certificates",
            "revocation_timeout",
            "trusted_list_signing_certificates",
        ],
    )
    signatures_qualified_only = schema.Bool(
        title=_(
            "label_signatures_qualified_only",
            default="Only qualified electronic signatures",
        ),
        description=_(
            "help_signatures_qualified_only",
            default="A decision is signed only with a qualified certificate "
            "(QcCompliance statement) chaining to a trusted national root, whose "
            "revocation status (OCSP or CRL) is known for the whole path. "
            "Switched off, any certificate of a trusted CA signs; its declared "
            "OCSP or CRL is still checked.",
        ),
        default=True,
        required=False,
    )
    signatures_require_sscd = schema.Bool(
        title=_(
            "label_signatures_require_sscd",
            default="Key on a qualified signature creation device (QcSSCD)",
        ),
        description=_(
            "help_signatures_require_sscd",
            default="With qualified signatures only: the certificate must state "
            "that its key is on a smart card or another qualified device.",
        ),
        default=False,
        required=False,
    )
    timestamp_required = schema.Bool(
        title=_("label_timestamp_required", default="Every signature timestamped"),
        description=_(
            "help_timestamp_required",
            default="Signing is refused while no time-stamping authority is set "
            "below. Switched off, a signature is timestamped only when a TSA is "
            "set (the demo signs without one).",
        ),
        default=True,
        required=False,
    )
    tsa_url = schema.TextLine(
        title=_("label_tsa_url", default="Time-stamping authority (RFC 3161) URL"),
        description=_(
            "help_tsa_url",
            default="The address of the centre's qualified time-stamping service, "
            "e.g. http://time.certum.pl.",
        ),
        required=False,
        default="",
    )
    tsa_username = schema.TextLine(
        title=_("label_tsa_username", default="TSA user (HTTP Basic)"),
        description=_(
            "help_tsa_username",
            default="Only where the TSA asks the centre to log in.",
        ),
        required=False,
        default="",
    )
    tsa_password = schema.Password(
        title=_("label_tsa_password", default="TSA password"),
        description=_(
            "help_directory_bind_password",
            default="Left empty, the stored password is kept.",
        ),
        required=False,
        default="",
    )
    tsa_certificates = schema.Text(
        title=_("label_tsa_certificates", default="TSA certificates (PEM)"),
        description=_(
            "help_tsa_certificates",
            default="The time-stamping authority's certificate, or the CA it "
            "chains to, in PEM; a timestamp made by another authority is refused.",
        ),
        required=False,
        default="",
        constraint=field_constraint(lambda text: text and _check_pem(text)),
    )
    revocation_timeout = schema.Int(
        title=_(
            "label_revocation_timeout",
            default="Waiting for OCSP, CRL and TSA (seconds)",
        ),
        default=5,
        min=1,
        max=60,
    )
    trusted_list_signing_certificates = schema.Text(
        title=_(
            "label_trusted_list_signing_certificates",
            default="Certificates signing the national trusted list (PEM)",
        ),
        description=_(
            "help_trusted_list_signing_certificates",
            default="The certificate the supervisory body signs the trusted list "
            "(ETSI TS 119 612) with, as it publishes it; a list whose signature "
            "does not verify with it is not installed.",
        ),
        required=False,
        default="",
        constraint=field_constraint(lambda text: text and _check_pem(text)),
    )
    model.fieldset(
        "programme",
        label=_("fieldset_programme", default='Programme "Asystent rodziny"'),
        fields=["programme_editions"],
    )
    programme_editions = schema.List(
        title=_("label_programme_editions", default="Editions of the programme"),
        description=_(
            "help_programme_editions",
            default="One line per edition year: the year; the amount per month of "
            "a full-time assistant (zł); the hours that month must reach (pro "
            "rata to the FTE and to the days without sick leave); the "
            "programme's share of the cost (0–1), e.g. 2026; 1200; 120; 0.8. "
            "The settlement of a month reads its year's line.",
        ),
        value_type=schema.TextLine(constraint=field_constraint(parse_edition)),
        required=False,
        default=[],
    )


def setting(name: str):
    """The setting ``name``, or its default while the record is missing or empty."""
    value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
    if value is None or value == "":
        return ICaseflowSettings[name].default
    return value


#: the records of the assistant's hours, bounded to 07:00–21:00 on every route
WINDOW_RECORDS = frozenset(
    f"{PREFIX}.{name}" for name in ("visit_hours_start", "visit_hours_end")
)


def refuse_window_outside_rules(event) -> None:
    """An hour of the window written past the control panel (``@registry``, the
    configuration registry's form, an imported registry.xml) is refused too.

    A registry record keeps its field's type but not its constraint, so
    plone.registry takes any text; the refusal aborts the request's
    transaction, so nothing is stored.
    """
    if event.record.__name__ not in WINDOW_RECORDS or not event.newValue:
        return
    parse_window_hour(event.newValue)


def visit_window() -> tuple[time, time]:
    """The hours in which an assistant's visits may take place (centre's rules)."""
    try:
        return check_visit_window(
            setting("visit_hours_start"), setting("visit_hours_end")
        )
    except RuleViolation:
        # A window stored before the bounds held (or written past the form):
        # the centre's rules apply, 07:00–21:00.
        return VISIT_WINDOW_START, VISIT_WINDOW_END
