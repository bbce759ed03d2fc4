"""An office at work, for locust (``bench/run.py`` runs it; issue 19).

    locust -f bench/office.py --headless -u 12 -r 12 -t 60s --host http://127.0.0.1:PORT

Simulated staff on the generated site, without think time (the figure is how
much one or two instances serve): assistants write control-visit notes into
their own families' files and finalize them, open a file's page and their
"Terminy"; social workers open family files and read notes; the head reads
"Terminy" and "Moje sprawy" and signs decisions (created and submitted first,
as an assistant's proposal reaches the head). Each request is named by what
it is, so the statistics read as the office's operations; writes are POSTs,
reads GETs (the read throughput counts GETs).

Set by ``bench/run.py`` through the environment: ``BENCH_FILES`` (how many
generated files to use), ``BENCH_YEAR`` (the year in their references).
"""

import base64
import itertools
import os
from urllib.parse import urlparse

from locust import FastHttpUser
from locust import constant
from locust import task


SITE = "/Plone"
FILES = int(os.environ.get("BENCH_FILES", "40"))
YEAR = os.environ.get("BENCH_YEAR", "2026")
PASSWORD = "demo-podpis"
#: the generator gives file n to ASSISTANTS[n % 2] and SOCIAL_WORKERS[n % 2]
ASSISTANT, SOCIAL_WORKER = ("kwojcik", 0), ("akowalczyk", 0)
HEAD = "mwisniewska"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
HTML = {"Accept": "text/html"}
_numbers = itertools.count()


def _basic(user):
    token = base64.b64encode(f"{user}:demo-{user}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _site_path(url):
    """``/Plone/…`` of an ``@id`` (with or without ``++api++``)."""
    return urlparse(url).path.replace("/++api++", "")


def _file(n):
    return f"{SITE}/akta/ar-4010-{1000 + n}-{YEAR}"


class Staff(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    user = None
    parity = 0

    def on_start(self):
        self.auth = _basic(self.user)
        self.files = [_file(n) for n in range(self.parity, FILES, 2)]
        self.turn = itertools.cycle(self.files)

    def api(self, method, path, name, **kw):
        headers = {**JSON, **self.auth}
        return self.client.request(
            method,
            f"{SITE}/++api++{path[len(SITE) :]}",
            name=name,
            headers=headers,
            **kw,
        )

    def page(self, path, name):
        return self.client.get(path, name=name, headers={**HTML, **self.auth})


class Assistant(Staff):
    weight = 3
    user = ASSISTANT[0]
    parity = ASSISTANT[1]

    @task(3)
    def write_a_note(self):
        response = self.api(
            "POST",
            next(self.turn),
            "POST note (assistant)",
            json={
                "@type": "Note",
                "title": f"Wizyta {next(_numbers)}",
                "kind": "control_visit",
                "content": "Wizyta kontrolna: rodzina współpracuje.",
            },
        )
        if response.status_code == 201:
            note = _site_path(response.json()["@id"])
            self.api("POST", f"{note}/@workflow/finalize", "POST finalize note")

    @task(3)
    def open_a_file(self):
        self.page(next(self.turn), "GET family file page")

    @task(1)
    def my_deadlines(self):
        self.page(f"{SITE}/@@terminy", "GET Terminy (assistant)")


class SocialWorker(Staff):
    weight = 2
    user = SOCIAL_WORKER[0]
    parity = SOCIAL_WORKER[1]

    @task(2)
    def open_a_file(self):
        self.page(next(self.turn), "GET family file page")

    @task(2)
    def read_a_note(self):
        self.api("GET", f"{next(self.turn)}/notatka-3", "GET note (REST)")


class Head(Staff):
    weight = 1
    user = HEAD
    parity = 0

    def on_start(self):
        super().on_start()
        self.files = [_file(n) for n in range(FILES)]
        self.turn = itertools.cycle(self.files)

    @task(3)
    def deadlines(self):
        self.page(f"{SITE}/@@terminy", "GET Terminy (head)")

    @task(1)
    def my_cases(self):
        self.page(f"{SITE}/@@moje-sprawy", "GET Moje sprawy (head)")

    @task(1)
    def sign_a_decision(self):
        response = self.api(
            "POST",
            next(self.turn),
            "POST decision (head)",
            json={
                "@type": "Decision",
                "title": f"Decyzja {next(_numbers)}",
                "kind": "other",
                "content": "Decyzja w sprawie pracy z rodziną.",
                "justification": "Wniosek rodziny.",
            },
        )
        if response.status_code != 201:
            return
        decision = _site_path(response.json()["@id"])
        self.api("POST", f"{decision}/@workflow/submit", "POST submit decision")
        self.api("POST", f"{decision}/@sign", "POST @sign", json={"password": PASSWORD})
