"""``caseflow-backup``: back up and restore the database and its blobs.

FileStorage (``make start``)
    ``backup`` runs ZODB's ``repozo -B`` on ``VAR/filestorage/Data.fs`` (a full
    backup the first time or with ``--full``, an incremental one after that; it
    may run while the instance serves) and then copies ``VAR/blobstorage`` into
    ``BACKUPS/blobstorage``. repozo does not cover blobs (uploaded attachments,
    signed decision files, medical certificates): they live as files beside
    Data.fs. The copy comes *after* repozo, so it holds every blob the backed-up
    transactions refer to; blob files are never changed once written, so the copy
    only adds files, and one copy serves every backup point in ``BACKUPS``.

    ``restore`` (the instance stopped) runs ``repozo -R`` into
    ``VAR/filestorage/Data.fs`` — the newest backup, or the one at ``--date`` —
    and puts the blob copy back as ``VAR/blobstorage``. The Data.fs and blob
    directory that were there are moved aside (``*.before-restore-<time>``), never
    deleted.

RelStorage on PostgreSQL (``make start-cluster``, ``--dsn``)
    ``backup`` writes ``pg_dump --format=custom`` to ``BACKUPS/caseflow-<time>.dump``
    and copies the shared blob directory as above; ``restore`` runs
    ``pg_restore --clean --if-exists`` of the newest dump (or ``--dump``) into the
    database, with every instance stopped.
"""

import argparse
import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path


BLOBS = "blobstorage"
DSN_ENVIRONMENT = "CASEFLOW_DSN"
#: a backup or restore that takes longer than this is stopped and reported
TIMEOUT = 6 * 3600


def _stamp() -> str:
    return datetime.datetime.now().strftime("%Y%m%d-%H%M%S")


def _tool(name: str) -> str:
    """A tool next to this Python (the virtualenv's repozo), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name}: nie znaleziono / not found")
    return found


def _run(*command) -> None:
    subprocess.run(command, check=True, timeout=TIMEOUT)


def copy_blobs(source: Path, target: Path) -> int:
    """Copy the blob files ``target`` lacks; return how many were copied."""
    copied = 0
    if not source.is_dir():
        return copied
    for directory, _, files in os.walk(source):
        relative = Path(directory).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            destination = target / relative / name
            if name.endswith(".lock") or destination.exists():
                continue
            shutil.copy2(Path(directory) / name, destination)
            copied += 1
    return copied


def _move_aside(path: Path) -> Path | None:
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.before-restore-{_stamp()}")
    path.rename(aside)
    return aside


def backup_filestorage(var: Path, backups: Path, full: bool = False) -> None:
    data_fs = var / "filestorage" / "Data.fs"
    if not data_fs.exists():
        raise SystemExit(f"{data_fs}: brak bazy / no database")
    backups.mkdir(parents=True, exist_ok=True)
    command = [_tool("repozo"), "-B", "-z", "-r", str(backups), "-f", str(data_fs)]
    if full:
        command.append("-F")
    _run(*command)
    copied = copy_blobs(var / BLOBS, backups / BLOBS)
    print(f"Kopia / backup: {backups} (blobs copied: {copied})")


def restore_filestorage(var: Path, backups: Path, date: str | None = None) -> None:
    if not any(backups.glob("*.fs*")):
        raise SystemExit(f"{backups}: brak kopii / no backup")
    data_fs = var / "filestorage" / "Data.fs"
    data_fs.parent.mkdir(parents=True, exist_ok=True)
    restored = data_fs.with_name("Data.fs.restoring")
    command = [_tool("repozo"), "-R", "-r", str(backups), "-o", str(restored)]
    if date:
        command += ["-D", date]
    _run(*command)
    for suffix in ("", ".index", ".tmp", ".lock"):
        _move_aside(data_fs.with_name(data_fs.name + suffix))
    restored.rename(data_fs)
    _move_aside(var / BLOBS)
    copy_blobs(backups / BLOBS, var / BLOBS)
    print(f"Odtworzono / restored: {data_fs} and {var / BLOBS}")


def backup_postgresql(dsn: str, backups: Path, blob_dir: Path | None) -> None:
    backups.mkdir(parents=True, exist_ok=True)
    dump = backups / f"caseflow-{_stamp()}.dump"
    _run(_tool("pg_dump"), "--format=custom", "--file", str(dump), "--dbname", dsn)
    copied = copy_blobs(blob_dir, backups / BLOBS) if blob_dir else 0
    print(f"Kopia / backup: {dump} (blobs copied: {copied})")


def restore_postgresql(
    dsn: str, backups: Path, blob_dir: Path | None, dump: Path | None = None
) -> None:
    dump = dump or max(backups.glob("caseflow-*.dump"), default=None)
    if dump is None:
        raise SystemExit(f"{backups}: brak kopii / no backup")
    _run(_tool("pg_restore"), "--clean", "--if-exists", "--dbname", dsn, str(dump))
    if blob_dir:
        _move_aside(blob_dir)
        copy_blobs(backups / BLOBS, blob_dir)
    print(f"Odtworzono / restored: {dump}")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="caseflow-backup",
        description="Kopia zapasowa i odtwarzanie bazy z blobami / "
        "Back up and restore the database with its blobs.",
    )
    parser.add_argument("action", choices=("backup", "restore"))
    parser.add_argument(
        "--var", default="var", help="data directory (FileStorage; default: var)"
    )
    parser.add_argument(
        "--backups", default="backups", help="backup directory (default: backups)"
    )
    parser.add_argument(
        "--full", action="store_true", help="FileStorage: a full backup (repozo -F)"
    )
    parser.add_argument(
        "--date",
        default=None,
        help="FileStorage restore: the state at this time, "
        "yyyy-mm-dd[-hh[-mm[-ss]]] UTC (repozo -D; default: the newest)",
    )
    parser.add_argument(
        "--dsn",
        default=os.environ.get(DSN_ENVIRONMENT),
        help=f"PostgreSQL (RelStorage) instead of FileStorage (default: ${DSN_ENVIRONMENT})",
    )
    parser.add_argument(
        "--blob-dir", default=None, help="PostgreSQL: the shared blob directory"
    )
    parser.add_argument("--dump", default=None, help="PostgreSQL restore: this dump")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    backups = Path(args.backups).resolve()
    if args.dsn:
        blob_dir = Path(args.blob_dir).resolve() if args.blob_dir else None
        if args.action == "backup":
            backup_postgresql(args.dsn, backups, blob_dir)
        else:
            dump = Path(args.dump) if args.dump else None
            restore_postgresql(args.dsn, backups, blob_dir, dump)
        return 0
    var = Path(args.var).resolve()
    if args.action == "backup":
        backup_filestorage(var, backups, full=args.full)
    else:
        restore_filestorage(var, backups, args.date)
    return 0


if __name__ == "__main__":
    sys.exit(main())
