"""The 500s the route probe's predecessor left: refusals, answered as such.

``@@getVocabulary`` for a field the context lacks, a Manager's ``@move`` of a
family file to the site root (the site's paste check said "Disallowed subobject
type" with a ``ValueError``), a rename by someone who may not add that type in
the file (the same ``ValueError``) and a ``CopyError`` inside REST all were 500
pages; a refusal inside REST came as the Classic UI's HTML page.
"""

import pytest

from .conftest import FILE
from .conftest import MANAGER
from .conftest import OTHER
from .conftest import fresh


def test_a_manager_does_not_move_a_family_file_to_the_site_root(surface, http):
    response = http(
        MANAGER, "POST", "@move", api=True, json={"source": f"{http.base}/{FILE}"}
    )
    assert response.status_code == 403, response.text
    assert response.json()["error"]["reason"] == "error_copy_refused"
    assert "przenieść" in response.json()["error"]["message"]
    assert "ar-4010-1-2026" in fresh(surface, "akta").objectIds()


@pytest.mark.parametrize(
    ("user_id", "record"),
    [("head", "notatka"), ("head", "szkic"), ("sw1", "decyzja")],
)
def test_a_rename_by_who_may_not_add_that_type_is_refused(
    surface, http, user_id, record
):
    response = http(
        user_id,
        "POST",
        f"{FILE}/manage_renameObject",
        data={"id": record, "new_id": "inna"},
    )
    assert response.status_code == 403, response.status_code
    assert "przemianować" in response.text
    assert record in fresh(surface, FILE).objectIds()


def test_a_refusal_inside_rest_is_json(surface, http):
    """The Classic UI refusal page hands REST calls to the REST error view."""
    response = http(
        "sw1",
        "POST",
        f"{OTHER}/@move",
        api=True,
        json={"source": f"{http.base}/{FILE}/notatka"},
    )
    assert response.status_code == 403, response.text
    assert response.json()["error"]["reason"] == "error_document_not_movable"


@pytest.mark.parametrize("path", [FILE, f"{FILE}/notatka", "akta"])
def test_get_vocabulary_for_a_field_the_context_lacks(surface, http, path):
    response = http(
        "sw1",
        "GET",
        f"{path}/@@getVocabulary",
        params={"name": "plone.app.vocabularies.Keywords", "field": "subjects"},
    )
    assert response.status_code == 200, response.status_code
    assert response.json() == {"error": "Vocabulary lookup not allowed"}
