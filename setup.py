"""Installer for the mgops.caseflow package."""

from pathlib import Path

from setuptools import find_namespace_packages
from setuptools import setup
from setuptools.command.build_py import build_py


class build_py_with_catalogues(build_py):
    """Compile every ``locales/*/LC_MESSAGES/*.po`` into its ``.mo`` in the build.

    A site that installs the wheel does not set ``zope_i18n_compile_mo_files``
    (and its site-packages may be read-only), so the wheel carries compiled
    catalogues. The compiler is python-gettext's ``Msgfmt``, the one zope.i18n
    runs when it compiles at start-up, so both give the same catalogues; it is a
    build requirement (pyproject.toml), pinned by ``--build-constraints
    constraints.txt``. An editable checkout keeps compiling at run time.
    """

    def run(self):
        super().run()
        if self.editable_mode:
            return
        from pythongettext.msgfmt import Msgfmt

        for po in sorted(Path(self.build_lib).rglob("locales/*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                po.with_suffix(".mo").write_bytes(Msgfmt(source, po.stem).get())


long_description = Path("README.md").read_text(encoding="utf-8")

setup(
    name="mgops.caseflow",
    version="1.0.0.dev0",
    description="Electronic family file (akta rodziny) for a Polish social-welfare centre",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "Natural Language :: Polish",
    ],
    keywords="Plone family assistant social welfare OPS akta rodziny",
    author="MGOPS",
    license="GPL-2.0-only",
    packages=find_namespace_packages("src", include=["mgops", "mgops.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    cmdclass={"build_py": build_py_with_catalogues},
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Plone",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "collective.z3cform.datagridfield",
        # the directory login (profile mgops.caseflow:ldap); python-ldap compiles
        # against libldap2-dev and libsasl2-dev
        "pas.plugins.ldap",
        "python-ldap",
        "holidays",
        "python-stdnum",
        "lxml",
        "signxml",
        "cryptography",
        "tqdm",
        "waitress",
        "pyyaml",
        # printed documents and reports: PDF (WeasyPrint), XLSX (openpyxl), SVG charts
        "weasyprint",
        "openpyxl",
        "pygal",
        # qualified signatures: path validation with CRL/OCSP, RFC 3161 timestamps
        "pyhanko-certvalidator",
        "requests",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.restapi[test]",
            "pytest",
            "pytest-plone",
            "hypothesis",
            "requests",
            # the OpenAPI description (services/openapi.yaml) and its fuzzing
            "openapi-spec-validator",
            "schemathesis",
            "playwright",
            # axe-core's WCAG rules in the browser tests
            "axe-playwright-python",
            "ruff",
            "zpretty",
            "import-linter",
            # a mock PKI (CAs, CRL, OCSP, TSA) served on 127.0.0.1 by the tests
            "certomancer[web-api]",
        ],
        # Several instances on one PostgreSQL database (README: "Running on
        # several instances"); the binary wheel needs no compiler or libpq-dev,
        # so `make start` installs on a bare machine.
        "relstorage": [
            "RelStorage",
            "psycopg2-binary",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "caseflow-instance = mgops.caseflow.deploy.instance:main",
            "caseflow-demo = mgops.caseflow.cli.demo:main",
            "caseflow-demo-ca = mgops.caseflow.core.signing.democa:main",
            "caseflow-archive = mgops.caseflow.cli.archive:main",
            "caseflow-import-cases = mgops.caseflow.cli.case_import:main",
            "caseflow-postgres = mgops.caseflow.deploy.pgserver:main",
            "caseflow-cluster = mgops.caseflow.deploy.cluster:main",
            "caseflow-migrate = mgops.caseflow.deploy.migrate:main",
            "caseflow-audit = mgops.caseflow.cli.audit:main",
            "caseflow-backup = mgops.caseflow.deploy.backup:main",
        ],
    },
)
