"""Export figures for ``bench/run.py``, one exporter per process.

    python bench/export_probe.py --zope-conf ZOPE_CONF close
    python bench/export_probe.py --zope-conf ZOPE_CONF ours --out DIR
    python bench/export_probe.py --zope-conf ZOPE_CONF plone --out DIR
    python bench/export_probe.py --zope-conf ZOPE_CONF reopen

``close`` puts every generated family file into ``closed`` (the only files our
archival export takes) with an end date, as the closing transition would;
``reopen`` takes exactly those history entries back, so the database serves
the next run as it was generated. ``ours`` writes the archival package of the
closed files (``archival.exports``, what ``@archive-export`` and
``caseflow-archive`` run); ``plone`` exports the same family files with their
documents through plone.exportimport's content exporter. Each prints one JSON
line: family files, documents, seconds, files per second, and the process's
resident memory before the export and at its peak during it (the peak is reset
just before the export starts, so Zope's own start-up does not count).
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

from zope_site import open_site


BENCH_ACTOR = "bench-export"
BATCH = 200


def _status_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak_memory():
    """Linux: writing 5 to clear_refs resets the VmHWM peak to the current RSS."""
    Path("/proc/self/clear_refs").write_text("5")


def _generated_files(site, states):
    from plone import api

    from mgops.caseflow.setuphandlers import REGISTRY_ID

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="FamilyFile",
        path="/".join(site[REGISTRY_ID].getPhysicalPath()),
        review_state=list(states),
    ):
        family_file = brain._unrestrictedGetObject()
        if family_file.family_name.startswith("Bench"):
            yield family_file


def close(family_file, workflow):
    """Close a generated active file, ended a month ago (a history entry added)."""
    from DateTime import DateTime

    ended = datetime.date.today() - datetime.timedelta(days=30)
    family_file.ended = ended
    family_file.workflow_history[workflow.id] += (
        {
            "review_state": "closed",
            "action": "close",
            "actor": BENCH_ACTOR,
            "time": DateTime(f"{ended.isoformat()} 12:00 Europe/Warsaw"),
            "comments": "bench: closed for the export benchmark",
        },
    )


def reopen(family_file, workflow):
    """Undo ``close``: drop its history entries and the end date."""
    history = family_file.workflow_history
    history[workflow.id] = tuple(
        entry for entry in history[workflow.id] if entry.get("actor") != BENCH_ACTOR
    )
    family_file.ended = None


#: what each change works on and what it leaves
CHANGES = {close: ("active", "closed"), reopen: ("closed", "reopened")}


def _in_batches(site, change):
    """Apply ``change`` to every generated file in the state it works on,
    with the file's permissions and catalog entry updated, as a transition
    leaves them; commits in batches."""
    import transaction
    from plone import api

    wftool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    state, done = CHANGES[change]
    count = 0
    for count, family_file in enumerate(_generated_files(site, [state]), 1):
        (workflow,) = wftool.getWorkflowsFor(family_file)
        change(family_file, workflow)
        workflow.updateRoleMappingsFor(family_file)
        # the indexes the exports select by; the metadata is left as it is
        # (``reopen`` brings the state back), which halves the time at 20,000
        catalog.catalog_object(
            family_file,
            uid="/".join(family_file.getPhysicalPath()),
            idxs=["review_state", "allowedRolesAndUsers"],
            update_metadata=0,
        )
        if count % BATCH == 0:
            transaction.commit()
            site._p_jar.cacheMinimize()
    transaction.commit()
    return {done: count}


def _measured(run):
    rss_before = _status_kib("VmRSS")
    _reset_peak_memory()
    start = time.perf_counter()
    family_files, documents = run()
    seconds = time.perf_counter() - start
    return {
        "family_files": family_files,
        "documents": documents,
        "seconds": round(seconds, 2),
        "files_per_second": round(family_files / seconds, 2) if seconds else None,
        "rss_before_mib": round(rss_before / 1024, 1),
        "peak_rss_mib": round(_status_kib("VmHWM") / 1024, 1),
    }


def export_ours(site, out: Path):
    from mgops.caseflow.archive import exports
    from mgops.caseflow.core.archive import ZipTarget

    def run():
        registry = exports.registry_of(site)
        selection = exports.select(registry)
        summary = exports.write(selection, ZipTarget(out / "paczka.zip"))
        return summary.family_files, summary.documents

    return _measured(run)


def export_plone(site, out: Path):
    from plone import api
    from plone.exportimport.exporters.content import ContentExporter

    from mgops.caseflow.archive.exports import EXPORTABLE_STATES
    from mgops.caseflow.setuphandlers import REGISTRY_ID

    registry_path = "/".join(site[REGISTRY_ID].getPhysicalPath())

    def run():
        # the same content: the closed family files and everything in them
        catalog = api.portal.get_tool("portal_catalog")
        closed = catalog.unrestrictedSearchResults(
            portal_type="FamilyFile",
            path=registry_path,
            review_state=list(EXPORTABLE_STATES),
        )
        paths = [brain.getPath() for brain in closed]
        exporter = ContentExporter(site)
        written = exporter.export_data(out, query={"path": {"query": paths}})
        # one JSON per object and one for the metadata
        return len(paths), len(written) - 1 - len(paths)

    return _measured(run)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True)
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("--out", type=Path)
    parser.add_argument("action", choices=("close", "reopen", "ours", "plone"))
    args = parser.parse_args(argv)
    with open_site(args.zope_conf, args.site_id) as site:
        if args.action in ("close", "reopen"):
            result = _in_batches(site, close if args.action == "close" else reopen)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            export = export_ours if args.action == "ours" else export_plone
            result = export(site, args.out)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
