"""Fill a site with realistic data at a chosen scale, and the same shape in plain
Plone types for the baseline.

    python bench/generate.py --zope-conf INSTANCE/etc/zope.conf --scale 2000

Run after ``caseflow-demo`` (users, groups, the demo CA and the head's keystore)
with the instance stopped, or on RelStorage while it runs. For each of SCALE
family files: the file (an assistant assigned, state ``active``), the decision
assigning the assistant (brought in as the case import brings one: an entry of
the register, state ``imported``), an interview and ~19 notes, most of them
``final``; beside them, in a plain Plone site of its own (``/Plain``, no add-on) under
``plain``, SCALE ``Folder``s with ~20 ``Document``s each, most of them
``published``. Commits every
``--batch`` files, with a progress bar.

Fast by construction (about 40 objects per file, thousands of files), in one
process with direct API calls and no HTTP:

* the containers (family file, plain folder) are created normally, with every
  event (catalog, obligations, local roles, audit);
* the documents inside are made with ``createContent`` (UID, defaults) and put
  in with ``_setObject(..., suppress_events=True)``: no per-object catalog
  flush, no obligations recomputed after every note, no audit entry;
* their workflow state (and history entry) is set directly with the workflow
  tool and their permissions mapped (``updateRoleMappingsFor``), as a
  transition would;
* then each document is cataloged once, the file's obligations are computed
  once from the catalog, and the file is reindexed once;
* every ``--batch`` files: commit and empty the connection's cache.

Files are put into ``active`` directly with the workflow tool (``setStatusOf``),
not by a signed decision per file: that is the demo loader's job and would make
the generator take hours at 20,000 files. The audit trail therefore holds the
containers' creation, not each generated document: the benchmark does not read
it.
"""

import argparse
import datetime
import random
import sys
import time

from zope_site import open_site


DOCUMENTS_PER_FILE = 20
ASSISTANTS = ("kwojcik", "tkaminski")
SOCIAL_WORKERS = ("akowalczyk", "pzielinski")
PLAIN = "plain"
#: plain Plone beside ours in the same database, without the add-on: its
#: folders and pages would otherwise fill our site's global navigation (three
#: levels deep by default), which every Classic UI page of ours renders
PLAIN_SITE = "Plain"
NAVIGATION_DEPTH = 1
PLAIN_PROFILES = (
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "plone.restapi:default",
)
MARKER = "mgops.caseflow.bench"


def _set_state(wftool, obj, state, action, now):
    """Put ``obj`` into ``state`` of its (only) workflow, as a transition would
    have at ``now`` (a DateTime)."""
    (workflow_id,) = wftool.getChainFor(obj)
    wftool.setStatusOf(
        workflow_id,
        obj,
        {
            "review_state": state,
            "action": action,
            "actor": "admin",
            "time": now,
            "comments": "bench generator",
        },
    )
    wftool.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)


def _add(container, portal_type, object_id, wftool, state, action, now, **fields):
    """Create and add a document without events; state set, not yet cataloged."""
    from plone.dexterity.utils import createContent

    obj = createContent(portal_type, id=object_id, **fields)
    obj.creators = ("admin",)
    container._setObject(object_id, obj, suppress_events=True)
    obj = container._getOb(object_id)
    _set_state(wftool, obj, state, action, now)
    return obj


def _imported_assignment(family_file, assistant, day, wftool, now):
    """The decision assigning the assistant, as the case import brings one made
    before the system (state ``imported``, the register's number of its day's
    year): an entry of the register, no signature (``case_import``)."""
    from plone.dexterity.utils import createContent

    from mgops.caseflow.case_import.importer import DECISION_TITLES
    from mgops.caseflow.case_import.importer import IMPORT_ACTION
    from mgops.caseflow.case_import.importer import IMPORTED_NOTE
    from mgops.caseflow.case_import.importer import LEGAL_BASIS
    from mgops.caseflow.signing.numbers import decision_numbers
    from mgops.caseflow.signing.numbers import format_number

    numbers = decision_numbers(create=True)
    counter = numbers.years.get(day.year)
    n = (counter.last if counter is not None else 0) + 1
    decision = createContent(
        "Decision",
        id="decyzja-przydzial",
        title=DECISION_TITLES["assign_assistant"],
        kind="assign_assistant",
        assistant=assistant,
        legal_basis=LEGAL_BASIS,
        content=IMPORTED_NOTE,
        justification="",
    )
    decision.creators = ("admin",)
    decision.register_date = day
    decision.register_number = format_number(n, day.year)
    decision.register_year = day.year
    decision.register_n = n
    family_file._setObject(decision.getId(), decision, suppress_events=True)
    decision = family_file._getOb(decision.getId())
    _set_state(wftool, decision, "imported", IMPORT_ACTION, now)
    numbers.enter(day.year, n, decision.UID())
    return decision


