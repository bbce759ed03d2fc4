"""The institution of every archived document is the centre of the settings."""

import io
import zipfile

from lxml import etree
from plone import api

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.core.archive.validation import NDAP_NAMESPACE


NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Nowym Mieście"
REGON = "711583422"


def test_the_metadata_name_the_centre_of_the_letterhead(portal, every_kind_file):
    api.portal.set_registry_record("mgops.caseflow.centre_name", NAME)
    api.portal.set_registry_record("mgops.caseflow.archive_institution_regon", REGON)
    out = io.BytesIO()
    with api.env.adopt_roles(["Manager"]):
        exports.write(exports.select(every_kind_file), ZipTarget(out))
    with zipfile.ZipFile(out) as package:
        metadata = [
            etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("metadane/")
        ]
    assert metadata
    schemas = archive_schemas()
    for document in metadata:
        schemas.validate(NDAP_METADATA, document, path="metadane")
        institutions = document.findall(f".//{{{NDAP_NAMESPACE}}}instytucja")
        assert institutions
        for institution in institutions:
            (regon,) = institution.findall(f"{{{NDAP_NAMESPACE}}}id")
            assert (regon.get("typ"), regon.text) == ("REGON", REGON)
            name = institution.find(f"{{{NDAP_NAMESPACE}}}nazwa")
            assert name.text == NAME
