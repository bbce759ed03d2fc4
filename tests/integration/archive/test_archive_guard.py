"""Archiving needs an export: the ``archive`` transition checks it on every route.

The design: "Archiving needs a verified export of that file, checked by the
transition itself" (issue 13). ``@archive-mark`` checked it before; a plain
transition — ``@workflow/archive``, the button on the file's page — did not.
"""

from datetime import date

import pytest
import transaction
from plone import api
from plone.protect.authenticator import createToken
from Products.statusmessages.interfaces import IStatusMessage

from mgops.caseflow.archive import exports
from mgops.caseflow.testing.builders import close
from mgops.caseflow.workflow.guards import RuleBlocked


@pytest.fixture
def closed(make_family_file):
    return close(make_family_file(1), date(2026, 7, 31), note="Notatka 1")


def test_a_closed_file_that_never_went_out_is_not_archived(closed):
    with (
        api.env.adopt_user(username="archivist"),
        pytest.raises(RuleBlocked, match="najpierw wykonaj eksport"),
    ):
        api.portal.get_tool("portal_workflow").doActionFor(closed, "archive")
    assert api.content.get_state(obj=closed) == "closed"


def test_after_its_export_the_archivist_archives_it(closed):
    with api.env.adopt_user(username="archivist"):
        package = exports.export_zip(closed, exports.select(closed))
        package.body.close()
        api.content.transition(obj=closed, transition="archive")
    assert api.content.get_state(obj=closed) == "archived"


def test_the_button_on_the_file_page_is_refused_in_polish(closed, portal):
    request = portal.REQUEST
    request.method = "POST"
    with api.env.adopt_user(username="archivist"):
        request.form.update(transition="archive", _authenticator=createToken())
        view = api.content.get_view("caseflow-transition", closed, request)
        view()
    messages = [m.message for m in IStatusMessage(request).show()]
    assert any("najpierw wykonaj eksport" in m for m in messages), messages
    assert transaction.get().isDoomed()
    assert api.content.get_state(obj=closed) == "closed"
