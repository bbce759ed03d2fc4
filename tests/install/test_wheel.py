"""The distribution installs as an add-on into a Plone that knows nothing of us.

Builds the sdist and the wheel from this checkout (``uv build``, the wheel from
the sdist, build requirements pinned by constraints.txt), checks what they hold,
installs the wheel with the pinned Plone into a fresh virtualenv, and in a
temporary directory, with neither the checkout nor ``../shared`` in reach:
Zope's own ``mkwsgiinstance``, a Classic UI site, the add-on activated and a
closed family file (``inside_site.py``), ``caseflow-archive export`` from the
venv, the package checked against the shipped XSDs and the reference copies,
the add-on deactivated and the front page served over HTTP.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
import requests
from lxml import etree

from mgops.caseflow.core.archive.safe_xml import hardened_parser


ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "mgops"
#: The state archives' schemas beside the checkout: the reference copies.
REFERENCE_NDAP = ROOT.parent / "shared" / "standards" / "ndap"
NDAP_IN_PACKAGE = "mgops/caseflow/core/archive/schemas/ndap"
NDAP_FILES = ("metadane.xsd", "spis-zdawczo-odbiorczy.xsd")
UV = Path(sys.executable).parent / "uv"
ADMIN_PASSWORD = "admin-Pass-123"
STEP_TIMEOUT = 600
START_TIMEOUT = 120
#: Left to the site: the checkout's test settings must not reach the venv.
FOREIGN_ENVIRONMENT = ("PYTHON", "VIRTUAL_ENV", "zope_i18n_", "MGOPS_", "CASEFLOW_")


def _run(*command, cwd, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def _source_files() -> set[str]:
    """The package's files in the checkout, as wheel paths (no caches, no .mo the
    checkout compiles at run time)."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in (".pyc", ".mo")
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    _run(
        UV,
        "build",
        "--build-constraints",
        ROOT / "constraints.txt",
        "--out-dir",
        out,
        cwd=ROOT,
    )
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def wheel_files(dist) -> dict[str, bytes]:
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        return {name: wheel.read(name) for name in wheel.namelist()}


def test_the_sdist_has_the_sources_and_no_compiled_catalogues(dist):
    with tarfile.open(dist["sdist"]) as sdist:
        top, *_ = sdist.getnames()
        names = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
    assert {f"src/{path}" for path in _source_files()} <= names
    assert {"setup.py", "pyproject.toml", "constraints.txt", "MANIFEST.in"} <= names
    assert not [name for name in names if name.endswith(".mo")]


def test_the_wheel_holds_the_package_and_its_compiled_catalogues(wheel_files):
    in_package = {name for name in wheel_files if name.startswith("mgops/")}
    catalogues = {
        name.removesuffix(".po") + ".mo"
        for name in _source_files()
        if name.endswith(".po")
    }
    assert in_package == _source_files() | catalogues
    for name in catalogues:  # compiled, not empty: gettext reads them
        assert wheel_files[name][:4] == b"\xde\x12\x04\x95", name
    must = (
        "mgops/caseflow/configure.zcml",
        "mgops/caseflow/profiles/default/metadata.xml",
        "mgops/caseflow/profiles/uninstall/browserlayer.xml",
        "mgops/caseflow/locales/pl/LC_MESSAGES/mgops.caseflow.mo",
        f"{NDAP_IN_PACKAGE}/SOURCE.md",
        *(f"{NDAP_IN_PACKAGE}/{name}" for name in NDAP_FILES),
    )
    assert set(must) <= in_package
    assert [n for n in in_package if n.endswith(".pt")]
    assert not [n for n in wheel_files if n.startswith("tests/")]
    (entry_points,) = [n for n in wheel_files if n.endswith("entry_points.txt")]
    text = wheel_files[entry_points].decode()
    assert "[z3c.autoinclude.plugin]\ntarget = plone" in text
    assert "caseflow-archive = mgops.caseflow.cli.archive:main" in text


