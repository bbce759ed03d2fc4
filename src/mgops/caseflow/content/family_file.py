"""The family file (akta rodziny): one family's case, holding its documents."""

from datetime import date

from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.rules.case_reference import DEFAULT_PREFIX
from mgops.caseflow.rules.case_reference import check_case_reference
from mgops.caseflow.rules.errors import RuleViolation
from mgops.caseflow.rules.pesel import check_pesel


CASE_REFERENCE_PREFIX_RECORD = "mgops.caseflow.case_reference_prefix"


def case_reference_prefix() -> str:
    """The prefix configured in the registry (Rejestr: znak sprawy)."""
    prefix = api.portal.get_registry_record(CASE_REFERENCE_PREFIX_RECORD, default=None)
    return prefix or DEFAULT_PREFIX


def _check_case_reference(value):
    check_case_reference(value, case_reference_prefix())


class IFamilyMember(model.Schema):
    """One member of the family's household, as a row of the members table."""

    first_name = schema.TextLine(title=_("label_first_name", default="First name"))
    last_name = schema.TextLine(title=_("label_last_name", default="Last name"))
    role = schema.Choice(
        title=_("label_member_role", default="Role in the family"),
        vocabulary="mgops.caseflow.MemberRoles",
    )
    birth_date = schema.Date(
        title=_("label_birth_date", default="Birth date"),
        constraint=not_in_future,
    )
    pesel = schema.TextLine(
        title=_("label_pesel", default="PESEL"),
        description=_(
            "help_pesel",
            default="11 digits; leave empty only when the person has no PESEL.",
        ),
        required=False,
        constraint=field_constraint(check_pesel),
    )


class IFamilyFile(model.Schema):
    """Akta rodziny: the case of one family in the family-assistant programme."""

    case_reference = schema.TextLine(
        title=_("label_case_reference", default="Case reference"),
        description=_(
            "help_case_reference",
            default="Znak sprawy: the prefix, the case number and the year, "
            "e.g. AR.4010.12.2026.",
        ),
        constraint=field_constraint(_check_case_reference),
    )
    family_name = schema.TextLine(title=_("label_family_name", default="Family name"))
    address = schema.Text(title=_("label_address", default="Address"))
    support_path = schema.Choice(
        title=_("label_support_path", default="Path"),
        vocabulary="mgops.caseflow.SupportPaths",
        default="standard",
    )
    urgent = schema.Bool(
        title=_("label_urgent", default="Urgent"),
        description=_(
            "help_urgent",
            default="The interview is then due within 2 working days instead of 14.",
        ),
        required=False,
        default=False,
    )
    learned_on = schema.Date(
        title=_("label_learned_on", default="Centre learned of the family on"),
        constraint=not_in_future,
        defaultFactory=date.today,
    )

    directives.widget("members", DataGridFieldFactory)
    members = schema.List(
        title=_("label_members", default="Family members"),
        value_type=DictRow(
            title=_("label_member", default="Member"), schema=IFamilyMember
        ),
        required=False,
        default=[],
    )

    social_worker = schema.Choice(
        title=_("label_social_worker", default="Responsible social worker"),
        vocabulary="mgops.caseflow.SocialWorkers",
        required=False,
    )
    directives.write_permission(assistant="mgops.caseflow.AssignPeople")
    assistant = schema.Choice(
        title=_("label_assistant", default="Family assistant"),
        vocabulary="mgops.caseflow.Assistants",
        required=False,
    )

    opened = schema.Date(
        title=_("label_opened", default="Opened on"),
        constraint=not_in_future,
        defaultFactory=date.today,
    )
    ended = schema.Date(
        title=_("label_ended", default="Work ended on"),
        constraint=not_in_future,
        required=False,
    )
    medical_certificate = NamedBlobFile(
        title=_("label_medical_certificate", default="Medical certificate"),
        description=_(
            "help_medical_certificate",
            default='On the "Za życiem" path: the pregnancy document or the '
            "certificate of severe, irreversible disability or incurable illness.",
        ),
        required=False,
    )
    jrwa_class = schema.TextLine(
        title=_("label_jrwa_class", default="JRWA class"),
        default="4010",
    )
    archival_category = schema.Choice(
        title=_("label_archival_category", default="Archival category"),
        vocabulary="mgops.caseflow.ArchivalCategories",
        default="B10",
    )

    @invariant
    def pesel_matches_birth_date(data):
        for member in data.members or []:
            if not member.get("pesel") or not member.get("birth_date"):
                continue
            try:
                check_pesel(member["pesel"], member["birth_date"])
            except RuleViolation as violation:
                raise invalid(violation) from violation

    @invariant
    def ended_after_opened(data):
        if data.ended and data.opened and data.ended < data.opened:
            raise invalid(
                RuleViolation(
                    "rule_ended_before_opened",
                    "The work cannot end (${ended}) before the file was opened "
                    "(${opened}).",
                    ended=data.ended.isoformat(),
                    opened=data.opened.isoformat(),
                )
            )


@implementer(IFamilyFile)
class FamilyFile(Container):
    """A family's file; its title is made from the family name and reference."""

    # Deny by default: no local role from the registry reaches inside a file.
    __ac_local_roles_block__ = True

    #: Unordered (plone.folder's ``unordered`` ordering): the documents of a file
    #: are listed by date or kind, never by hand, and an ordered folder keeps the
    #: order of its items in one ``PersistentList`` that every new document
    #: appends to. Two documents added to one file at the same moment then
    #: conflicted on that list, which ZODB cannot merge, and one request was
    #: retried (measured: the most frequent conflict of 4 concurrent writers once
    #: their names no longer collide, see ``naming.FamilyFileNameChooser``).
    #: Without it, adding a document writes only the file's BTree of items, whose
    #: buckets merge concurrent inserts of different names. Files created while
    #: the folder was ordered keep a stale order list in an annotation that
    #: nothing reads any more; items are listed in id order.
    _ordering = "unordered"

    def Title(self):
        if self.family_name and self.case_reference:
            return f"{self.family_name} ({self.case_reference})"
        return self.title or self.case_reference or ""
