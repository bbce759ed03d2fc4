"""caseflow-archive: export and import from the command line, in a site."""

import argparse

from plone import api

from mgops.caseflow.archive import exports
from mgops.caseflow.cli import archive as cli
from mgops.caseflow.deploy.instance import parse_args
from mgops.caseflow.deploy.instance import write_instance
from mgops.caseflow.testing.builders import delete_unrestricted


def test_cli_parses_export_and_import():
    args = cli.parse_args(
        ["export", "--out", "p.zip", "--closed-from", "2026-01-01", "--case", "A"]
    )
    assert (args.command, args.out, args.case) == ("export", "p.zip", ["A"])
    assert str(args.closed_from) == "2026-01-01"
    assert cli.parse_args(["import", "p.zip"]).package == "p.zip"


def test_cli_exports_a_zip_and_imports_it_back(
    portal, every_kind_file, tmp_path, capsys
):
    out = tmp_path / "paczka.zip"
    export_args = argparse.Namespace(
        out=str(out), closed_from=None, closed_to=None, case=[]
    )
    with api.env.adopt_roles(["Manager"]):
        assert cli._export(portal, export_args) == 0
        assert out.is_file()
        registry = portal["akta"]
        assert exports.exported_in(registry, every_kind_file.UID()) is not None
        delete_unrestricted([every_kind_file])
        code = cli._import(portal, argparse.Namespace(package=str(out)))
    assert code == 0
    assert "AR.4010.90.2026" in capsys.readouterr().out
    assert "ar-4010-90-2026" in portal["akta"].objectIds()


def test_cli_exports_a_directory_package(portal, every_kind_file, tmp_path):
    out = tmp_path / "paczka"
    args = argparse.Namespace(out=str(out), closed_from=None, closed_to=None, case=[])
    with api.env.adopt_roles(["Manager"]):
        assert cli._export(portal, args) == 0
    assert (out / "manifest.xml").is_file()
    assert (out / "sprawy" / "AR.4010.90.2026.xml").is_file()


def test_cli_refuses_a_package_already_in_the_site(
    portal, every_kind_file, tmp_path, capsys
):
    out = tmp_path / "paczka.zip"
    args = argparse.Namespace(out=str(out), closed_from=None, closed_to=None, case=[])
    with api.env.adopt_roles(["Manager"]):
        cli._export(portal, args)
        assert cli._import(portal, argparse.Namespace(package=str(out))) == 1
    assert "AR.4010.90.2026" in capsys.readouterr().err


def test_instance_names_the_ndap_schemas_for_the_archive(tmp_path, ndap_schemas):
    files = write_instance(
        tmp_path / "instance", tmp_path / "var", ndap_schemas=ndap_schemas
    )
    text = files["zope.conf"].read_text()
    assert f"MGOPS_CASEFLOW_NDAP_SCHEMAS {ndap_schemas.resolve()}" in text


def test_instance_without_ndap_schemas_leaves_the_shipped_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ../shared or other folder is looked for
    args = parse_args([])
    assert args.ndap_schemas is None
    files = write_instance(tmp_path / "instance", tmp_path / "var")
    assert "MGOPS_CASEFLOW_NDAP_SCHEMAS" not in files["zope.conf"].read_text()
