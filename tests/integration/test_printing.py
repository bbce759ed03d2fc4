"""The PDF renderer: A4, the package's fonts embedded, Polish text intact, and no
resource fetched from anywhere but the package."""

import subprocess
import threading
from http.server import BaseHTTPRequestHandler
from http.server import HTTPServer

import pytest

from mgops.caseflow.printing import render_pdf


def pdf_text(pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    return text.stdout, info.stdout, fonts.stdout


def test_polish_text_on_a4_with_embedded_fonts(tmp_path):
    pdf = render_pdf("<h1>Decyzja nr 7/2026</h1><p>Zażółć gęślą jaźń, Łódź</p>")
    text, info, fonts = pdf_text(pdf, tmp_path)
    assert "Decyzja nr 7/2026" in text
    assert "Zażółć gęślą jaźń, Łódź" in text
    assert "Strona 1 z 1" in text
    assert "595.276 x 841.89 pts (A4)" in info
    embedded = [line for line in fonts.splitlines() if "DejaVu" in line]
    assert embedded
    assert all(" yes yes yes " in line for line in embedded)


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    seen = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()


def test_no_resource_is_fetched_from_outside_the_package(listener, tmp_path):
    url, seen = listener
    html = (
        f'<link rel="stylesheet" href="{url}/style.css">'
        f'<img src="{url}/logo.png"><img src="file:///etc/passwd">'
        "<p>Protokół</p>"
    )
    text, _info, _fonts = pdf_text(render_pdf(html, base_url=url), tmp_path)
    assert "Protokół" in text
    assert seen == []
