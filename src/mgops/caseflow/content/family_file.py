"""The family file (akta rodziny): one family's case, holding its documents."""

from datetime import date

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from collective.z3cform.datagridfield.row import DictRow
from OFS.event import ObjectWillBeAddedEvent
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from ZODB.utils import z64
from zope import schema
from zope.event import notify
from zope.interface import implementer
from zope.interface import invariant
from zope.lifecycleevent import ObjectAddedEvent

from mgops.caseflow import _
from mgops.caseflow.content.file_readers import with_file_readers
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.rows import LabelledDataGridFieldFactory
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.case_reference import check_case_reference
from mgops.caseflow.core.rules.court import check_court_facts
from mgops.caseflow.core.rules.foster_care import check_foster_care
from mgops.caseflow.core.rules.foster_care import placed_children
from mgops.caseflow.core.rules.pesel import check_pesel
from mgops.caseflow.settings import setting


def case_reference_prefix() -> str:
    """The prefix configured in the registry (Rejestr: znak sprawy)."""
    return setting("case_reference_prefix")


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
    foster_care_since = schema.Date(
        title=_("label_foster_care_since", default="In foster care since"),
        description=_(
            "help_foster_care_since",
            default="For a child placed in foster care: the day of the placement.",
        ),
        required=False,
        constraint=not_in_future,
    )


limit_fields(IFamilyMember)


class ICourtOpinion(model.Schema):
    """A court's request for the assistant's opinion about the family, and the
    opinion sent (Act of 9 June 2011, art. 15 ust. 1 pkt 15)."""

    requested_on = schema.Date(
        title=_("label_opinion_requested_on", default="Court's request received on"),
        constraint=not_in_future,
    )
    court_reference = schema.TextLine(
        title=_("label_opinion_court_reference", default="Court's reference"),
        required=False,
    )
    sent_on = schema.Date(
        title=_("label_opinion_sent_on", default="Opinion sent on"),
        required=False,
        constraint=not_in_future,
    )


