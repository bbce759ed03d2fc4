"""``caseflow-archive``: archival packages of family files from the command line.

For large runs, outside the web server::

    caseflow-archive export --out paczka.zip [--closed-from 2026-01-01]
                            [--closed-to 2026-12-31] [--case AR.4010.12.2026 …]
    caseflow-archive export --out paczka/            (a directory package)
    caseflow-archive import paczka.zip

Opens the site from ``--zope-conf`` as ``caseflow-demo`` does (the instance
must be stopped: the FileStorage is locked while it serves) and acts as
Zope's system user. ``export`` shows a progress bar, writes the package
(offered only once complete and valid) and logs the exported closed files,
so an archivist can then mark them archived (``@archive-mark``).
``import`` verifies the whole package before it writes anything, and commits
only if every family file went in.

The NDAP schemas are found as in the site: the copies shipped with the add-on,
unless ``--ndap-schemas``, the site's setting or ``MGOPS_CASEFLOW_NDAP_SCHEMAS``
names another folder.
"""

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from mgops.caseflow.cli.site import add_site_arguments
from mgops.caseflow.cli.site import enter_site
from mgops.caseflow.cli.site import opened_app
from mgops.caseflow.cli.site import prepare_environment
from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="caseflow-archive",
        description="Eksport i import paczek archiwalnych akt rodzin / "
        "export and import archival packages of family files.",
    )
    add_site_arguments(parser)
    parser.add_argument(
        "--ndap-schemas",
        help="a folder of NDAP XSDs replacing those shipped with the add-on "
        f"(default: ${NDAP_DIR_VARIABLE}, else the shipped ones)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show Zope's and Plone's log"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", help="eksport zamkniętych akt / export closed family files"
    )
    export.add_argument(
        "--out",
        required=True,
        help="FILE.zip for a zip, anything else for a directory package",
    )
    export.add_argument("--closed-from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    export.add_argument("--closed-to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    export.add_argument(
        "--case",
        action="append",
        default=[],
        metavar="REF",
        help="case reference (znak sprawy); repeat for more",
    )
    imports = commands.add_parser(
        "import", help="import paczki / import a package into the registry"
    )
    imports.add_argument("package", help="the package: a zip or a directory")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    prepare_environment()
    if args.ndap_schemas:
        os.environ[NDAP_DIR_VARIABLE] = str(Path(args.ndap_schemas).resolve())
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    with opened_app(args.zope_conf) as app:
        import transaction

        site = enter_site(app, args.site_id)
        if site is None:
            print(f"Brak witryny / no site: /{args.site_id}", file=sys.stderr)
            return 2
        run = _export if args.command == "export" else _import
        code = run(site, args)
        if code == 0:
            transaction.commit()
        return code


def _refused(error) -> int:
    from zope.i18n import translate

    from mgops.caseflow.messages import message_for

    message = translate(message_for(error), target_language="pl")
    print(f"Odmowa / refused: {message}", file=sys.stderr)
    return 1


def _export(site, args) -> int:
    from tqdm import tqdm

    from mgops.caseflow.archive import exports
    from mgops.caseflow.core.archive import ArchiveError
    from mgops.caseflow.core.archive import DirectoryTarget
    from mgops.caseflow.core.archive import ZipTarget

    registry = exports.registry_of(site)
    selection = exports.select(
        registry, args.closed_from, args.closed_to, tuple(args.case)
    )
    for skipped in selection.skipped:
        why = (
            "brak daty zakończenia / no end date"
            if skipped["reason"] == "ended"
            else ("stan / state")
        )
        print(
            f"Pominięto / skipped {skipped['case_reference']}: {why}", file=sys.stderr
        )
    out = Path(args.out)
    try:
        target = (
            ZipTarget(out) if out.suffix.lower() == ".zip" else DirectoryTarget(out)
        )
        with tqdm(total=len(selection.exported), unit="akt", file=sys.stderr) as bar:
            summary = exports.write(
                selection, target, progress=lambda files, documents: bar.update(1)
            )
    except ArchiveError as error:
        return _refused(error)
    export_id = exports.log_export(registry, selection.exported, "caseflow-archive")
    print(
        f"Zapisano / written: {out} — {summary.family_files} akt / family files, "
        f"{summary.documents} dokumentów / documents, {summary.files} plików / files "
        f"({summary.bytes} B); eksport / export id: {export_id}"
    )
    return 0


def _import(site, args) -> int:
    from tqdm import tqdm

    from mgops.caseflow.archive import exports
    from mgops.caseflow.archive.importer import import_package
    from mgops.caseflow.core.errors import CaseflowError

    registry = exports.registry_of(site)
    try:
        with tqdm(unit="akt", file=sys.stderr) as bar:
            summary = import_package(
                Path(args.package), registry, progress=lambda f, d: bar.update(1)
            )
    except CaseflowError as error:  # a faulty package, or one that is here already
        return _refused(error)
    print(
        f"Zaimportowano / imported: {summary.family_files} akt / family files, "
        f"{summary.documents} dokumentów / documents: "
        + ", ".join(summary.case_references)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
