"""``caseflow-postgres``: a private PostgreSQL server for RelStorage on one machine.

For the scale-out tests, the benchmarks and ``make start-cluster``: it runs the
Debian binaries (``/usr/lib/postgresql/<version>/bin``) on a data directory of its
own, listening only on 127.0.0.1 and a Unix socket inside the data directory,
with ``trust`` authentication for local connections only. Nothing is installed
as a system service and no system cluster is touched.

PostgreSQL refuses to run as root; when we are root (as in CI) every server
command runs as the ``postgres`` system user (``runuser -u postgres``), and the
data directory is made by, and belongs to, that user.

A production centre uses its own PostgreSQL (with passwords or certificates) and
only passes ``--dsn`` to ``caseflow-instance``; this module is not needed there.
"""

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path


DATABASE = "caseflow"
SUPERUSER = "postgres"
START_TIMEOUT = 60
STOP_TIMEOUT = 60


def postgres_bin() -> Path:
    """The newest Debian PostgreSQL ``bin`` directory (or PG_BIN)."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: (
            int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0
        ),
    )
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise FileNotFoundError(
        "PostgreSQL is not installed (Debian: apt-get install postgresql)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *command]
    return command


class PostgresServer:
    """One PostgreSQL server on ``data_dir`` and ``port`` (127.0.0.1 only)."""

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = Path(data_dir).resolve()
        self.port = port or free_port()
        self.bin = postgres_bin()

    # -- paths and addresses ------------------------------------------------

    @property
    def log(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}.log"

    def dsn(self, database: str = DATABASE) -> str:
        return f"dbname={database} host=127.0.0.1 port={self.port} user={SUPERUSER}"

    def _run(self, *command, timeout=120, check=True):
        return subprocess.run(
            _as_server_user([str(self.bin / command[0]), *map(str, command[1:])]),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )

    # -- life cycle ---------------------------------------------------------

    def _prepare_directory(self):
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(mode=0o700, exist_ok=True)
        if not self.log.exists():
            self.log.touch()
        if os.geteuid() == 0:
            user = pwd.getpwnam(SUPERUSER)
            for path in (self.data_dir, self.log):
                os.chown(path, user.pw_uid, user.pw_gid)
            # the server user must be able to reach the data directory
            parent = self.data_dir.parent
            parent.chmod(parent.stat().st_mode | 0o711)

    def initdb(self):
        """Create the cluster unless it exists (idempotent)."""
        if (self.data_dir / "PG_VERSION").exists():
            return False
        self._prepare_directory()
        self._run(
            "initdb",
            "-D",
            self.data_dir,
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# caseflow-postgres: private server, loopback only\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.data_dir}'\n"
                "max_connections = 200\n"
                "fsync = on\n"
            )
        with (self.data_dir / "pg_hba.conf").open("w") as hba:
            hba.write("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        return True

    def is_running(self) -> bool:
        result = self._run("pg_ctl", "status", "-D", self.data_dir, check=False)
        return result.returncode == 0

    def start(self):
        self.initdb()
        if self.is_running():
            return
        result = self._run(
            "pg_ctl",
            "start",
            "-D",
            self.data_dir,
            "-l",
            self.log,
            "-w",
            "-t",
            START_TIMEOUT,
            "-o",
            f"-p {self.port}",
            check=False,
            timeout=START_TIMEOUT + 10,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"PostgreSQL did not start: {result.stderr}\n{self.log.read_text()}"
            )

    def _client(self, tool: str, *arguments):
        """A PostgreSQL client tool, connected to this server as the superuser."""
        return self._run(
            tool, "-h", "127.0.0.1", "-p", self.port, "-U", SUPERUSER, *arguments
        )

    def create_database(self, database: str = DATABASE) -> bool:
        """Create ``database`` unless it exists; True when created."""
        exists = self.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{database}'", "postgres"
        )
        if exists.strip() == "1":
            return False
        self._client("createdb", database)
        return True

    def drop_database(self, database: str = DATABASE):
        self._client("dropdb", "--if-exists", database)

    def psql(self, sql: str, database: str = DATABASE) -> str:
        return self._client("psql", "-d", database, "-tAc", sql).stdout

    def stop(self):
        if not (self.data_dir / "PG_VERSION").exists() or not self.is_running():
            return
        self._run(
            "pg_ctl",
            "stop",
            "-D",
            self.data_dir,
            "-m",
            "fast",
            "-w",
            "-t",
            STOP_TIMEOUT,
            timeout=STOP_TIMEOUT + 10,
        )

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def wait_for_port(host: str, port: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex((host, port)) == 0:
                return True
        time.sleep(0.2)
    return False


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="caseflow-postgres",
        description="Prywatny serwer PostgreSQL dla RelStorage / a private "
        "PostgreSQL server for RelStorage (127.0.0.1 only).",
    )
    parser.add_argument("action", choices=("start", "stop", "status", "dsn"))
    parser.add_argument(
        "--data", default="var/postgres", help="data directory (default: var/postgres)"
    )
    parser.add_argument("--port", type=int, default=5433, help="default: 5433")
    parser.add_argument("--database", default=DATABASE, help="default: caseflow")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    server = PostgresServer(Path(args.data), args.port)
    if args.action == "start":
        server.start()
        server.create_database(args.database)
        print(server.dsn(args.database))
    elif args.action == "stop":
        server.stop()
    elif args.action == "status":
        running = server.is_running()
        print("running" if running else "stopped")
        return 0 if running else 3
    else:
        print(server.dsn(args.database))
    return 0


if __name__ == "__main__":
    sys.exit(main())
