"""FileStorage → RelStorage with ``zodbconvert`` (``caseflow-migrate``): a demo
site made on FileStorage opens on PostgreSQL with every file, document and blob."""

from mgops.caseflow.demo.data import FAMILIES
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.deploy.cluster import Cluster
from mgops.caseflow.deploy.cluster import write_cluster
from mgops.caseflow.deploy.instance import write_instance
from mgops.caseflow.deploy.pgserver import free_port

from .conftest import SITE_ID
from .conftest import Api
from .conftest import run_module


def test_filestorage_site_migrates_to_relstorage(postgres, tmp_path):
    var = tmp_path / "var"
    files = write_instance(tmp_path / "instance", var, port=free_port())
    run_module(
        "mgops.caseflow.cli.demo",
        "--zope-conf",
        files["zope.conf"],
        "--site-id",
        SITE_ID,
        cwd=tmp_path,
    )
    assert (var / "filestorage" / "Data.fs").exists()

    postgres.create_database("migrated")
    dsn = postgres.dsn("migrated")
    blobs = tmp_path / "blobstorage-rs"
    converted = run_module(
        "mgops.caseflow.deploy.migrate", "--var", var, "--dsn", dsn, "--blob-dir", blobs
    )
    assert "zodbconvert.conf" in converted.stdout
    assert any(blobs.rglob("*.blob")), "no blob was copied"

    port = free_port()
    layout = write_cluster(tmp_path / "rs", dsn, [port], blob_dir=blobs)
    with Cluster(layout):
        api = Api(
            f"http://127.0.0.1:{port}/{SITE_ID}/++api++", (HEAD.user_id, HEAD.password)
        )
        akta = api.get("akta")
        assert akta.status_code == 200, akta.text
        assert akta.json()["items_total"] == len(FAMILIES)
        # documents, catalog and signed decisions (blobs) came along
        decisions = api.get(
            "@search", params={"portal_type": "Decision", "review_state": "signed"}
        ).json()
        assert decisions["items_total"] > 0
        path = decisions["items"][0]["@id"].split("/++api++/", 1)[-1]
        verified = api.get(f"{path}/@verify")
        assert verified.status_code == 200, verified.text
        assert verified.json()["valid"] is True
        signed_xml = api.get(f"{path}/@decision-xml")
        assert signed_xml.status_code == 200
        assert b"SignatureValue" in signed_xml.content
