"""Where this instance writes its audit trail, and under which name.

Deployment configuration of the instance (environment, zope.conf), not a
setting of the centre: not in the registry, so Site Setup cannot move the trail.

* ``CASEFLOW_AUDIT_DIR`` (environment, e.g. in zope.conf's ``<environment>``),
  else ``audit-dir`` in zope.conf's ``<product-config mgops.caseflow>``,
  else ``<clienthome>/audit`` (the instance's ``var/audit``);
* ``CASEFLOW_AUDIT_INSTANCE`` names this instance's file (``audit-<name>.jsonl``)
  and its anchor in the database; by default the host name. Each instance of
  a scale-out setup needs its own name (``caseflow-cluster`` gives them
  ``<host>-<n>``): a directory of its own is not enough, since two files under
  one name share one anchor, which proves neither. Two instances sharing one
  file under one name keep one valid chain thanks to the file lock, but on one
  machine only.

The directory is read on every write (a dictionary look-up), so tests can point
it at a temporary directory.
"""

import os
import re
import socket
import tempfile
from pathlib import Path

from mgops.caseflow.core.audit.chain import SUFFIX
from mgops.caseflow.core.audit.chain import AuditLog


DIR_VARIABLE = "CASEFLOW_AUDIT_DIR"
INSTANCE_VARIABLE = "CASEFLOW_AUDIT_INSTANCE"

_logs: dict[Path, AuditLog] = {}


def _zope_configuration():
    try:
        from App.config import getConfiguration
    except ImportError:  # pragma: no cover - the command line without Zope
        return None
    return getConfiguration()


def audit_dir() -> Path:
    value = os.environ.get(DIR_VARIABLE)
    if value:
        return Path(value)
    configuration = _zope_configuration()
    product_config = getattr(configuration, "product_config", None) or {}
    value = (product_config.get("mgops.caseflow") or {}).get("audit-dir")
    if value:
        return Path(value)
    clienthome = getattr(configuration, "clienthome", None)
    if clienthome:
        return Path(clienthome) / "audit"
    return Path(tempfile.gettempdir()) / "mgops-caseflow-audit"


def instance_name() -> str:
    name = os.environ.get(INSTANCE_VARIABLE) or socket.gethostname() or "zope"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def current_log() -> AuditLog:
    path = audit_dir() / f"audit-{instance_name()}{SUFFIX}"
    log = _logs.get(path)
    if log is None:
        log = _logs.setdefault(path, AuditLog(path))
    return log
