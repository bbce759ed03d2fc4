"""Printed documents as PDF: HTML (the print views' own markup) rendered by WeasyPrint.

One renderer for every PDF the centre sends or keeps (decisions, contracts, plans,
assessments, protocols, reports), so they share the page size, the fonts and the
letterhead rules. The fonts ship in the package and are embedded in every PDF, so a
document prints the same on any machine, Polish characters included, whatever fonts
the server has.
"""

from pathlib import Path

import weasyprint


FONTS = Path(__file__).parent / "fonts"

# A4 with the margins of an office letter; DejaVu Sans covers the Polish alphabet.
# The document's own stylesheet comes after this one and may refine it.
PAGE_CSS = f"""
@font-face {{ font-family: "Caseflow Sans"; font-weight: normal;
  src: url("{(FONTS / "DejaVuSans.ttf").as_uri()}"); }}
@font-face {{ font-family: "Caseflow Sans"; font-weight: bold;
  src: url("{(FONTS / "DejaVuSans-Bold.ttf").as_uri()}"); }}
@page {{ size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-right {{ content: "Strona " counter(page) " z " counter(pages);
    font-family: "Caseflow Sans"; font-size: 8pt; }} }}
html {{ font-family: "Caseflow Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; }}
"""


def render_pdf(html: str, stylesheet: str = "", base_url: str | None = None) -> bytes:
    """The PDF of an HTML document, A4, with the package's fonts embedded.

    ``base_url`` resolves relative links and images; remote URLs are never fetched
    (the url fetcher serves only ``file:`` URLs of this package and ``data:`` URLs), so
    rendering a document cannot be made to reach the network or read server files.
    """
    stylesheets = [weasyprint.CSS(string=PAGE_CSS)]
    if stylesheet:
        stylesheets.append(weasyprint.CSS(string=stylesheet))
    document = weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=PackageOnly()
    )
    return document.write_pdf(stylesheets=stylesheets)


class PackageOnly(weasyprint.urls.URLFetcher):
    """WeasyPrint's fetcher, limited to this package's files and inline data."""

    PACKAGE = Path(__file__).parent.as_uri() + "/"

    def fetch(self, url, headers=None):
        if url.startswith("data:") or url.startswith(self.PACKAGE):
            return super().fetch(url, headers)
        raise ValueError(f"PDF rendering does not fetch {url!r}")
