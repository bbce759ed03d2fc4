"""Every message id the UI templates name has a Polish translation (no browser)."""

import re
from pathlib import Path

import mgops.caseflow


PACKAGE = Path(mgops.caseflow.__file__).parent
TEMPLATES = PACKAGE / "browser" / "templates"
PO = PACKAGE / "locales" / "pl" / "LC_MESSAGES" / "mgops.caseflow.po"


def test_every_template_message_id_is_translated():
    text = PO.read_text(encoding="utf-8")
    translated = dict(re.findall(r'^msgid "(.*)"\nmsgstr "(.+)"$', text, flags=re.M))
    used = set()
    for template in TEMPLATES.glob("*.pt"):
        source = template.read_text(encoding="utf-8")
        used |= set(re.findall(r'i18n:translate="([^"]+)"', source))
        used |= set(re.findall(r'i18n:attributes="[\w-]+ ([^"]+)"', source))
    assert used
    assert sorted(used - set(translated)) == []
