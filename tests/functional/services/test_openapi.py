"""@openapi serves a valid OpenAPI description that covers every endpoint of the add-on."""

import re
from pathlib import Path

import requests
from openapi_spec_validator import validate

import mgops.caseflow.services


SERVICES = Path(mgops.caseflow.services.__file__).parent


def registered_services() -> set[tuple[str, str]]:
    """(method, name) of every plone:service the add-on registers."""
    found = set()
    for zcml in SERVICES.glob("*/configure.zcml"):
        for block in re.findall(r"<plone:service(.*?)/>", zcml.read_text(), re.S):
            method = re.search(r'method="(\w+)"', block)[1]
            found.add((method.lower(), re.search(r'name="(@[\w-]+)"', block)[1]))
    return found


def test_the_served_description_is_valid_openapi(functional_portal):
    response = requests.get(
        f"{functional_portal.absolute_url()}/@openapi",
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    spec = response.json()
    validate(spec)  # raises on any fault
    assert spec["openapi"].startswith("3.1")
    error = spec["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["properties"]) == {"type", "message", "reason"}


def test_every_registered_endpoint_is_described(functional_portal):
    spec = requests.get(
        f"{functional_portal.absolute_url()}/@openapi",
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    described = {
        (method, path.rsplit("/", 1)[-1])
        for path, operations in spec["paths"].items()
        for method in operations
    }
    missing = registered_services() - described
    assert not missing, sorted(missing)