def test_the_wheel_installs_into_a_fresh_plone_and_exports(tmp_path, dist, wheel_files):
    assert REFERENCE_NDAP.is_dir(), f"no reference NDAP schemas at {REFERENCE_NDAP}"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(FOREIGN_ENVIRONMENT)
    }
    venv = tmp_path / "venv"
    bin_ = venv / "bin"
    work = tmp_path / "work"  # the IT person's directory: no checkout, no shared/
    work.mkdir()
    timings = {}

    started = time.monotonic()
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work, env=environment)
    _run(
        UV, "pip", "install", "--python", bin_ / "python",
        "-c", ROOT / "constraints.txt", dist["wheel"],
        cwd=work, env=environment,
    )  # fmt: skip
    timings["venv and install"] = time.monotonic() - started

    instance = work / "instance"
    _run(
        bin_ / "mkwsgiinstance",
        "-d",
        instance,
        "-u",
        f"admin:{ADMIN_PASSWORD}",
        cwd=work,
        env=environment,
    )
    zope_conf = instance / "etc" / "zope.conf"
    script = work / "inside_site.py"
    shutil.copy(Path(__file__).with_name("inside_site.py"), script)

    def inside(*arguments) -> dict:
        result = _run(
            bin_ / "python", "-I", script, *arguments, cwd=work, env=environment
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    started = time.monotonic()
    setup = inside("setup", zope_conf, ROOT)
    timings["site, add-on, family file"] = time.monotonic() - started
    site_packages = Path(setup["module"]).parents[2]
    assert setup["module_in_venv"], setup["module"]
    assert setup["checkout_on_path"] == []
    assert setup["compile_mo_files"] == "__unset__"  # Polish from the shipped .mo
    assert setup["polish"].startswith("Nie ma czego eksportować")
    assert Path(setup["ndap_dir"]) == site_packages / NDAP_IN_PACKAGE
    assert setup["activated"] is True
    assert setup["installed"] is True
    assert (setup["state"], setup["members"]) == ("closed", 1)

    started = time.monotonic()
    package = work / "paczka"
    export = _run(
        bin_ / "caseflow-archive", "--zope-conf", zope_conf, "export", "--out", package,
        cwd=work, env=environment,
    )  # fmt: skip
    timings["caseflow-archive export"] = time.monotonic() - started
    assert "AR.4010.1.2026" not in export.stderr  # not skipped
    assert (package / "sprawy" / "AR.4010.1.2026.xml").is_file()
    _assert_valid_against(site_packages / NDAP_IN_PACKAGE, package)
    _assert_valid_against(REFERENCE_NDAP, package)
    for name in NDAP_FILES:
        assert (package / "schemas" / "ndap" / name).read_bytes() == (
            REFERENCE_NDAP / name
        ).read_bytes()

    started = time.monotonic()
    removed = inside("uninstall", zope_conf)
    timings["uninstall"] = time.monotonic() - started
    assert removed == {
        "installed_before": True,
        "installed_after": False,
        "configlet_left": False,
    }

    started = time.monotonic()
    front_page = _serve_front_page(bin_, instance, work, environment)
    timings["serve the front page"] = time.monotonic() - started
    assert front_page.status_code == 200
    assert "Ośrodek z istniejącą witryną" in front_page.text
    # the add-on's stylesheet, on every page while it is active, went with it
    assert "++plone++mgops.caseflow" not in front_page.text

    # Nothing rewrote the shipped catalogues (no compiling at run time).
    for name, data in wheel_files.items():
        if name.endswith(".mo"):
            assert (site_packages / name).read_bytes() == data, name
    print(
        "timings (s):", {step: round(seconds, 1) for step, seconds in timings.items()}
    )


def _assert_valid_against(ndap_dir: Path, package: Path):
    """Every metadata file and the handover list conform to the schemas in ``ndap_dir``."""
    parser = hardened_parser()

    def schema(name):
        return etree.XMLSchema(etree.parse(str(ndap_dir / name), parser))

    metadata = sorted((package / "metadane").rglob("*.xml"))
    assert metadata, "the package has no metadata files"
    checks = [(schema("metadane.xsd"), path) for path in metadata]
    checks.append(
        (schema("spis-zdawczo-odbiorczy.xsd"), package / "spis-zdawczo-odbiorczy.xml")
    )
    for xsd, path in checks:
        assert xsd.validate(etree.parse(str(path), parser)), (
            f"{path.relative_to(package)} against {ndap_dir}: {xsd.error_log.last_error}"
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_front_page(bin_: Path, instance: Path, work: Path, environment: dict):
    """``runwsgi`` on the instance (on a free port of 127.0.0.1); the site's page."""
    port = _free_port()
    ini = instance / "etc" / "zope.ini"
    ini.write_text(ini.read_text().replace("port = 8080", f"port = {port}"))
    log = work / "runwsgi.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            (str(bin_ / "runwsgi"), str(ini)),
            cwd=work,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert server.poll() is None, f"runwsgi exited:\n{log.read_text()}"
            try:
                return requests.get(f"http://127.0.0.1:{port}/Plone", timeout=10)
            except requests.ConnectionError:
                time.sleep(0.5)
        pytest.fail(f"no answer within {START_TIMEOUT} s:\n{log.read_text()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
