"""Fill a site with realistic data at a chosen scale, and the same shape in plain
Plone types for the baseline.

    python bench/generate.py --zope-conf INSTANCE/etc/zope.conf --scale 2000

Run after ``caseflow-demo`` (users, groups, the demo CA and the head's keystore)
with the instance stopped, or on RelStorage while it runs. For each of SCALE
family files: the file (an assistant assigned, state ``active``), an interview
and ~19 notes, most of them ``final``; beside them, under ``/plain``, SCALE plain
``Folder``s with ~20 ``Document``s each, most of them ``published``. Commits every
``--batch`` files, with a progress bar.

Files are put into ``active`` directly with the workflow tool (``setStatusOf``),
not by a signed decision per file: that is the demo loader's job and would make
the generator take hours at 20,000 files. Everything else goes through the
normal events (catalog, obligations, local roles).
"""

import argparse
import datetime
import logging
import os
import random
import sys
from pathlib import Path


DOCUMENTS_PER_FILE = 20
ASSISTANTS = ("kwojcik", "tkaminski")
SOCIAL_WORKERS = ("akowalczyk", "pzielinski")
PLAIN = "plain"
MARKER = "mgops.caseflow.bench"


def _force_state(obj, workflow_id, state):
    from DateTime import DateTime
    from plone import api

    wftool = api.portal.get_tool("portal_workflow")
    status = dict(wftool.getStatusOf(workflow_id, obj) or {})
    status.update(
        review_state=state,
        action="bench",
        actor="admin",
        time=DateTime(),
        comments="bench generator",
    )
    wftool.setStatusOf(workflow_id, obj, status)
    wftool.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)


def make_family_file(registry, n, year, today, rng):
    from plone import api
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    from mgops.caseflow.workflow.local_roles import sync_local_roles

    opened = today - datetime.timedelta(days=rng.randint(30, 700))
    reference = f"AR.4010.{1000 + n}.{year}"
    family_file = api.content.create(
        container=registry,
        type="FamilyFile",
        id=reference.replace(".", "-").lower(),
        title=f"Rodzina {n}",
        case_reference=reference,
        family_name=f"Bench{n}",
        address=f"ul. Testowa {n}, 00-001 Miasto",
        learned_on=opened,
        opened=opened,
        social_worker=SOCIAL_WORKERS[n % 2],
        safe_id=True,
    )
    api.content.create(
        container=family_file,
        type="Interview",
        id="wywiad",
        title="Rodzinny wywiad środowiskowy",
        interview_date=opened,
        findings="Sytuacja rodziny wymaga wsparcia asystenta.",
        assistant_needed=True,
    )
    family_file.assistant = ASSISTANTS[n % 2]
    _force_state(family_file, "mgops_familyfile_workflow", "active")
    sync_local_roles(family_file)
    for index in range(DOCUMENTS_PER_FILE - 1):
        note = api.content.create(
            container=family_file,
            type="Note",
            id=f"notatka-{index}",
            title=f"Notatka {index}",
            kind="control_visit",
            content=f"Wizyta {index}: rodzina współpracuje, dzieci w szkole.",
        )
        if index < DOCUMENTS_PER_FILE - 3:
            api.content.transition(obj=note, transition="finalize")
    notify(ObjectModifiedEvent(family_file))
    family_file.reindexObject()
    return family_file


def make_plain_folder(container, n):
    from plone import api

    folder = api.content.create(
        container=container, type="Folder", id=f"folder-{n}", title=f"Folder {n}"
    )
    for index in range(DOCUMENTS_PER_FILE):
        page = api.content.create(
            container=folder,
            type="Document",
            id=f"strona-{index}",
            title=f"Strona {index}",
            text=f"<p>Wizyta {index}: rodzina współpracuje.</p>",
        )
        if index < DOCUMENTS_PER_FILE - 2:
            api.content.transition(obj=page, transition="publish")
    return folder


def generate(site, scale: int, batch: int, seed: int = 2026):
    import transaction
    from plone import api
    from tqdm import tqdm
    from zope.annotation.interfaces import IAnnotations

    from mgops.caseflow.setuphandlers import REGISTRY_ID

    annotations = IAnnotations(site)
    done = annotations.get(MARKER, 0)
    if done >= scale:
        print(f"already filled: {done} family files")
        return done
    rng = random.Random(seed + done)
    today = datetime.date.today()
    registry = site[REGISTRY_ID]
    if PLAIN not in site:
        api.content.create(container=site, type="Folder", id=PLAIN, title="Plain")
    plain = site[PLAIN]
    with api.env.adopt_roles(["Manager"]):
        for n in tqdm(range(done, scale), desc="family files", unit="file"):
            make_family_file(registry, n, today.year, today, rng)
            make_plain_folder(plain, n)
            if (n + 1) % batch == 0 or n + 1 == scale:
                annotations[MARKER] = n + 1
                transaction.commit()
    return scale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True)
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)
    from mgops.caseflow.cli.instance import I18N_ENVIRONMENT

    for key, value in I18N_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    logging.basicConfig(level=logging.ERROR)
    from zope.component.hooks import setSite

    from mgops.caseflow.cli.demo import ensure_admin
    from mgops.caseflow.cli.demo import open_app

    app = open_app(Path(args.zope_conf).resolve())
    ensure_admin(app, "admin")
    site = app[args.site_id]
    setSite(site)
    import transaction

    try:
        total = generate(site, args.scale, args.batch)
    finally:
        transaction.abort()
        app._p_jar.close()
    print(f"family files: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
