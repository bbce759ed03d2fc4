"""Archival export and import in a site: NDAP schemas, demo data, packages."""

import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def ndap_schemas(ndap_schemas):
    """Every test here writes or reads packages, validated against them."""
    return ndap_schemas


@pytest.fixture
def zip_files():
    """The files of a zip package: path → bytes."""

    def files(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {name: package.read(name) for name in package.namelist()}

    return files


def without_export_time(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every file but the manifest, whose export time differs between exports."""
    return {path: data for path, data in files.items() if path != "manifest.xml"}


@pytest.fixture
def demo(portal):
    """The demo data: families in every state, signed decisions among them."""
    from plone import api

    from mgops.caseflow.demo.loader import load_demo

    with api.env.adopt_roles(["Manager"]):
        return load_demo(portal)
