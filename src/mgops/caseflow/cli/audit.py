"""``caseflow-audit verify [--log DIR] [--zope-conf FILE]``: check the audit trail.

Without ``--zope-conf`` it checks each file's own hash chain: an entry changed,
removed or inserted in the middle. That cannot show the last lines cut off, a
whole file deleted, or a file rewritten with recomputed hashes — whoever can
edit the file can do that — so with ``--zope-conf`` it also reads each
instance's anchor from the database (``audit.anchor``: the chain head kept in
the same transaction as the entries) and checks every file against it, and
reports an anchored instance whose file is gone, a file with no anchor, and
the breaks the instances themselves found and recorded when writing.

Why read the anchor from the database rather than from an exported file: an
exported anchor would lie beside the log, in reach of the same OS user; the
database is not (RelStorage on another host, or at least another owner), and
the FileStorage is opened read-only, so this works while the instance runs.

Exit status 0 when every chain holds, 1 when one is broken (the first broken
entry of each file is named: file, line, reason), 2 when there is no log.
"""

import argparse
import os
import sys
from pathlib import Path

from mgops.caseflow.audit.config import DIR_VARIABLE
from mgops.caseflow.core.audit.chain import verify


def database_view(zope_conf: Path):
    """(anchor states, the audit directory zope.conf names) — read-only."""
    from App.config import getConfiguration
    from App.config import setConfiguration
    from Zope2.Startup.options import ZopeWSGIOptions

    from mgops.caseflow.audit import anchor
    from mgops.caseflow.audit.config import audit_dir

    configuration = ZopeWSGIOptions(configfile=str(zope_conf))().configroot
    previous = getConfiguration()
    setConfiguration(configuration)
    try:
        directory = audit_dir()
    finally:
        setConfiguration(previous)
    (main,) = [db for db in configuration.databases if db.name == "main"] or [
        configuration.databases[0]
    ]
    storage_factory = main.config.storage
    storage_factory.config.read_only = True
    from ZODB import DB

    db = DB(storage_factory.open())
    try:
        connection = db.open()
        try:
            return anchor.states(connection), directory
        finally:
            connection.close()
    finally:
        db.close()


def _print(report) -> bool:
    """Print one file's report; whether it is broken."""
    broken = not report.intact
    if report.broken is None:
        anchored = ", zgodny z kotwicą w bazie danych" if report.anchored else ""
        if not report.recorded:
            print(
                f"OK {report.path}: {report.entries} wpisów, łańcuch "
                f"nienaruszony{anchored}."
            )
    else:
        print(
            f"NARUSZONY {report.broken.path}, wiersz {report.broken.line}: "
            f"{report.broken.reason} (poprawnych wpisów przed nim: "
            f"{report.entries})."
        )
    for recorded in report.recorded:
        print(
            f"NARUSZONY {report.path}: {recorded.get('reason')} "
            f"(wykryte przy zapisie {recorded.get('time')})."
        )
    for found in report.unanchored:
        txns = ", ".join(found.get("txns") or ()) or "—"
        why = (
            "sprzed kotwicy"
            if found.get("before")
            else "transakcja nie została zatwierdzona (awaria przed zatwierdzeniem)"
        )
        print(
            f"UWAGA {report.path}: wpisy {found.get('from')}–{found.get('to')} "
            f"bez kotwicy: {why}; transakcje: {txns}."
        )
    return broken


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="caseflow-audit", description="Dziennik zdarzeń (audyt) akt rodzin."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "verify", help="sprawdź łańcuch skrótów każdego pliku dziennika"
    )
    check.add_argument(
        "--log",
        type=Path,
        default=os.environ.get(DIR_VARIABLE),
        help=f"katalog dziennika (domyślnie ${DIR_VARIABLE} albo ten z zope.conf)",
    )
    check.add_argument(
        "--zope-conf",
        type=Path,
        help="zope.conf instancji: sprawdź też kotwice w bazie danych "
        "(obcięcie, usunięcie, przepisanie pliku)",
    )
    args = parser.parse_args(argv)
    anchors = None
    if args.zope_conf is not None:
        anchors, directory = database_view(args.zope_conf)
        args.log = args.log or directory
    if args.log is None:
        parser.error(f"podaj --log DIR, --zope-conf albo ustaw {DIR_VARIABLE}")
    reports = verify(args.log, anchors)
    if not reports:
        print(f"Brak plików dziennika w {args.log}.", file=sys.stderr)
        return 2
    if anchors is None:
        print(
            "Bez --zope-conf kotwice nie są sprawdzane: obcięcia końca, usunięcia "
            "ani przepisania całego pliku nie widać.",
            file=sys.stderr,
        )
    broken = [_print(report) for report in reports]
    return 1 if any(broken) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
