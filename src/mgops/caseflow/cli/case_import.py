"""``caseflow-import-cases``: families already served, from a large sheet.

    caseflow-import-cases --zope-conf instance/etc/zope.conf sprawy.xlsx [--dry-run]
    caseflow-import-cases --template szablon.xlsx      (the template, no site)

Opens the site as ``caseflow-demo`` does (the instance must be stopped: the
FileStorage is locked while it serves) and acts as Zope's system user. The
sheet is checked whole first (the same checks as the page *Import spraw* and
``@import-cases``, with limits of size for a whole office's sheet); every
problem is printed by row and column and nothing is written. A clean sheet is
imported with a progress bar and committed once, all or nothing.
"""

import argparse
import logging
import sys
from pathlib import Path

from mgops.caseflow.cli.site import add_site_arguments
from mgops.caseflow.cli.site import enter_site
from mgops.caseflow.cli.site import opened_app
from mgops.caseflow.cli.site import prepare_environment


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="caseflow-import-cases",
        description="Import spraw z arkusza XLSX lub CSV / import the families "
        "already served from a sheet.",
    )
    add_site_arguments(parser)
    parser.add_argument("sheet", nargs="?", help="the sheet: .xlsx or .csv (UTF-8)")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="tylko sprawdź arkusz / only check the sheet, write nothing",
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        help="zapisz szablon / write the template (.xlsx or .csv) and stop",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show Zope's and Plone's log"
    )
    args = parser.parse_args(argv)
    if not args.template and not args.sheet:
        parser.error("the sheet (or --template FILE) is required")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.template:
        return _template(Path(args.template))
    prepare_environment()
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    data = Path(args.sheet).read_bytes()
    with opened_app(args.zope_conf) as app:
        import transaction

        site = enter_site(app, args.site_id)
        if site is None:
            print(f"Brak witryny / no site: /{args.site_id}", file=sys.stderr)
            return 2
        code = _run(site, data, Path(args.sheet).name, args.dry_run)
        if code == 0 and not args.dry_run:
            transaction.commit()
        else:
            transaction.abort()
        return code


def _template(path: Path) -> int:
    from mgops.caseflow.core.case_import.columns import template_csv
    from mgops.caseflow.core.case_import.columns import template_xlsx

    path.write_bytes(
        template_csv() if path.suffix.lower() == ".csv" else template_xlsx()
    )
    print(f"Zapisano / written: {path}")
    return 0


def _polish(error) -> str:
    from zope.i18n import translate

    from mgops.caseflow.messages import message_for

    return translate(message_for(error), target_language="pl")


def _run(site, data: bytes, filename: str, check_only: bool) -> int:
    from tqdm import tqdm

    from mgops.caseflow.archive.exports import registry_of
    from mgops.caseflow.case_import.importer import ImportHasProblems
    from mgops.caseflow.case_import.importer import dry_run
    from mgops.caseflow.case_import.importer import import_cases
    from mgops.caseflow.core.errors import CaseflowError

    try:
        if check_only:
            report = dry_run(data, filename, large=True)
            if report.problems:
                raise ImportHasProblems(report.problems)
            print(
                f"Arkusz poprawny / the sheet is clean: {len(report.families)} rodzin"
            )
            return 0
        with tqdm(unit="rodz.", file=sys.stderr) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(1)

            created = import_cases(
                data, filename, registry_of(site), progress=progress, large=True
            )
    except ImportHasProblems as refused:
        for problem in refused.problems:
            print(
                f"wiersz {problem.row}, kolumna „{problem.column}”: "
                f"{_polish(problem.error)}",
                file=sys.stderr,
            )
        print(_polish(refused), file=sys.stderr)
        return 1
    except CaseflowError as error:
        print(f"Odmowa / refused: {_polish(error)}", file=sys.stderr)
        return 1
    print(f"Zaimportowano / imported: {len(created)} akt rodzin / family files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
