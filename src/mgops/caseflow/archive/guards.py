"""A family file is archived only after it went out in a verified archival package.

The workflow's ``archive`` transition is the archivist's record that the state
archive holds the file (Act of 14 July 1983 on the national archival resource,
art. 5–6: the records go to the archive as a package the archive can read).
``@archive-mark`` checked this already; this subscriber checks it on the
transition itself, so no route — ``@workflow/archive``, the button on the file's
page, a script — archives a file that no export took out. An export is logged
only after its package was written and validated against the schemas
(``exports.export_zip``), so "exported" means "in a verified package".
"""

from mgops.caseflow.archive.exports import exported_in
from mgops.caseflow.archive.exports import registry_of
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.workflow.acts import transition_check


def check_exported(family_file):
    if exported_in(registry_of(family_file), family_file.UID()) is None:
        raise RuleViolation(
            "rule_archive_needs_export",
            "The family file ${reference} can be archived only after it has gone "
            "out in an archival package; export it first.",
            reference=family_file.case_reference,
        )


before_archive_transition = transition_check(states.ARCHIVE, check_exported)
