"""``GET @openapi``: the OpenAPI 3.1 description of the add-on's own endpoints.

plone.restapi describes none for add-ons; integrators (and the schemathesis
run of the tests) read this one. The document is ``openapi.yaml`` beside this
module, served as JSON.
"""

from functools import cache
from pathlib import Path

import yaml
from plone.restapi.services import Service


DOCUMENT = Path(__file__).with_name("openapi.yaml")


@cache
def description() -> dict:
    return yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))


class OpenApiGet(Service):
    def reply(self):
        return description()
