"""Scale-out: a private PostgreSQL server and Zope instances on RelStorage.

Everything runs in subprocesses on 127.0.0.1, started here and always stopped
here: PostgreSQL (Debian binaries, as the ``postgres`` user when we are root),
``caseflow-demo`` to create the site on RelStorage, ``runwsgi`` per instance and
HAProxy in front of them. Skipped, with the reason, when PostgreSQL is missing
(``make test-scaleout`` and ``make test`` install it with ``system-deps``).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from mgops.caseflow.cli.site import I18N_ENVIRONMENT
from mgops.caseflow.deploy.cluster import Cluster
from mgops.caseflow.deploy.cluster import write_cluster
from mgops.caseflow.deploy.pgserver import PostgresServer
from mgops.caseflow.deploy.pgserver import free_port
from mgops.caseflow.deploy.pgserver import postgres_bin


SITE_ID = "Plone"
SETUP_TIMEOUT = 600


def run_module(module: str, *args, timeout=SETUP_TIMEOUT, cwd=None):
    """``python -m module args`` with this interpreter; fails the test on error."""
    result = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        env={**os.environ, **I18N_ENVIRONMENT},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{module} {' '.join(map(str, args))} exited {result.returncode}\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


@pytest.fixture(scope="session")
def postgres():
    try:
        postgres_bin()
    except FileNotFoundError as missing:
        pytest.fail(f"{missing}: run make system-deps")
    # Not under pytest's tmp_path: the postgres user must reach the directory.
    root = Path(tempfile.mkdtemp(prefix="caseflow-pg-"))
    server = PostgresServer(root / "data")
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


class Api:
    """A ``requests`` session on one base URL (an instance or the balancer)."""

    def __init__(self, base: str, auth):
        self.base = base
        self.session = requests.Session()
        self.session.auth = auth
        self.session.headers.update(
            {"Accept": "application/json", "Content-Type": "application/json"}
        )

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base}/{path.lstrip('/')}"

    def get(self, path, **kwargs):
        return self.session.get(self.url(path), timeout=60, **kwargs)

    def post(self, path, **kwargs):
        return self.session.post(self.url(path), timeout=120, **kwargs)


@pytest.fixture(scope="session")
def cluster(postgres, tmp_path_factory):
    """Two instances on one RelStorage database with the demo site, and HAProxy."""
    postgres.create_database("scaleout")
    root = tmp_path_factory.mktemp("cluster")
    ports = [free_port(), free_port()]
    balancer = free_port() if shutil.which("haproxy") else None
    layout = write_cluster(
        root,
        postgres.dsn("scaleout"),
        ports,
        balancer_port=balancer,
        blob_dir=root / "blobstorage",
    )
    run_module(
        "mgops.caseflow.cli.demo",
        "--zope-conf",
        layout.zope_conf(0),
        "--site-id",
        SITE_ID,
        cwd=root,
    )
    with Cluster(layout) as running:
        yield running


@pytest.fixture(scope="session")
def instance_urls(cluster):
    return [
        f"http://127.0.0.1:{port}/{SITE_ID}/++api++" for port in cluster.layout.ports
    ]


@pytest.fixture(scope="session")
def balancer_url(cluster):
    if not cluster.layout.balancer_port:
        return None
    return f"http://127.0.0.1:{cluster.layout.balancer_port}/{SITE_ID}/++api++"
