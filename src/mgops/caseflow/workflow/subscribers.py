"""Keep a family file's title, people and local roles right after each change."""

from zope.container.interfaces import IContainerModifiedEvent

from mgops.caseflow.workflow.local_roles import default_social_worker
from mgops.caseflow.workflow.local_roles import sync_local_roles
from mgops.caseflow.workflow.obligations import update_obligations
from mgops.caseflow.workflow.process_fields import check_field_changes


def _update_title(family_file):
    # Assign only on change: a needless write makes the file a conflict hot spot.
    title = family_file.Title()
    if family_file.title != title:
        family_file.title = title


def family_file_added(family_file, event):
    default_social_worker(family_file)
    _update_title(family_file)
    sync_local_roles(family_file)
    family_file.reindexObject()


def family_file_modified(family_file, event):
    if IContainerModifiedEvent.providedBy(event):
        return  # a document was added or removed: the file's own fields did not change
    changed = []
    for description in getattr(event, "descriptions", ()) or ():
        # plone.restapi names them "IFamilyFile.field", z3c.form "field"
        changed.extend(
            name.rsplit(".", 1)[-1]
            for name in getattr(description, "attributes", ()) or ()
        )
    check_field_changes(family_file, changed)
    _update_title(family_file)
    sync_local_roles(family_file)
    update_obligations(family_file)
