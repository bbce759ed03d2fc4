"""``caseflow-instance``: write the Zope instance configuration for ``make start``.

Writes ``TARGET/etc/zope.conf`` (instance home, client home, a ZODB FileStorage
with blobs under ``VAR``, the i18n environment), ``TARGET/etc/zope.ini`` (waitress
on HOST:PORT serving the Zope WSGI application, logs in ``VAR/log``) and
``TARGET/etc/site.zcml`` (the ZCML entry point Zope loads Plone and its add-ons
from). Every path is absolute. Running it again rewrites the three files, so new
HOST/PORT values apply; the data under ``VAR`` is never touched.
"""

import argparse
import sys
from pathlib import Path


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
threads = 4

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
I18N_ENVIRONMENT = {
    "zope_i18n_compile_mo_files": "true",
    "zope_i18n_allowed_languages": "pl en",
}

#: where the archival export finds the NDAP schemas (archive/validation.py)
NDAP_VARIABLE = "MGOPS_CASEFLOW_NDAP_SCHEMAS"
#: the schemas beside a checkout (shared/standards/ndap), used when present
DEFAULT_NDAP_SCHEMAS = Path("../shared/standards/ndap")

#: Directories under VAR the instance writes into; created empty if missing.
VAR_DIRECTORIES = ("filestorage", "blobstorage", "cache", "log")


def _conf_path(path: Path) -> str:
    """A path inside zope.conf, where ``$`` would start a substitution."""
    return str(path).replace("$", "$$")


def _ini_path(path: Path) -> str:
    """A path inside zope.ini, where ``%`` would start an interpolation."""
    return str(path).replace("%", "%%")


def write_instance(
    target: Path,
    var: Path,
    host: str = "localhost",
    port: int = 8080,
    ndap_schemas: Path | None = None,
) -> dict[str, Path]:
    """Write the configuration files; return them by name (``zope.conf`` …).

    ``ndap_schemas`` is the folder of the state archives' XSDs, which the
    archival export validates against (``MGOPS_CASEFLOW_NDAP_SCHEMAS``).
    """
    environment = dict(I18N_ENVIRONMENT)
    if ndap_schemas is not None:
        environment[NDAP_VARIABLE] = _conf_path(Path(ndap_schemas).resolve())
    instance = Path(target).resolve()
    var = Path(var).resolve()
    etc = instance / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    for name in VAR_DIRECTORIES:
        (var / name).mkdir(parents=True, exist_ok=True)
    files = {
        "zope.conf": (
            etc / "zope.conf",
            ZOPE_CONF.format(
                instance=_conf_path(instance),
                var=_conf_path(var),
                max_conflict_retries=MAX_CONFLICT_RETRIES,
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
        default=DEFAULT_NDAP_SCHEMAS if DEFAULT_NDAP_SCHEMAS.is_dir() else None,
        help="folder of the NDAP XSDs for the archival export "
        "(default: ../shared/standards/ndap when it exists)",
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    files = write_instance(
        Path(args.target), Path(args.var), args.host, args.port, args.ndap_schemas
    )
    for path in files.values():
        print(f"Zapisano / written: {path}")
    print(
        f"Dane / data: {Path(args.var).resolve()} "
        f"(adres / address: http://{args.host}:{args.port})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