def make_family_file(registry, n, year, today, rng, wftool, catalog):
    from DateTime import DateTime
    from plone.dexterity.utils import createContentInContainer
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    from mgops.caseflow.workflow.local_roles import sync_local_roles
    from mgops.caseflow.workflow.obligations import update_obligations

    opened = today - datetime.timedelta(days=rng.randint(30, 700))
    # The head signs the assignment some days after the file is opened; most
    # files already have the assistant's introduction note (DESIGN, "Process"
    # 3), so their obligations, and due dates, differ from file to file.
    assigned = min(
        opened + datetime.timedelta(days=rng.randint(5, 40)),
        today - datetime.timedelta(days=1),
    )
    introduced = rng.random() < 0.9
    reference = f"AR.4010.{1000 + n}.{year}"
    # createContentInContainer: every event, but not plone.api's savepoint per
    # call, which re-serializes the whole batch each time (quadratic)
    family_file = createContentInContainer(
        registry,
        "FamilyFile",
        checkConstraints=False,
        id=reference.replace(".", "-").lower(),
        title=f"Rodzina {n}",
        case_reference=reference,
        family_name=f"Bench{n}",
        address=f"ul. Testowa {n}, 00-001 Miasto",
        learned_on=opened,
        opened=opened,
        social_worker=SOCIAL_WORKERS[n % 2],
    )
    now = DateTime()
    documents = [
        _add(
            family_file,
            "Interview",
            "wywiad",
            wftool,
            "final",
            "finalize",
            now,
            title="Rodzinny wywiad środowiskowy",
            interview_date=opened,
            findings="Sytuacja rodziny wymaga wsparcia asystenta.",
            assistant_needed=True,
        )
    ]
    for index in range(DOCUMENTS_PER_FILE - 1):
        final = index < DOCUMENTS_PER_FILE - 3
        kind = "introduction" if index == 0 and introduced else "control_visit"
        documents.append(
            _add(
                family_file,
                "Note",
                f"notatka-{index}",
                wftool,
                "final" if final else "draft",
                "finalize" if final else None,
                now,
                title=f"Notatka {index}",
                kind=kind,
                content=f"Wizyta {index}: rodzina współpracuje, dzieci w szkole.",
            )
        )
    documents.append(
        _imported_assignment(family_file, ASSISTANTS[n % 2], assigned, wftool, now)
    )
    family_file.assistant = ASSISTANTS[n % 2]
    _set_state(
        wftool,
        family_file,
        "active",
        "bench",
        DateTime(f"{assigned.isoformat()} 10:00 Europe/Warsaw"),
    )
    sync_local_roles(family_file)
    for document in documents:
        catalog.catalog_object(document)
    # once, from the catalog that now holds the file's final documents
    update_obligations(family_file)
    notify(ObjectModifiedEvent(family_file))
    return family_file


def make_plain_folder(container, n, wftool, catalog):
    from DateTime import DateTime
    from plone.dexterity.utils import createContentInContainer

    folder = createContentInContainer(
        container,
        "Folder",
        checkConstraints=False,
        id=f"folder-{n}",
        title=f"Folder {n}",
    )
    now = DateTime()
    for index in range(DOCUMENTS_PER_FILE):
        published = index < DOCUMENTS_PER_FILE - 2
        page = _add(
            folder,
            "Document",
            f"strona-{index}",
            wftool,
            "published" if published else "private",
            "publish" if published else None,
            now,
            title=f"Strona {index}",
            text=f"<p>Wizyta {index}: rodzina współpracuje.</p>",
        )
        catalog.catalog_object(page)
    return folder


def plain_site(app):
    """The plain Plone site (created once), its ``plain`` folder inside."""
    from plone import api
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    from mgops.caseflow.cli.demo import LANGUAGE
    from mgops.caseflow.cli.demo import OFFICE_TIMEZONE

    if PLAIN_SITE not in app.objectIds():
        addPloneSite(
            app,
            PLAIN_SITE,
            title="Plain Plone",
            extension_ids=PLAIN_PROFILES,
            default_language=LANGUAGE,
            portal_timezone=OFFICE_TIMEZONE,
        )
    site = app[PLAIN_SITE]
    setSite(site)
    # the same navigation as ours (profile 1022): the folder view's figures
    # are then the listing's, not Plone's menu over every folder and page
    api.portal.set_registry_record("plone.navigation_depth", NAVIGATION_DEPTH)
    if PLAIN not in site:
        api.content.create(container=site, type="Folder", id=PLAIN, title="Plain")
    return site


def generate(site, scale: int, batch: int, seed: int = 2026):
    import transaction
    from plone import api
    from tqdm import tqdm
    from zope.annotation.interfaces import IAnnotations
    from zope.component.hooks import setSite

    from mgops.caseflow.setuphandlers import REGISTRY_ID

    annotations = IAnnotations(site)
    done = annotations.get(MARKER, 0)
    other = plain_site(site.aq_parent)
    transaction.commit()
    if done >= scale:
        print(f"already filled: {done} family files")
        return done
    rng = random.Random(seed + done)
    today = datetime.date.today()
    registry = site[REGISTRY_ID]
    plain = other[PLAIN]
    plain_tools = (other.portal_workflow, other.portal_catalog)
    setSite(site)
    wftool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    jar = site._p_jar
    start = time.monotonic()
    with api.env.adopt_roles(["Manager"]):
        for n in tqdm(range(done, scale), desc="family files", unit="file"):
            make_family_file(registry, n, today.year, today, rng, wftool, catalog)
            setSite(other)
            make_plain_folder(plain, n, *plain_tools)
            setSite(site)
            if (n + 1) % batch == 0 or n + 1 == scale:
                annotations[MARKER] = n + 1
                transaction.commit()
                jar.cacheMinimize()
    elapsed = time.monotonic() - start
    print(f"generated {scale - done} family files in {elapsed:.0f} s")
    return scale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True)
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)
    with open_site(args.zope_conf, args.site_id) as site:
        total = generate(site, args.scale, args.batch)
    print(f"family files: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
