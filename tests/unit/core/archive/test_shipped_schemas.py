"""The NDAP schemas travel inside the package: the same bytes as the reference
copies beside the checkout, their source noted, used unless a folder is named."""

import hashlib
import re

import pytest

from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import ArchiveSchemas
from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE
from mgops.caseflow.core.archive.validation import NDAP_HANDOVER_LIST
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.core.archive.validation import SHIPPED_NDAP_DIR

from .conftest import NDAP_DIR


NDAP_FILES = (NDAP_METADATA, NDAP_HANDOVER_LIST)


@pytest.fixture
def reference():
    """The reference copies in ../shared/standards/ndap; their absence is an error."""
    missing = [name for name in NDAP_FILES if not (NDAP_DIR / name).is_file()]
    assert not missing, (
        f"the reference NDAP schemas {missing} are not in {NDAP_DIR}: the tests "
        "need shared/standards/ndap beside the checkout (as in CI)"
    )
    return NDAP_DIR


@pytest.mark.parametrize("name", NDAP_FILES)
def test_the_shipped_schema_is_the_reference_copy_byte_for_byte(reference, name):
    assert (SHIPPED_NDAP_DIR / name).read_bytes() == (reference / name).read_bytes()


def test_the_source_note_names_each_shipped_schema_with_its_checksum():
    note = (SHIPPED_NDAP_DIR / "SOURCE.md").read_text(encoding="utf-8")
    listed = dict(
        re.findall(r"^\| `([\w.-]+\.xsd)` \| `([0-9a-f]{64})` \|", note, re.M)
    )
    assert listed == {
        name: hashlib.sha256((SHIPPED_NDAP_DIR / name).read_bytes()).hexdigest()
        for name in NDAP_FILES
    }
    assert sorted(path.name for path in SHIPPED_NDAP_DIR.glob("*.xsd")) == sorted(
        NDAP_FILES
    )
    for words in ("30 października 2006", "art. 4", "elektronizacja-prawa"):
        assert words in note


def test_without_a_folder_named_the_shipped_schemas_are_used(monkeypatch):
    monkeypatch.delenv(NDAP_DIR_VARIABLE, raising=False)
    schemas = ArchiveSchemas()
    assert schemas.ndap_dir == SHIPPED_NDAP_DIR
    assert {file.source for file in schemas.files()} >= {
        SHIPPED_NDAP_DIR / name for name in NDAP_FILES
    }
    assert schemas.get(NDAP_METADATA).validate(_minimal_metadata()) is False


def test_an_empty_variable_means_the_shipped_schemas(monkeypatch):
    monkeypatch.setenv(NDAP_DIR_VARIABLE, "")
    assert ArchiveSchemas().ndap_dir == SHIPPED_NDAP_DIR


def test_the_variable_overrides_the_shipped_schemas(monkeypatch, tmp_path):
    for name in NDAP_FILES:
        (tmp_path / name).write_bytes((SHIPPED_NDAP_DIR / name).read_bytes())
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(tmp_path))
    assert ArchiveSchemas().ndap_dir == tmp_path
    # a folder given by the caller (the site's setting) wins over the variable
    assert ArchiveSchemas(SHIPPED_NDAP_DIR).ndap_dir == SHIPPED_NDAP_DIR


def test_a_named_folder_without_the_schemas_is_refused_not_replaced(
    monkeypatch, tmp_path
):
    (tmp_path / NDAP_METADATA).write_bytes(
        (SHIPPED_NDAP_DIR / NDAP_METADATA).read_bytes()
    )
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(ArchiveError) as raised:
        ArchiveSchemas()
    assert raised.value.msgid == "archive_schemas_missing"
    assert raised.value.mapping == {
        "name": NDAP_HANDOVER_LIST,
        "directory": str(tmp_path),
    }


def _minimal_metadata():
    """A ``dokument`` without its required elements: the schema must reject it."""
    from lxml import etree

    return etree.fromstring(
        b'<dokument xmlns="http://www.mswia.gov.pl/standardy/ndap"><tytul/></dokument>'
    )
