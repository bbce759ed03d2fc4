"""A record stays where it was filed, under the name it was filed with (issue 14).

plone.restapi's ``@move`` and ``@copy``, the ZMI's cut/copy/paste, Classic UI's
``folder_rename``/``@@fc-rename``/``@@fc-paste`` and ``manage_renameObject`` all
end in OFS's copy support, which sends ``IObjectWillBeMovedEvent`` before a
move or rename and ``IObjectCopiedEvent`` on a copy; these subscribers refuse
there, before anything changes:

- a family file is never moved nor renamed: its id is its case reference and
  its place the registry;
- a document never leaves its family file: moved into another family's file it
  would be shown to that family's staff and escape its own file's obligations;
  a final document or a decision past its draft keeps its id too (DESIGN:
  final documents are never edited, a correction is a new document);
- neither is ever copied: a copy would be a second record nobody wrote.

Adding (no old parent) and removing (no new parent) are not moves; deletion
has its own guard (``workflow.deletion``). Naming a record in the transaction
that creates it is not a move either: ``plone.api.content.create`` adds under
a random id and renames to the chosen one before anything is committed.
"""

from Acquisition import aq_base
from plone import api
from ZODB.utils import z64

from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.states import DRAFT


def _moves(event):
    """A move or rename of a record that was filed (committed) before."""
    if event.oldParent is None or event.newParent is None:
        return False
    being_named = aq_base(event.oldParent) is aq_base(event.newParent) and (
        getattr(aq_base(event.object), "_p_serial", z64) == z64
    )
    return not being_named


def family_file_will_be_moved(family_file, event):
    if _moves(event):
        raise NotAllowed(
            "error_family_file_not_movable",
            "A family file stays in the registry under its case reference; "
            "it cannot be moved or renamed.",
        )


def document_will_be_moved(document, event):
    if not _moves(event):
        return
    if aq_base(event.oldParent) is not aq_base(event.newParent):
        raise NotAllowed(
            "error_document_not_movable",
            "A document stays in the family file it was written in.",
        )
    if api.content.get_state(obj=document, default=None) != DRAFT:
        raise NotAllowed(
            "error_document_not_renamable",
            "A final or signed document keeps its name.",
        )


def record_copied(obj, event):
    raise NotAllowed(
        "error_record_not_copyable",
        "Family files and their documents cannot be copied; a correction is a "
        "new document naming the one it corrects.",
    )
