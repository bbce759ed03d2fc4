"""``caseflow-instance``: write the Zope instance configuration for ``make start``.

Writes ``TARGET/etc/zope.conf`` (instance home, client home, a ZODB FileStorage
with blobs under ``VAR`` — or, with ``--db relstorage --dsn …``, a RelStorage
database in PostgreSQL, see ``STORAGES`` — the i18n environment), ``TARGET/etc/zope.ini`` (waitress
on HOST:PORT serving the Zope WSGI application, logs in ``VAR/log``) and
``TARGET/etc/site.zcml`` (the ZCML entry point Zope loads Plone and its add-ons
from). Every path is absolute. Running it again rewrites the three files, so new
HOST/PORT values apply; the data under ``VAR`` is never touched.
"""

import argparse
import os
import sys
from pathlib import Path

from mgops.caseflow.cli.site import I18N_ENVIRONMENT


#: Zope retries a request this often on a ZODB conflict (its default is 3); the
#: register counter refuses to merge on purpose, so concurrent signers retry.
MAX_CONFLICT_RETRIES = 10

ZOPE_CONF = """\
# Written by caseflow-instance: re-running it rewrites this file.
# The data lives in {var} and is never touched by it.
%define INSTANCEHOME {instance}
instancehome $INSTANCEHOME
%define CLIENTHOME {var}
clienthome $CLIENTHOME

debug-mode off
# Conflicts on hot spots (the register counter, a busy folder) are retried.
max-conflict-retries {max_conflict_retries}
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8

<environment>
    CHAMELEON_CACHE {var}/cache
{i18n_environment}
</environment>

{storage}"""

FILESTORAGE = """\
<zodb_db main>
    mount-point /
    cache-size 30000
    # Blob-enabled FileStorage database
    <filestorage>
        path {var}/filestorage/Data.fs
        blob-dir {var}/blobstorage
    </filestorage>
</zodb_db>
"""

#: Several instances, one database. History-free (``keep-history false``): Plone
#: needs no ZODB undo, the tables stay small and ``zodbpack`` is cheap. Blobs go to
#: one directory every instance on this machine shares (``shared-blob-dir``);
#: instances on other machines need that directory on a shared file system, or
#: ``--blob-cache`` to keep blobs in PostgreSQL with a local cache per instance.
RELSTORAGE = """\
%import relstorage
<zodb_db main>
    mount-point /
    cache-size 30000
    # RelStorage on PostgreSQL: any number of instances may open it at once
    <relstorage>
        keep-history false
        blob-dir {blob_dir}
        shared-blob-dir {shared}
{blob_cache}        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>
</zodb_db>
"""

#: The storages ``--db`` chooses from.
STORAGES = ("filestorage", "relstorage")
#: Where ``--dsn`` comes from when not given on the command line.
DSN_ENVIRONMENT = "CASEFLOW_DSN"

ZOPE_INI = """\
# Written by caseflow-instance: re-running it rewrites this file.
# Serve with: runwsgi {instance}/etc/zope.ini

[app:zope]
use = egg:Zope#main
zope_conf = {instance}/etc/zope.conf

[server:main]
use = egg:waitress#main
host = {host}
port = {port}
threads = {threads}

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

# Formats are read raw; app settings and handler args are %-interpolated.

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s:%(lineno)s][%(threadName)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = ({access_log!r}, 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = ({event_log!r}, 'a')
level = INFO
formatter = generic
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:meta="http://namespaces.zope.org/meta"
    xmlns:five="http://namespaces.zope.org/five"
    >

  <!-- Written by caseflow-instance: re-running it rewrites this file.
       Plone loads its add-ons, mgops.caseflow among them, by z3c.autoinclude. -->

  <include package="Products.Five" />
  <meta:redefinePermission
      from="zope2.Public"
      to="zope.Public"
      />

  <five:loadProducts file="meta.zcml" />
  <five:loadProducts />
  <five:loadProductsOverrides />

  <securityPolicy component="AccessControl.security.SecurityPolicy" />

</configure>
"""

#: Polish first; zope.i18n compiles the .po files at startup. zope.i18n reads
#: ``zope_i18n_allowed_languages`` when it is first imported, which can be before
#: Zope applies <environment>: set it in the process environment too to be sure.

#: a folder replacing the NDAP schemas shipped with the add-on (archive/validation.py)
NDAP_VARIABLE = "MGOPS_CASEFLOW_NDAP_SCHEMAS"
#: the name of the instance's audit trail file and anchor (``audit.config``)
AUDIT_INSTANCE_VARIABLE = "CASEFLOW_AUDIT_INSTANCE"
#: the directory of the instance's audit trail (``audit.config``)
AUDIT_DIR_VARIABLE = "CASEFLOW_AUDIT_DIR"

#: Directories under VAR the instance writes into; created empty if missing.
VAR_DIRECTORIES = ("filestorage", "blobstorage", "cache", "log")
RELSTORAGE_VAR_DIRECTORIES = ("cache", "log")


def _conf_path(path: Path) -> str:
    """A path inside zope.conf, where ``$`` would start a substitution."""
    return str(path).replace("$", "$$")


def _ini_path(path: Path) -> str:
    """A path inside zope.ini, where ``%`` would start an interpolation."""
    return str(path).replace("%", "%%")


