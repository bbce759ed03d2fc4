"""The centre may narrow the assistant's hours, never widen them past 07:00–21:00.

The centre's rules: the assistant works only between 07:00 and 21:00. The
setting that narrows the window is refused outside it, on every route that
writes it: the control panel form and ``@controlpanels`` (issue 13).
"""

import pytest
import transaction
from plone import api

from .test_controlpanel import manager_page  # noqa: F401 - the fixture
from .test_controlpanel import save


START = "mgops.caseflow.visit_hours_start"
END = "mgops.caseflow.visit_hours_end"


def stored():
    transaction.begin()
    return api.portal.get_registry_record(START), api.portal.get_registry_record(END)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("06:30", "21:00", "wykracza poza 07:00–21:00"),
        ("07:00", "22:30", "wykracza poza 07:00–21:00"),
        ("siódma", "21:00", "nie jest godziną"),
        ("18:00", "09:00", "muszą kończyć się (09:00) później"),
    ],
)
def test_the_form_refuses_a_window_outside_the_rules(
    manager_page,  # noqa: F811
    functional_portal,
    start,
    end,
    message,
):
    response = save(manager_page, visit_hours_start=start, visit_hours_end=end)
    assert response.status_code == 200
    assert message in response.text
    assert stored() == ("07:00", "21:00")


def test_the_form_narrows_the_window(manager_page, functional_portal):  # noqa: F811
    save(manager_page, visit_hours_start="08:00", visit_hours_end="18:00")
    assert stored() == ("08:00", "18:00")


@pytest.mark.parametrize(
    "body", [{"visit_hours_start": "06:59"}, {"visit_hours_end": "21:01"}]
)
def test_controlpanels_refuses_an_hour_outside_the_rules(
    manager_request, functional_portal, body
):
    response = manager_request.patch("/@controlpanels/mgops-caseflow", json=body)
    assert response.status_code == 400, response.text
    assert stored() == ("07:00", "21:00")
