"""The one parser for XML that comes from outside (uploads, imports).

DTDs are the door for entity bombs, external entities (local files, network) and
external DTD fetches, and none of our documents needs one, so any DOCTYPE is
refused. A first streaming pass stops at the DOCTYPE itself, before a single entity
declaration is read; the tree is built only afterwards, by a parser that is told
never to load, resolve or fetch anything anyway. Processing instructions are
refused too: our documents carry none and a stylesheet link has no place in a
record.
"""

from lxml import etree

from mgops.caseflow.core.signing.errors import UnsafeXmlError


DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class _RefuseDeclarations:
    """Parser target of the first pass: stops at a DOCTYPE or processing instruction."""

    def doctype(self, name, public_id, system_url):
        raise UnsafeXmlError(
            "xml_doctype_forbidden",
            "The file contains a document type declaration (DOCTYPE); "
            "DTDs and entities are not accepted.",
        )

    def pi(self, target, data):
        raise UnsafeXmlError(
            "xml_processing_instruction_forbidden",
            "The file contains processing instructions, which are not accepted.",
        )

    def close(self):
        return None


def _parser(target=None) -> etree.XMLParser:
    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,
    )


def parse_untrusted(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse ``data`` and return its root element, or raise ``UnsafeXmlError``."""
    if len(data) > max_bytes:
        raise UnsafeXmlError(
            "xml_too_large",
            "The file is larger than ${limit} MB.",
            limit=f"{max_bytes / (1024 * 1024):g}",
        )
    try:
        etree.fromstring(data, parser=_parser(target=_RefuseDeclarations()))
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise UnsafeXmlError(
            "xml_malformed",
            "The file is not well-formed XML (error near line ${line}).",
            line=error.lineno or 1,
        ) from None
