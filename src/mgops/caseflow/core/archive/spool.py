"""Long XML lists written entry by entry to a temporary file.

The manifest and the handover list grow with the number of family files and
can only be finished when the last file is written. Keeping them in memory
would make memory grow with the export, so they are spooled to disk as they
go and copied into the package at the end.
"""

import tempfile
from collections.abc import Iterable
from contextlib import ExitStack
from typing import BinaryIO

from lxml import etree


class XmlSpool:
    """An XML document with one root, whose flat entries are appended one by one."""

    def __init__(self, root_tag: str, nsmap: dict, attributes: dict | None = None):
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (outlives __init__)
        self._stack = ExitStack()
        self._xml = self._stack.enter_context(
            etree.xmlfile(self._file, encoding="UTF-8")
        )
        self._xml.write_declaration()
        self._stack.enter_context(
            self._xml.element(root_tag, attributes or {}, nsmap=nsmap)
        )
        self._xml.write("\n")

    def entry(
        self,
        tag: str,
        attributes: dict | None = None,
        *,
        text: str | None = None,
        children: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Append ``<tag attributes>text</tag>`` or an entry with text-only children."""
        xml = self._xml
        xml.write("  ")
        with xml.element(tag, attributes or {}):
            if text is not None:
                xml.write(text)
            wrote_children = False
            for child_tag, child_text in children:
                xml.write("\n    ")
                with xml.element(child_tag):
                    xml.write(child_text)
                wrote_children = True
            if wrote_children:
                xml.write("\n  ")
        xml.write("\n")

    def finish(self) -> BinaryIO:
        """Close the root element; the file, rewound, stays open for reading."""
        self._stack.close()
        self._file.flush()
        self._file.seek(0)
        return self._file

    def discard(self) -> None:
        """Drop the spool without finishing it (the export failed)."""
        self._stack.pop_all()
        self._file.close()
