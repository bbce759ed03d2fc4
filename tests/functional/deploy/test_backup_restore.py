"""Issue 7, backup and restore: repozo for Data.fs, the blobs copied beside it.

A real instance with the demo site gets a note with an attachment (a blob), is
backed up with ``caseflow-backup backup`` while it serves, then loses data (a
note added after the backup, the blob files deleted from var/). Restored with
``caseflow-backup restore``, it holds exactly what it held at backup time: the
note and its attachment's bytes, and not the later note.
"""

import base64
import shutil
import sys

import pytest
import requests

from mgops.caseflow.demo.data import FA_WOJCIK

from .notes import note_body
from .realinstance import Instance
from .realinstance import run


ATTACHMENT = b"%PDF-1.4\n" + bytes(range(256)) * 64


@pytest.fixture
def instance(tmp_path):
    instance = Instance(tmp_path)
    try:
        yield instance
    finally:
        instance.stop()


def _session():
    session = requests.Session()
    session.auth = (FA_WOJCIK.user_id, FA_WOJCIK.password)
    session.headers["Accept"] = "application/json"
    return session


def _add_note(session, file_url, title, attachment=None):
    body = dict(note_body(0, 0), title=title)
    if attachment is not None:
        body["attachment"] = {
            "data": base64.b64encode(attachment).decode(),
            "encoding": "base64",
            "filename": "notatka.pdf",
            "content-type": "application/pdf",
        }
    response = session.post(file_url, json=body, timeout=60)
    assert response.status_code == 201, response.text
    return response.json()


def _backup_tool(instance, *arguments):
    return run(
        sys.executable, "-m", "mgops.caseflow.deploy.backup", *arguments,
        "--var", instance.var, "--backups", instance.root / "backups",
        cwd=instance.root,
    )  # fmt: skip


def test_backup_then_restore_brings_back_the_data_as_it_was(instance):
    instance.start()
    with _session() as session:
        found = session.get(
            f"{instance.api}/@search",
            params={"portal_type": "FamilyFile", "review_state": "active"},
            timeout=30,
        ).json()
        file_url = found["items"][0]["@id"]
        kept = _add_note(session, file_url, "Przed kopią", ATTACHMENT)

        _backup_tool(instance, "backup", "--full")  # while the instance serves
        backups = instance.root / "backups"
        assert list(backups.glob("*.fsz")), list(backups.iterdir())
        assert any((backups / "blobstorage").rglob("*.blob"))

        lost = _add_note(session, file_url, "Po kopii")
    instance.stop()
    # The disaster: the blobs are gone (and Data.fs has a note the backup lacks).
    shutil.rmtree(instance.var / "blobstorage")

    _backup_tool(instance, "restore")
    report = instance.inspect()
    assert kept["UID"] in report["in_folders"]
    assert lost["UID"] not in report["in_folders"]
    assert report["in_folders"] == report["in_catalog"]
    assert report["broken"] == []

    instance.start()
    with _session() as session:
        note = session.get(kept["@id"], timeout=30).json()
        assert note["title"] == "Przed kopią"
        download = session.get(note["attachment"]["download"], timeout=30)
        assert download.status_code == 200
        assert download.content == ATTACHMENT
        gone = session.get(lost["@id"], timeout=30)
        assert gone.status_code == 404
    # What was there before the restore is kept aside, not deleted.
    assert list((instance.var / "filestorage").glob("Data.fs.before-restore-*"))
