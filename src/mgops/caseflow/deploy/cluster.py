"""``caseflow-cluster``: several Zope instances on one RelStorage database, behind
HAProxy's round-robin.

``write_cluster`` writes, under ``ROOT``, one instance per port
(``ROOT/instance-N/etc/zope.conf`` with the same PostgreSQL DSN and the same shared
blob directory, its own logs and audit trail in ``ROOT/var-N``, its own audit
anchor name, ``audit_name``) and ``ROOT/haproxy.cfg``, which
balances ``BALANCER_PORT`` round-robin over the instances with a health check on
each. ``Cluster`` starts them (``runwsgi`` per instance, then ``haproxy``) and
stops them; ``main`` does both and serves until Ctrl-C or SIGTERM.

No session affinity is needed: Plone keeps no state in the process (the login is
a cookie or Basic auth, the data is in PostgreSQL), and RelStorage polls for
other instances' commits at the start of each transaction.
Without HAProxy (``--no-balancer``), point any reverse proxy (nginx ``upstream``)
at the instances' ports.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from mgops.caseflow.cli.site import I18N_ENVIRONMENT
from mgops.caseflow.deploy.instance import write_instance
from mgops.caseflow.deploy.pgserver import wait_for_port


HOST = "127.0.0.1"
START_TIMEOUT = 120
STOP_TIMEOUT = 20

HAPROXY_CFG = """\
# Written by caseflow-cluster: re-running it rewrites this file.
global
    maxconn 512

defaults
    mode http
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    option forwardfor
    # a request that failed to connect goes to the next instance
    retries 2
    option redispatch

frontend caseflow
    bind {host}:{port}
    default_backend zope

