"""``caseflow-audit verify [--log DIR]``: check the audit trail's hash chains.

Exit status 0 when every file's chain holds, 1 when one is broken (the first
broken entry of each file is named: file, line, reason), 2 when there is no log.
Needs no Zope: it reads the JSON-lines files only.
"""

import argparse
import os
import sys
from pathlib import Path

from mgops.caseflow.audit.config import DIR_VARIABLE
from mgops.caseflow.core.audit.chain import verify


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
        help=f"katalog dziennika (domyślnie ${DIR_VARIABLE})",
    )
    args = parser.parse_args(argv)
    if args.log is None:
        parser.error(f"podaj --log DIR albo ustaw {DIR_VARIABLE}")
    reports = verify(args.log)
    if not reports:
        print(f"Brak plików dziennika w {args.log}.", file=sys.stderr)
        return 2
    broken = False
    for report in reports:
        if report.broken is None:
            print(f"OK {report.path}: {report.entries} wpisów, łańcuch nienaruszony.")
        else:
            broken = True
            print(
                f"NARUSZONY {report.broken.path}, wiersz {report.broken.line}: "
                f"{report.broken.reason} (poprawnych wpisów przed nim: "
                f"{report.entries})."
            )
    return 1 if broken else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
