"""A real instance in a temporary directory, as ``make start`` makes it.

The configuration and the demo site come from the project's own modules
(``python -m mgops.caseflow.deploy.instance`` / ``…cli.demo``), the server is
``runwsgi`` in its own process group on 127.0.0.1; ``stop`` and ``kill`` end it.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from mgops.caseflow.cli.site import I18N_ENVIRONMENT
from mgops.caseflow.demo.data import HEAD


BIN = Path(sys.executable).parent
SITE_ID = "Plone"
SRC = Path(__file__).resolve().parents[3] / "src"
SETUP_TIMEOUT = 300
START_TIMEOUT = 120
STOP_TIMEOUT = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment() -> dict:
    """The test's environment, less its audit directory: the instance keeps its own."""
    path = os.environ.get("PYTHONPATH")
    return {
        **{k: v for k, v in os.environ.items() if k != "CASEFLOW_AUDIT_DIR"},
        **I18N_ENVIRONMENT,
        "PYTHONPATH": f"{SRC}{os.pathsep}{path}" if path else str(SRC),
    }


def run(*command, cwd, timeout=SETUP_TIMEOUT) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


class Instance:
    def __init__(self, root: Path, threads: int = 4):
        self.root = root
        self.port = free_port()
        self.instance = root / "instance"
        self.var = root / "var"
        self.zope_conf = self.instance / "etc" / "zope.conf"
        self.server = None
        self.starts = 0
        run(
            sys.executable, "-m", "mgops.caseflow.deploy.instance",
            "--target", self.instance, "--var", self.var,
            "--host", "127.0.0.1", "--port", self.port, "--threads", threads,
            cwd=root,
        )  # fmt: skip
        run(
            sys.executable, "-m", "mgops.caseflow.cli.demo",
            "--zope-conf", self.zope_conf, "--site-id", SITE_ID,
            cwd=root,
        )  # fmt: skip

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/{SITE_ID}/++api++"

    def start(self):
        self.starts += 1
        self.log = self.root / f"runwsgi-{self.starts}.log"
        with self.log.open("w") as output:
            self.server = subprocess.Popen(
                (str(BIN / "runwsgi"), str(self.instance / "etc" / "zope.ini")),
                cwd=self.root,
                env=environment(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise AssertionError(
                    f"runwsgi exited {self.server.returncode}:\n{self.log.read_text()}"
                )
            try:
                response = requests.get(
                    self.api,
                    headers={"Accept": "application/json"},
                    auth=(HEAD.user_id, HEAD.password),
                    timeout=5,
                )
                if response.status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise AssertionError(
            f"no answer within {START_TIMEOUT} s:\n{self.log.read_text()}"
        )

    def kill(self):
        """SIGKILL: no shutdown, no commit, no closing of the database."""
        os.killpg(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=STOP_TIMEOUT)

    def stop(self):
        if self.server is None or self.server.poll() is not None:
            return
        os.killpg(self.server.pid, signal.SIGTERM)
        try:
            self.server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()

    def verify_audit(self) -> subprocess.CompletedProcess:
        """``caseflow-audit verify --zope-conf``: the trail against its anchors."""
        return run(
            sys.executable, "-m", "mgops.caseflow.cli.audit",
            "verify", "--zope-conf", self.zope_conf,
            cwd=self.root,
        )  # fmt: skip

    def inspect(self) -> dict:
        """What the database holds, read offline (the server must be stopped)."""
        result = run(
            sys.executable, Path(__file__).with_name("inspect_site.py"),
            self.zope_conf, SITE_ID,
            cwd=self.root,
        )  # fmt: skip
        line = next(
            line for line in result.stdout.splitlines() if line.startswith("REPORT ")
        )
        return json.loads(line[len("REPORT ") :])
