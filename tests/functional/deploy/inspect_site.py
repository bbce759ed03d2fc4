"""Open a stopped instance's database and report its notes as JSON (stdout).

``python inspect_site.py ZOPE_CONF SITE_ID``: every Note in every family file
(with its fields), every Note the catalog knows, and the catalog entries that do
not lead to a whole object. Run as a subprocess by the reliability tests.
"""

import json
import sys
from pathlib import Path

from mgops.caseflow.cli.demo import ensure_admin
from mgops.caseflow.cli.site import open_app


FIELDS = ("title", "kind", "content", "place", "visit_start", "visit_end")


def describe(note) -> dict:
    record = {"path": "/".join(note.getPhysicalPath())}
    for name in FIELDS:
        value = getattr(note, name, None)
        record[name] = value.isoformat() if hasattr(value, "isoformat") else value
    record["state"] = note.portal_workflow.getInfoFor(note, "review_state", None)
    return record


def main(zope_conf: str, site_id: str) -> dict:
    from zope.component.hooks import setSite

    app = open_app(Path(zope_conf))
    ensure_admin(app, "admin")  # the Manager; nothing is committed
    site = app[site_id]
    setSite(site)
    in_folders = {}
    for family_file in site["akta"].objectValues():
        for document in family_file.objectValues():
            if document.portal_type == "Note":
                in_folders[document.UID()] = describe(document)
    catalog = site.portal_catalog
    in_catalog, broken = {}, []
    for brain in catalog.unrestrictedSearchResults(portal_type="Note"):
        try:
            note = brain._unrestrictedGetObject()
            in_catalog[brain.UID] = describe(note)
        except Exception as error:  # an entry without its object
            broken.append((brain.getPath(), repr(error)))
    return {
        "in_folders": in_folders,
        "in_catalog": in_catalog,
        "broken": broken,
        "catalog_size": len(catalog),
    }


if __name__ == "__main__":
    report = main(sys.argv[1], sys.argv[2])
    print("REPORT " + json.dumps(report, sort_keys=True))
