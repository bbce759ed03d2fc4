"""A final correction note sets the file's first facts it corrects.

``learned_on``, ``urgent`` and ``support_path`` are fixed once the interview is
final (``process_fields``): a wrong value is then corrected by a note of kind
"correction" that names the original document. Making it final applies the
right values to the file in the same transaction, as an edit of those fields
the audit trail records; the note stays in the file as the record of why.
"""

from Acquisition import aq_parent
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.note import CORRECTED_FIELDS
from mgops.caseflow.content.note import CORRECTION
from mgops.caseflow.core import states
from mgops.caseflow.workflow.acts import ProcessFlag


#: raised while a final correction sets the fields it corrects
CORRECTING = ProcessFlag("correcting")


def applying_correction() -> bool:
    return bool(CORRECTING)


def _value(note_field, value):
    if note_field == "corrected_urgent":
        return value == "urgent"
    return value


def apply_correction(note) -> list[str]:
    """Set the file's fields the note corrects; the names of those changed."""
    family_file = aq_parent(note)
    changed = []
    for note_field, file_field in CORRECTED_FIELDS.items():
        value = getattr(note, note_field, None)
        if value in (None, ""):
            continue
        value = _value(note_field, value)
        if getattr(family_file, file_field, None) != value:
            setattr(family_file, file_field, value)
            changed.append(file_field)
    if changed:
        with CORRECTING.raised():
            notify(ObjectModifiedEvent(family_file, Attributes(IFamilyFile, *changed)))
        family_file.reindexObject()
    return changed


def correction_finalized(note, event):
    if getattr(event.new_state, "id", None) == states.FINAL and note.kind == CORRECTION:
        apply_correction(note)
