"""A package written before profile 1011 holds a plan's goals as one text: the
import makes them rows, as the upgrade step does, so its assessments can be
read against them."""

import io
from datetime import date

from plone import api

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import delete_unrestricted


def test_an_old_plans_goals_text_is_imported_as_rows(
    portal, make_family_file, make_document
):
    family_file = make_family_file(94, state="active")
    plan = make_document(
        family_file,
        "Plan",
        owner="fa1",
        state="final",
        actions="Budżet",
        responsibilities="Asystent",
        agreed_on=date(2026, 1, 20),
    )
    plan.goals = "1. Budżet domowy. 2. Frekwencja szkolna."  # as 1008 stored it
    close(family_file, date(2026, 7, 31), note="Wizyta kontrolna")
    uid = plan.UID()
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(family_file)
        package = io.BytesIO()
        exports.write(selection, ZipTarget(package))
        delete_unrestricted([family_file])
        import_package(io.BytesIO(package.getvalue()), portal["akta"])
        imported = api.content.get(UID=uid)
    assert imported.goals == [
        {"goal": "Budżet domowy.", "expected_effect": None},
        {"goal": "Frekwencja szkolna.", "expected_effect": None},
    ]
