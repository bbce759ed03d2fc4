"""``caseflow-migrate``: copy a FileStorage site into RelStorage with ``zodbconvert``.

Writes a ``zodbconvert`` configuration — the instance's ``Data.fs`` and blob
directory as the source, RelStorage on PostgreSQL (history-free, shared blob
directory, as ``caseflow-instance --db relstorage`` writes it) as the destination —
and runs RelStorage's ``zodbconvert`` on it. Every object and every blob is
copied; the FileStorage is only read. The destination database must be empty
(``zodbconvert --clear`` is passed only with ``--clear``).

Stop the instance first (FileStorage is locked while it runs), then:

    caseflow-migrate --var var --dsn "dbname=caseflow host=… user=…" \\
        --blob-dir var/blobstorage-rs
    caseflow-instance --db relstorage --dsn "…" --blob-dir var/blobstorage-rs
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from mgops.caseflow.deploy.instance import DSN_ENVIRONMENT


ZODBCONVERT_CONF = """\
# Written by caseflow-migrate: FileStorage (source) -> RelStorage (destination)
%import relstorage
<filestorage source>
    path {data_fs}
    blob-dir {source_blobs}
    read-only true
</filestorage>
<relstorage destination>
    keep-history false
    blob-dir {blob_dir}
    shared-blob-dir true
    <postgresql>
        dsn {dsn}
    </postgresql>
</relstorage>
"""


def _conf(value) -> str:
    return str(value).replace("$", "$$")


def write_config(path: Path, var: Path, dsn: str, blob_dir: Path) -> Path:
    var = Path(var).resolve()
    Path(blob_dir).mkdir(parents=True, exist_ok=True)
    path.write_text(
        ZODBCONVERT_CONF.format(
            data_fs=_conf(var / "filestorage" / "Data.fs"),
            source_blobs=_conf(var / "blobstorage"),
            blob_dir=_conf(Path(blob_dir).resolve()),
            dsn=_conf(dsn),
        ),
        encoding="utf-8",
    )
    return path


def zodbconvert_command(config: Path, clear: bool = False) -> list[str]:
    script = Path(sys.executable).parent / "zodbconvert"
    command = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-m", "relstorage.zodbconvert"]
    )
    return [*command, *(["--clear"] if clear else []), str(config)]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="caseflow-migrate",
        description="Przenosi dane z FileStorage do RelStorage (zodbconvert) / "
        "copy a FileStorage site into RelStorage on PostgreSQL (zodbconvert).",
    )
    parser.add_argument("--var", default="var", help="the FileStorage instance's VAR")
    parser.add_argument(
        "--dsn",
        default=os.environ.get(DSN_ENVIRONMENT),
        help=f"PostgreSQL DSN of the destination (default: ${DSN_ENVIRONMENT})",
    )
    parser.add_argument(
        "--blob-dir",
        required=True,
        help="the shared blob directory the RelStorage instances will use",
    )
    parser.add_argument(
        "--config",
        default=None,
        help="where to write the zodbconvert configuration (default: "
        "VAR/zodbconvert.conf)",
    )
    parser.add_argument(
        "--clear", action="store_true", help="empty the destination first"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="only write the configuration"
    )
    args = parser.parse_args(argv)
    if not args.dsn:
        parser.error(f"--dsn or ${DSN_ENVIRONMENT} is required")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    var = Path(args.var)
    if not (var / "filestorage" / "Data.fs").is_file():
        print(f"Brak / missing: {var / 'filestorage' / 'Data.fs'}", file=sys.stderr)
        return 2
    config = write_config(
        Path(args.config or var / "zodbconvert.conf"), var, args.dsn, args.blob_dir
    )
    print(f"Zapisano / written: {config}")
    if args.dry_run:
        return 0
    return subprocess.run(
        zodbconvert_command(config, args.clear), check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