def storage_section(
    var: Path,
    db: str = "filestorage",
    dsn: str | None = None,
    blob_dir: Path | None = None,
    blob_cache: bool = False,
) -> str:
    """The ``<zodb_db main>`` section of zope.conf for ``db``."""
    if db == "filestorage":
        return FILESTORAGE.format(var=_conf_path(var))
    if db != "relstorage":
        raise ValueError(f"unknown storage: {db}")
    if not dsn or "\n" in dsn:
        raise ValueError("RelStorage needs a one-line PostgreSQL DSN (--dsn)")
    blob_dir = Path(blob_dir or var / "blobstorage").resolve()
    return RELSTORAGE.format(
        dsn=_conf_path(dsn),
        blob_dir=_conf_path(blob_dir),
        shared="false" if blob_cache else "true",
        blob_cache="        blob-cache-size 1gb\n" if blob_cache else "",
    )


def write_instance(
    target: Path,
    var: Path,
    host: str = "localhost",
    port: int = 8080,
    ndap_schemas: Path | None = None,
    db: str = "filestorage",
    dsn: str | None = None,
    blob_dir: Path | None = None,
    blob_cache: bool = False,
    threads: int = 4,
    audit_name: str | None = None,
) -> dict[str, Path]:
    """Write the configuration files; return them by name (``zope.conf`` …).

    ``ndap_schemas``, when given, is a folder of the state archives' XSDs the
    archival export validates against instead of the copies shipped with the
    add-on (``MGOPS_CASEFLOW_NDAP_SCHEMAS``). ``audit_name`` names the
    instance's audit trail and its anchor (default: the host name); instances
    of one database on one host need one each, and then get their trail in
    ``VAR/audit`` whatever the environment they are started from says.
    """
    environment = dict(I18N_ENVIRONMENT)
    if audit_name is not None:
        environment[AUDIT_INSTANCE_VARIABLE] = audit_name
        environment[AUDIT_DIR_VARIABLE] = _conf_path(Path(var).resolve() / "audit")
    if ndap_schemas is not None:
        environment[NDAP_VARIABLE] = _conf_path(Path(ndap_schemas).resolve())
    instance = Path(target).resolve()
    var = Path(var).resolve()
    etc = instance / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    storage = storage_section(var, db, dsn, blob_dir, blob_cache)
    directories = VAR_DIRECTORIES if db == "filestorage" else RELSTORAGE_VAR_DIRECTORIES
    for name in directories:
        (var / name).mkdir(parents=True, exist_ok=True)
    if db == "relstorage":
        Path(blob_dir or var / "blobstorage").mkdir(parents=True, exist_ok=True)
    files = {
        "zope.conf": (
            etc / "zope.conf",
            ZOPE_CONF.format(
                instance=_conf_path(instance),
                var=_conf_path(var),
                max_conflict_retries=MAX_CONFLICT_RETRIES,
                storage=storage,
                i18n_environment="\n".join(
                    f"    {key} {value}" for key, value in environment.items()
                ),
            ),
        ),
        "zope.ini": (
            etc / "zope.ini",
            ZOPE_INI.format(
                instance=_ini_path(instance),
                host=host,
                port=port,
                threads=threads,
                access_log=_ini_path(var / "log" / "instance-access.log"),
                event_log=_ini_path(var / "log" / "instance.log"),
            ),
        ),
        "site.zcml": (etc / "site.zcml", SITE_ZCML),
    }
    for path, text in files.values():
        path.write_text(text, encoding="utf-8")
    return {name: path for name, (path, _) in files.items()}


def _port(value: str) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a TCP port: {value}")
    return port


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="caseflow-instance",
        description="Zapisuje konfigurację instancji Zope / "
        "Write the Zope instance configuration (zope.conf, zope.ini).",
    )
    parser.add_argument(
        "--target",
        default="instance",
        help="instance directory; the files go to TARGET/etc (default: instance)",
    )
    parser.add_argument(
        "--var",
        default="var",
        help="data directory: Data.fs, blobs, logs (default: var)",
    )
    parser.add_argument("--host", default="localhost", help="default: localhost")
    parser.add_argument("--port", type=_port, default=8080, help="default: 8080")
    parser.add_argument(
        "--ndap-schemas",
        type=Path,
        default=None,
        help="a folder of NDAP XSDs replacing those shipped with the add-on "
        "(default: the shipped ones)",
    )
    parser.add_argument(
        "--db",
        choices=STORAGES,
        default="filestorage",
        help="filestorage (one instance, Data.fs under VAR) or relstorage "
        "(PostgreSQL, several instances); default: filestorage",
    )
    parser.add_argument(
        "--dsn",
        default=os.environ.get(DSN_ENVIRONMENT),
        help="PostgreSQL DSN for --db relstorage, e.g. "
        '"dbname=caseflow host=127.0.0.1 port=5432 user=plone password=…" '
        f"(default: ${DSN_ENVIRONMENT})",
    )
    parser.add_argument(
        "--blob-dir",
        default=None,
        help="RelStorage: the blob directory all instances share "
        "(default: VAR/blobstorage)",
    )
    parser.add_argument(
        "--blob-cache",
        action="store_true",
        help="RelStorage: keep blobs in PostgreSQL and only cache them in "
        "--blob-dir (for instances on several machines without a shared disk)",
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads (default: 4)"
    )
    args = parser.parse_args(argv)
    if args.db == "relstorage" and not args.dsn:
        parser.error(f"--db relstorage needs --dsn or ${DSN_ENVIRONMENT}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    files = write_instance(
        Path(args.target),
        Path(args.var),
        args.host,
        args.port,
        db=args.db,
        dsn=args.dsn,
        blob_dir=Path(args.blob_dir) if args.blob_dir else None,
        blob_cache=args.blob_cache,
        threads=args.threads,
        ndap_schemas=args.ndap_schemas,
    )
    for path in files.values():
        print(f"Zapisano / written: {path}")
    where = Path(args.var).resolve() if args.db == "filestorage" else "PostgreSQL"
    print(f"Dane / data: {where} (adres / address: http://{args.host}:{args.port})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
