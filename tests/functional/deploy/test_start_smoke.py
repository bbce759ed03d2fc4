"""`make start` smoke test: configuration, site with demo data, a real server, REST.

No test layer: like ``make start`` it runs the console scripts in a temporary
directory (``caseflow-instance``, ``caseflow-demo``, ``runwsgi``) and talks HTTP to
the server they start, which is always stopped at the end.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from mgops.caseflow.cli.site import I18N_ENVIRONMENT
from mgops.caseflow.demo.data import FAMILIES
from mgops.caseflow.demo.data import HEAD


BIN = Path(sys.executable).parent
SITE_ID = "Plone"
SETUP_TIMEOUT = 300  # creating the site and the demo data, on a slow machine
START_TIMEOUT = 90  # the server answering the REST API
STOP_TIMEOUT = 20


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def _script(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}")
    return str(path)


def _environment() -> dict:
    return {**os.environ, **I18N_ENVIRONMENT}


def _run(*command, cwd, timeout=SETUP_TIMEOUT) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command,
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"{result.stdout}\n{result.stderr}"
    )
    return result


def _stop(server: subprocess.Popen):
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=STOP_TIMEOUT)


def _wait_for_api(url: str, auth, server: subprocess.Popen, log: Path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runwsgi exited {server.returncode}:\n{log.read_text()}")
        try:
            response = requests.get(
                url, headers={"Accept": "application/json"}, auth=auth, timeout=5
            )
        except requests.ConnectionError:
            time.sleep(0.5)
            continue
        if response.status_code == 200:
            return response
        time.sleep(0.5)
    pytest.fail(f"no 200 from {url} within {START_TIMEOUT} s:\n{log.read_text()}")


def test_make_start_serves_the_site_with_demo_data(tmp_path):
    port = _free_port()
    instance, var = tmp_path / "instance", tmp_path / "var"
    zope_conf = instance / "etc" / "zope.conf"
    configure = (
        _script("caseflow-instance"),
        "--target",
        str(instance),
        "--var",
        str(var),
        "--host",
        "localhost",
        "--port",
        str(port),
    )
    demo = (
        _script("caseflow-demo"),
        "--zope-conf",
        str(zope_conf),
        "--site-id",
        SITE_ID,
    )

    _run(*configure, cwd=tmp_path)
    assert f"port = {port}" in (instance / "etc" / "zope.ini").read_text()
    first = _run(*demo, cwd=tmp_path)
    assert (var / "filestorage" / "Data.fs").exists()
    for family in FAMILIES:
        assert family.family_name in first.stdout

    log = tmp_path / "runwsgi.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            (_script("runwsgi"), str(instance / "etc" / "zope.ini")),
            cwd=tmp_path,
            env=_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
    try:
        base = f"http://localhost:{port}/{SITE_ID}/++api++"
        auth = (HEAD.user_id, HEAD.password)
        response = _wait_for_api(base, auth, server, log)
        ids = [
            item["@id"].rstrip("/").rsplit("/", 1)[-1]
            for item in response.json()["items"]
        ]
        assert "akta" in ids
        # The head sees every family file of the demo.
        akta = requests.get(
            f"{base}/akta",
            headers={"Accept": "application/json"},
            auth=auth,
            timeout=10,
        )
        assert akta.status_code == 200
        assert akta.json()["items_total"] == len(FAMILIES)
    finally:
        _stop(server)

    # A second `make start` rewrites the configuration and reuses site and data.
    data_size = (var / "filestorage" / "Data.fs").stat().st_size
    _run(*configure, cwd=tmp_path)
    second = _run(*demo, cwd=tmp_path)
    assert "already" in second.stdout
    assert f"({len(FAMILIES)} akt" in second.stdout
    assert (var / "filestorage" / "Data.fs").stat().st_size == data_size
