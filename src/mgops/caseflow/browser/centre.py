"""The centre's face: its name, address, REGON and logo on every page, and its
accessibility statement (Act of 4 April 2019 on digital accessibility of the
websites and mobile applications of public bodies, art. 10)."""

from urllib.parse import quote

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.formwidget.namedfile.converter import b64decode_file
from plone.namedfile.browser import Download
from plone.namedfile.file import NamedImage
from Products.Five.browser import BrowserView
from zExceptions import NotFound

from mgops.caseflow.settings import setting


#: the statement's page, linked from the footer of every page
STATEMENT_VIEW = "deklaracja-dostepnosci"
LOGO_VIEW = "logo-osrodka"


def centre_logo() -> tuple[str, bytes] | None:
    """(file name, data) of the centre's logo, or None when none is set."""
    value = setting("centre_logo")
    return b64decode_file(value) if value else None


def centre() -> dict:
    """The centre as the header, footer and letterhead show it."""
    portal_url = api.portal.get().absolute_url()
    logo = centre_logo()
    return {
        "name": setting("centre_name"),
        "address": setting("centre_address"),
        "regon": setting("archive_institution_regon"),
        "logo": f"{portal_url}/@@{LOGO_VIEW}/{quote(logo[0])}" if logo else None,
        "home": portal_url,
        "statement": f"{portal_url}/@@{STATEMENT_VIEW}",
    }


class CentreLogo(Download):
    """The logo from the settings, as Plone's @@site-logo serves its own."""

    #: an SVG opened on its own runs no script in the site's origin
    HEADERS = {"Content-Security-Policy": "sandbox"}

    def publishTraverse(self, request, name):
        if self.filename is not None:
            raise NotFound(self, name, request)
        self.filename = name
        return self

    def _getFile(self):
        logo = centre_logo()
        if logo is None:
            raise NotFound(self, LOGO_VIEW, self.request)
        filename, data = logo
        return NamedImage(data=data, filename=filename)

    def get_canonical(self, file):
        return f"{self.context.absolute_url()}/@@{LOGO_VIEW}/{quote(file.filename)}"

    def __call__(self):
        for name, value in self.HEADERS.items():
            self.request.response.setHeader(name, value)
        return super().__call__()


class CentreViewlet(ViewletBase):
    """Header, footer and letterhead: each shows ``view/centre``."""

    def update(self):
        super().update()
        self.centre = centre()


def statement_blocks(text: str) -> list[dict]:
    """The statement's text as headings (lines starting with ##) and paragraphs
    (separated by an empty line); plain text, escaped by the template."""
    blocks, paragraph = [], []

    def close():
        if paragraph:
            blocks.append({"heading": False, "text": " ".join(paragraph)})
            paragraph.clear()

    for line in text.splitlines():
        line = line.strip()
        if line.startswith("##"):
            close()
            blocks.append({"heading": True, "text": line.lstrip("#").strip()})
        elif line:
            paragraph.append(line)
        else:
            close()
    close()
    return blocks


class AccessibilityStatementView(BrowserView):
    """@@deklaracja-dostepnosci: open to everyone, as the Act wants it found."""

    def centre(self):
        return centre()

    def blocks(self):
        return statement_blocks(setting("accessibility_statement"))
