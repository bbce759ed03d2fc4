"""Hostile XML is refused before anything reads its content."""

import io

import pytest
from lxml import etree

from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive.safe_xml import iter_validated
from mgops.caseflow.core.archive.safe_xml import parse_bytes


HOSTILE = {
    "internal-entity": b'<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>',
    "billion-laughs": (
        b'<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;">'
        b'<!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">]><a>&l3;</a>'
    ),
    "external-file": b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>',
    "external-url": b'<!DOCTYPE a [<!ENTITY e SYSTEM "http://example.invalid/x">]><a>&e;</a>',
    "parameter-entity": (
        b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><a/>'
    ),
    "external-dtd": b'<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>',
    "bare-doctype": b"<!DOCTYPE a><a/>",
    "undefined-entity": b"<!DOCTYPE a><a>&nope;</a>",
}


@pytest.mark.parametrize("data", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_doctype_or_entity_is_refused(data):
    with pytest.raises(ArchiveError) as raised:
        parse_bytes(data, path="x.xml")
    assert (raised.value.msgid, raised.value.mapping) == (
        "archive_hostile_xml",
        {"path": "x.xml"},
    )
    assert "root:" not in str(raised.value)


def test_plain_xml_is_parsed():
    tree = parse_bytes("<a>zażółć &amp; &#13;</a>".encode(), path="x.xml")
    assert tree.getroot().text == "zażółć & \r"


def test_malformed_xml_is_refused():
    with pytest.raises(ArchiveError) as raised:
        parse_bytes(b"<a><b></a>", path="x.xml")
    assert raised.value.msgid == "archive_malformed_xml"


def test_xml_over_the_limit_is_refused_before_parsing():
    with pytest.raises(ArchiveError) as raised:
        parse_bytes(b"<a>" + b" " * 100 + b"</a>", path="x.xml", max_bytes=50)
    assert (raised.value.msgid, raised.value.mapping) == (
        "archive_xml_too_large",
        {"path": "x.xml", "limit": "50"},
    )


SCHEMA = etree.XMLSchema(
    etree.fromstring(
        b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        b'<xs:element name="list"><xs:complexType><xs:sequence>'
        b'<xs:element name="item" type="xs:integer" maxOccurs="unbounded"/>'
        b"</xs:sequence></xs:complexType></xs:element></xs:schema>"
    )
)


def _items(data: bytes) -> list[str]:
    return [
        element.text
        for element in iter_validated(
            io.BytesIO(data),
            path="list.xml",
            schema=SCHEMA,
            schema_name="t",
            tag="item",
        )
    ]


def test_a_stream_is_validated_while_it_is_read():
    assert _items(b"<list><item>1</item><item>2</item></list>") == ["1", "2"]
    with pytest.raises(ArchiveError) as raised:
        _items(b"<list><item>1</item><item>x</item></list>")
    assert raised.value.msgid == "archive_invalid_xml"


@pytest.mark.parametrize("data", list(HOSTILE.values())[:4], ids=list(HOSTILE)[:4])
def test_a_stream_with_a_doctype_is_refused(data):
    data = data.replace(b"<a", b"<list").replace(b"</a>", b"</list>")
    with pytest.raises(ArchiveError) as raised:
        _items(data)
    assert raised.value.msgid in ("archive_hostile_xml", "archive_invalid_xml")
