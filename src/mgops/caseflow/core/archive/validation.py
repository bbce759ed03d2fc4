"""The schemas every XML of a package is checked against, before it is written
and before it is read.

The project's own schemas ship inside this Python package (``schemas/``) and
inside every archival package. So do the state archives' NDAP schemas
(``schemas/ndap/``, their source in ``SOURCE.md`` there), so that an add-on
installed with pip exports without any folder beside it; a deployment may
still name another folder (``ndap_dir``, or the environment variable
``MGOPS_CASEFLOW_NDAP_SCHEMAS``). The reader always validates against these
trusted copies, never against the XSDs a package brings along.
"""

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.layout import SCHEMAS_DIR


NAMESPACE = "urn:mgops:caseflow:archive:1"
NDAP_NAMESPACE = "http://www.mswia.gov.pl/standardy/ndap"
NDAP_DIR_VARIABLE = "MGOPS_CASEFLOW_NDAP_SCHEMAS"

OWN_SCHEMA_DIR = Path(__file__).parent / "schemas"
#: the NDAP schemas shipped with the add-on, used unless a folder is named
SHIPPED_NDAP_DIR = OWN_SCHEMA_DIR / "ndap"
OWN_SCHEMA_FILES = (
    "caseflow-common.xsd",
    "caseflow-document.xsd",
    "caseflow-case.xsd",
    "caseflow-manifest.xsd",
)
NDAP_METADATA = "metadane.xsd"
NDAP_HANDOVER_LIST = "spis-zdawczo-odbiorczy.xsd"

DOCUMENT = "caseflow-document.xsd"
CASE = "caseflow-case.xsd"
MANIFEST = "caseflow-manifest.xsd"


@dataclass(frozen=True)
class SchemaFile:
    """An XSD to ship in the package: where it goes and where it comes from."""

    package_path: str
    source: Path


class ArchiveSchemas:
    """The compiled schemas, one set per thread.

    lxml schema objects keep the error log of their last validation, so a
    set is not shared between the threads of a Zope instance.
    """

    def __init__(self, ndap_dir: Path | str | None = None):
        self.ndap_dir = Path(
            ndap_dir or os.environ.get(NDAP_DIR_VARIABLE) or SHIPPED_NDAP_DIR
        )
        for name in (NDAP_METADATA, NDAP_HANDOVER_LIST):
            if not (self.ndap_dir / name).is_file():
                raise ArchiveError(
                    "archive_schemas_missing", name=name, directory=self.ndap_dir
                )
        self._local = threading.local()

    def files(self) -> Iterator[SchemaFile]:
        """The XSDs shipped in every package, in a fixed order."""
        for name in OWN_SCHEMA_FILES:
            yield SchemaFile(f"{SCHEMAS_DIR}/{name}", OWN_SCHEMA_DIR / name)
        for name in (NDAP_METADATA, NDAP_HANDOVER_LIST):
            yield SchemaFile(f"{SCHEMAS_DIR}/ndap/{name}", self.ndap_dir / name)

    def get(self, name: str) -> etree.XMLSchema:
        """The compiled schema of that file name (own or NDAP)."""
        compiled = self._local.__dict__.setdefault("compiled", {})
        if name not in compiled:
            folder = OWN_SCHEMA_DIR if name in OWN_SCHEMA_FILES else self.ndap_dir
            parser = etree.XMLParser(no_network=True, resolve_entities=False)
            compiled[name] = etree.XMLSchema(etree.parse(str(folder / name), parser))
        return compiled[name]

    def validate(self, name: str, tree, *, path: str) -> None:
        """Raise ``archive_invalid_xml`` unless ``tree`` conforms to schema ``name``."""
        schema = self.get(name)
        if not schema.validate(tree):
            error = schema.error_log.last_error
            raise ArchiveError(
                "archive_invalid_xml",
                path=path,
                schema=name,
                detail=f"line {error.line}: {error.message}" if error else "",
            )
