"""Installer for the mgops.caseflow package."""

from pathlib import Path

from setuptools import find_namespace_packages
from setuptools import setup


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
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Plone",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "collective.z3cform.datagridfield",
        "holidays",
        "python-stdnum",
        "lxml",
        "signxml",
        "cryptography",
        "tqdm",
        "waitress",
        "pyyaml",
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
            "ruff",
            "zpretty",
            "import-linter",
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
            "caseflow-postgres = mgops.caseflow.deploy.pgserver:main",
            "caseflow-cluster = mgops.caseflow.deploy.cluster:main",
            "caseflow-migrate = mgops.caseflow.deploy.migrate:main",
            "caseflow-audit = mgops.caseflow.cli.audit:main",
            "caseflow-backup = mgops.caseflow.deploy.backup:main",
        ],
    },
)