limit_fields(ICourtOpinion)


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

    directives.widget("members", LabelledDataGridFieldFactory)
    members = schema.List(
        title=_("label_members", default="Family members"),
        value_type=DictRow(
            title=_("label_member", default="Member"), schema=IFamilyMember
        ),
        required=False,
        default=[],
    )

    # The head hands a file to another social worker; who opens it is its
    # social worker (workflow/process_fields.py).
    directives.write_permission(social_worker="mgops.caseflow.AssignPeople")
    social_worker = schema.Choice(
        title=_("label_social_worker", default="Responsible social worker"),
        vocabulary="mgops.caseflow.SocialWorkers",
        required=False,
    )
    # Set only by signing an assignment or a change of assistant.
    assistant = schema.Choice(
        title=_("label_assistant", default="Family assistant"),
        vocabulary="mgops.caseflow.Assistants",
        required=False,
        readonly=True,
    )

    opened = schema.Date(
        title=_("label_opened", default="Opened on"),
        constraint=not_in_future,
        defaultFactory=date.today,
    )
    # Set only by signing the decision that ends the work.
    ended = schema.Date(
        title=_("label_ended", default="Work ended on"),
        required=False,
        readonly=True,
    )
    # Superseded by the application note (kind "za_zyciem_application", with
    # its date received, the kind of document and the document checked to be a
    # scan): no rule reads this field any more. It stays in the schema so the
    # files that have one keep it, show it over REST and carry it into the
    # archive and back (archive/records.py); no form offers it, and only the
    # administrator may write it (an import or a restore).
    directives.omitted("medical_certificate")
    directives.write_permission(medical_certificate="cmf.ManagePortal")
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

    # The facts the reports need (core/reports): the court's obligation and
    # its requests for opinions. The number of children comes from the members.
    model.fieldset(
        "court",
        label=_("fieldset_court", default="Court"),
        fields=[
            "court_obliged",
            "court_decision_reference",
            "court_decision_date",
            "court_opinions",
        ],
    )
    court_obliged = schema.Bool(
        title=_(
            "label_court_obliged",
            default="A court obliged the family to work with an assistant",
        ),
        description=_(
            "help_court_obliged",
            default="Family and Guardianship Code, art. 109 § 2 pkt 1; give the "
            "court's decision below.",
        ),
        required=False,
        default=False,
    )
    court_decision_reference = schema.TextLine(
        title=_("label_court_decision_reference", default="Court's decision reference"),
        description=_("help_court_decision_reference", default="E.g. III Nsm 123/26."),
        required=False,
    )
    court_decision_date = schema.Date(
        title=_("label_court_decision_date", default="Court's decision dated"),
        required=False,
        constraint=not_in_future,
    )
    directives.widget("court_opinions", LabelledDataGridFieldFactory)
    court_opinions = schema.List(
        title=_("label_court_opinions", default="Court's requests for an opinion"),
        value_type=DictRow(
            title=_("label_court_opinion", default="Request"), schema=ICourtOpinion
        ),
        required=False,
        default=[],
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
    def foster_care_of_children(data):
        for member in data.members or []:
            name = f"{member.get('first_name') or ''} {member.get('last_name') or ''}"
            try:
                check_foster_care(
                    member.get("role"),
                    member.get("birth_date"),
                    member.get("foster_care_since"),
                    name.strip(),
                )
            except RuleViolation as violation:
                raise invalid(violation) from violation

    @invariant
    def court_obligation_named(data):
        try:
            check_court_facts(
                bool(getattr(data, "court_obliged", False)),
                getattr(data, "court_decision_reference", None),
                getattr(data, "court_decision_date", None),
                [
                    (row.get("requested_on"), row.get("sent_on"))
                    for row in getattr(data, "court_opinions", None) or []
                ],
            )
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


limit_fields(IFamilyFile)


def in_foster_care(family_file, day: date) -> bool:
    """Whether a child of the family is placed in foster care on ``day``
    (seed rule 1; the reports read it)."""
    return bool(placed_children(family_file.members, day))


def copy_refused():
    """OFS's ``CopyError`` and CMF's paste ``ValueError`` said as a refusal.

    Zope and plone.rest answer them with a 500 page; the refusal views
    (``services/error_views.py``) answer with this.
    """
    return NotAllowed(
        "error_copy_refused", "This cannot be copied, moved or renamed here."
    )


def family_file_of(obj):
    """The family file that holds ``obj`` (or is it), or None."""
    for item in aq_chain(aq_inner(obj)):
        if IFamilyFile.providedBy(item):
            return item
    return None


@implementer(IFamilyFile)
class FamilyFile(Container):
    """A family's file; its title is made from the family name and reference."""

    # Deny by default: no local role from the registry reaches inside a file.
    __ac_local_roles_block__ = True

    #: No stored order of the documents (plone.folder's ``unordered`` policy).
    #: An ordered Dexterity folder appends every new id to one ``PersistentList``
    #: (and a position ``PersistentDict``) in its annotations; ZODB cannot merge two
    #: appends, so two notes written into one file at the same time always
    #: conflicted there, and Zope had to retry one request (measured: half of all
    #: conflicts with 8 writers, tests/functional/deploy). The ids stay in the
    #: folder's OOBTree, whose buckets merge concurrent inserts of different keys.
    #: Nothing needs a manual order inside a file: views and the archive list the
    #: documents by creation date. Files created before keep their old order
    #: annotations, unused.
    _ordering = "unordered"

    def reindexObject(self, idxs=[], update_metadata=1, uid=None):  # noqa: B006
        """Reindex as CMF does; wherever the file's security is reindexed, its
        ``file_readers`` with it (``file_readers.py``)."""
        super().reindexObject(
            idxs=with_file_readers(idxs), update_metadata=update_metadata, uid=uid
        )

    def _setObject(
        self, id, object, roles=None, user=None, set_owner=1, suppress_events=False
    ):
        """Add a document as OFS does, but without a ``ContainerModifiedEvent``.

        That event made plone.dexterity's ``reindexOnModify`` bump the file's
        ``modification_date`` and reindex the whole file (every index and its
        catalog metadata row) for each note written into it: two notes written at
        the same time then both wrote the file object and the same catalog
        entries, which ZODB cannot merge, so one request always conflicted and was
        retried (measured with 8 writers, tests/functional/deploy). A new
        document changes none of the file's own fields or indexes (the open
        obligations follow workflow transitions, ``workflow/obligations.py``);
        the document's own ``ObjectAddedEvent`` still fires, and indexes it.
        """
        if suppress_events:
            return super()._setObject(id, object, roles, user, set_owner, True)
        checked = self._checkId(id)  # a duplicate id fails before any event
        id = checked if checked is not None else id
        notify(ObjectWillBeAddedEvent(object, self, id))
        id = super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return id

    def cb_isMoveable(self):
        """A filed family file is never cut nor renamed (``workflow/placement.py``).

        Asked by OFS before the cut (``@move``, the ZMI) and the rename, so the
        answer is a ``CopyError`` refusal there, not the paste target's 500
        (the site root says "Disallowed subobject type" with a ``ValueError``).
        Naming it in the transaction that adds it is not a move.
        """
        filed = getattr(aq_base(self), "_p_serial", z64) != z64
        return not filed and super().cb_isMoveable()

    def _verifyObjectPaste(self, object, validate_src=1):
        """CMF says "you may not add this here" with a ``ValueError`` (a 500 in
        ``manage_renameObject`` and REST): a refusal here."""
        try:
            super()._verifyObjectPaste(object, validate_src)
        except NotAllowed:
            raise
        except ValueError as error:
            raise copy_refused() from error

    def Title(self):
        if self.family_name and self.case_reference:
            return f"{self.family_name} ({self.case_reference})"
        return self.title or self.case_reference or ""
