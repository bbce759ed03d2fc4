"""Backup and restore on PostgreSQL (RelStorage): ``caseflow-backup --dsn``.

A real instance on its own database gets a note with an attachment (a blob in
the shared blob directory) and is backed up while it serves (``pg_dump`` and a
copy of the blobs). A second note follows, then the disaster: the blobs are
deleted. After ``caseflow-backup restore`` the instance holds exactly what it
held at backup time: the first note with its attachment's bytes, not the second.
"""

import base64
import shutil

import pytest

from mgops.caseflow.demo.data import FA_WOJCIK
from mgops.caseflow.deploy.cluster import Cluster
from mgops.caseflow.deploy.cluster import write_cluster
from mgops.caseflow.deploy.pgserver import free_port

from .conftest import SITE_ID
from .conftest import Api
from .conftest import run_module


ATTACHMENT = b"%PDF-1.4\n" + bytes(range(256)) * 64


@pytest.fixture
def single(postgres, tmp_path):
    """One instance on a database of its own, with the demo site."""
    postgres.create_database("backup_restore")
    layout = write_cluster(
        tmp_path / "zope",
        postgres.dsn("backup_restore"),
        [free_port()],
        blob_dir=tmp_path / "blobstorage",
    )
    run_module("mgops.caseflow.cli.demo", "--zope-conf", layout.zope_conf(0))
    return layout, postgres.dsn("backup_restore"), tmp_path


def _backup_tool(dsn, root, action):
    return run_module(
        "mgops.caseflow.deploy.backup", action,
        "--dsn", dsn,
        "--blob-dir", root / "blobstorage",
        "--backups", root / "backups",
        cwd=root,
    )  # fmt: skip


def _note(title, attachment=None):
    body = {
        "@type": "Note",
        "title": title,
        "kind": "control_visit",
        "content": f"{title}: rodzina obecna.",
    }
    if attachment is not None:
        body["attachment"] = {
            "data": base64.b64encode(attachment).decode(),
            "encoding": "base64",
            "filename": "notatka.pdf",
            "content-type": "application/pdf",
        }
    return body


def test_backup_then_restore_brings_back_the_database_and_blobs(single):
    layout, dsn, root = single
    api_url = f"http://127.0.0.1:{layout.ports[0]}/{SITE_ID}/++api++"
    assistant = Api(api_url, (FA_WOJCIK.user_id, FA_WOJCIK.password))
    with Cluster(layout):
        found = assistant.get(
            "@search", params={"portal_type": "FamilyFile", "review_state": "active"}
        ).json()
        file_url = found["items"][0]["@id"]
        kept = assistant.post(file_url, json=_note("Przed kopią", ATTACHMENT))
        assert kept.status_code == 201, kept.text
        kept = kept.json()

        _backup_tool(dsn, root, "backup")  # while the instance serves
        assert list((root / "backups").glob("caseflow-*.dump"))
        assert any((root / "backups" / "blobstorage").rglob("*.blob"))

        lost = assistant.post(file_url, json=_note("Po kopii"))
        assert lost.status_code == 201, lost.text
        lost = lost.json()
    shutil.rmtree(root / "blobstorage")  # the disaster

    _backup_tool(dsn, root, "restore")
    with Cluster(layout):
        note = assistant.get(kept["@id"])
        assert note.status_code == 200, note.text
        assert note.json()["title"] == "Przed kopią"
        download = assistant.get(note.json()["attachment"]["download"])
        assert download.status_code == 200
        assert download.content == ATTACHMENT
        assert assistant.get(lost["@id"]).status_code == 404
    assert any((root / "blobstorage").rglob("*.blob"))