backend zope
    balance roundrobin
    option httpchk GET /
{servers}
"""


@dataclass
class ClusterLayout:
    root: Path
    instances: list[Path]
    ports: list[int]
    balancer_port: int | None
    haproxy_cfg: Path | None
    blob_dir: Path
    logs: list[Path] = field(default_factory=list)

    def zope_conf(self, index: int = 0) -> Path:
        return self.instances[index] / "etc" / "zope.conf"


def write_haproxy_cfg(path: Path, host: str, port: int, ports: list[int]) -> Path:
    servers = "\n".join(
        f"    server instance{n} {host}:{p} check inter 2s"
        for n, p in enumerate(ports, 1)
    )
    path.write_text(
        HAPROXY_CFG.format(host=host, port=port, servers=servers), encoding="utf-8"
    )
    return path


def audit_name(n: int) -> str:
    """Instance ``n``'s audit trail name: the host's and its number.

    Each instance anchors its trail in the database under its name; named
    alike (by default after the host) they would share one anchor, which then
    holds whichever chain head was written last and proves neither file.
    """
    return f"{socket.gethostname() or 'zope'}-{n}"


def write_cluster(
    root: Path,
    dsn: str,
    ports: list[int],
    balancer_port: int | None = None,
    blob_dir: Path | None = None,
    host: str = HOST,
    threads: int = 4,
) -> ClusterLayout:
    root = Path(root).resolve()
    blob_dir = Path(blob_dir or root / "blobstorage").resolve()
    instances, logs = [], []
    for n, port in enumerate(ports, 1):
        instance, var = root / f"instance-{n}", root / f"var-{n}"
        write_instance(
            instance,
            var,
            host=host,
            port=port,
            db="relstorage",
            dsn=dsn,
            blob_dir=blob_dir,
            threads=threads,
            audit_name=audit_name(n),
        )
        instances.append(instance)
        logs.append(var / "log" / "runwsgi.log")
    cfg = None
    if balancer_port:
        cfg = write_haproxy_cfg(root / "haproxy.cfg", host, balancer_port, ports)
    return ClusterLayout(
        root, instances, list(ports), balancer_port, cfg, blob_dir, logs
    )


def _environment() -> dict:
    return {**os.environ, **I18N_ENVIRONMENT}


def _runwsgi() -> list[str]:
    script = Path(sys.executable).parent / "runwsgi"
    if script.exists():
        return [str(script)]
    return [
        sys.executable,
        "-c",
        "import sys; from Zope2.Startup.serve import main; sys.exit(main())",
    ]


class Cluster:
    """The running processes of a ``ClusterLayout``; a context manager."""

    def __init__(self, layout: ClusterLayout, host: str = HOST):
        self.layout = layout
        self.host = host
        self.processes: list[subprocess.Popen] = []

    def start(self, timeout: float = START_TIMEOUT):
        try:
            for instance, log in zip(
                self.layout.instances, self.layout.logs, strict=True
            ):
                log.parent.mkdir(parents=True, exist_ok=True)
                with log.open("a") as output:
                    self.processes.append(
                        subprocess.Popen(
                            [*_runwsgi(), str(instance / "etc" / "zope.ini")],
                            env=_environment(),
                            stdout=output,
                            stderr=subprocess.STDOUT,
                            start_new_session=True,
                        )
                    )
            for port, process, log in zip(
                self.layout.ports, self.processes, self.layout.logs, strict=True
            ):
                self._wait(port, process, log, timeout)
            if self.layout.haproxy_cfg:
                haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
                if not Path(haproxy).exists():
                    raise FileNotFoundError(
                        "haproxy is not installed (Debian: apt-get install haproxy); "
                        "use --no-balancer and your own proxy"
                    )
                log = self.layout.root / "haproxy.log"
                with log.open("a") as output:
                    self.processes.append(
                        subprocess.Popen(
                            [haproxy, "-db", "-f", str(self.layout.haproxy_cfg)],
                            stdout=output,
                            stderr=subprocess.STDOUT,
                            start_new_session=True,
                        )
                    )
                self._wait(self.layout.balancer_port, self.processes[-1], log, 30)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self, port, process, log, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"process for port {port} exited {process.returncode}:\n"
                    f"{log.read_text()[-4000:]}"
                )
            if wait_for_port(self.host, port, timeout=1):
                return
        raise TimeoutError(f"nothing listens on {self.host}:{port} after {timeout} s")

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT)
        self.processes = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="caseflow-cluster",
        description="Uruchamia kilka instancji Zope na jednej bazie RelStorage za "
        "HAProxy / start several Zope instances on one RelStorage database "
        "behind HAProxy (round-robin).",
    )
    parser.add_argument(
        "--dsn",
        default=os.environ.get("CASEFLOW_DSN"),
        help="PostgreSQL DSN (default: $CASEFLOW_DSN)",
    )
    parser.add_argument("--root", default="cluster", help="default: cluster")
    parser.add_argument("--instances", type=int, default=2, help="default: 2")
    parser.add_argument(
        "--base-port",
        type=int,
        default=8081,
        help="first instance's port; the others follow (default: 8081)",
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="HAProxy's port (default: 8080)"
    )
    parser.add_argument("--blob-dir", default=None, help="default: ROOT/blobstorage")
    parser.add_argument("--no-balancer", action="store_true", help="no HAProxy")
    parser.add_argument("--threads", type=int, default=4, help="per instance")
    parser.add_argument(
        "--write-only",
        action="store_true",
        help="only write the configuration (e.g. to create the site with "
        "caseflow-demo --zope-conf ROOT/instance-1/etc/zope.conf first)",
    )
    args = parser.parse_args(argv)
    if not args.dsn:
        parser.error("--dsn or $CASEFLOW_DSN is required")
    if args.instances < 1:
        parser.error("--instances must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    ports = [args.base_port + n for n in range(args.instances)]
    layout = write_cluster(
        Path(args.root),
        args.dsn,
        ports,
        balancer_port=None if args.no_balancer else args.port,
        blob_dir=Path(args.blob_dir) if args.blob_dir else None,
        threads=args.threads,
    )
    if args.write_only:
        for instance in layout.instances:
            print(f"Zapisano / written: {instance / 'etc'}")
        if layout.haproxy_cfg:
            print(f"Zapisano / written: {layout.haproxy_cfg}")
        return 0
    cluster = Cluster(layout)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        cluster.start()
        for port in ports:
            print(f"Instancja / instance: http://{HOST}:{port}")
        if layout.balancer_port:
            print(f"HAProxy (round-robin): http://{HOST}:{layout.balancer_port}")
        print("Ctrl-C zatrzymuje / stops everything")
        while not stopping and all(p.poll() is None for p in cluster.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
