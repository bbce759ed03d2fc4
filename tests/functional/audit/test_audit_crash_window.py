"""The crash window, and ``caseflow-audit verify --zope-conf``, on a real FileStorage.

A process is SIGKILLed after the trail wrote (and fsynced) a change's entry but
before the database committed the change: the entry stays in the file, beyond
the committed anchor. The next write finds it there, checks it continues the
anchored chain, and records it in the anchor as never committed (by its
transaction id); ``verify --zope-conf`` reads the anchor from the database the
instance's zope.conf names, read-only, and says so — and reports a cut file.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from mgops.caseflow.deploy.instance import main as make_instance


SCRIPT = Path(__file__).with_name("plain_zodb.py")
SRC = Path(__file__).resolve().parents[3] / "src"


def run(*args, env, check=True):
    return subprocess.run(
        [sys.executable, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


def test_an_entry_of_a_crashed_commit_is_recognised_and_verify_reads_the_anchor(
    tmp_path,
):
    instance, var = tmp_path / "instance", tmp_path / "var"
    make_instance(["--target", str(instance), "--var", str(var)])
    zope_conf = instance / "etc" / "zope.conf"
    data_fs = var / "filestorage" / "Data.fs"
    data_fs.parent.mkdir(parents=True, exist_ok=True)
    audit = var / "audit"
    env = {
        **{k: v for k, v in os.environ.items() if k != "CASEFLOW_AUDIT_DIR"},
        "PYTHONPATH": str(SRC),
        "CASEFLOW_AUDIT_DIR": str(audit),
        "CASEFLOW_AUDIT_INSTANCE": "i1",
    }
    log = audit / "audit-i1.jsonl"
    crashed = run(SCRIPT, data_fs, 3, "crash", env=env, check=False)
    assert crashed.returncode == -9, crashed.stderr
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(entries) == 4  # the crashed transaction's entry was fsynced
    ghost = entries[-1]["txn"]

    verify = ("-m", "mgops.caseflow.cli.audit", "verify")
    env.pop("CASEFLOW_AUDIT_DIR")
    checked = run(*verify, "--zope-conf", zope_conf, env=env, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "zgodny z kotwicą" in checked.stdout

    # The next transaction finds the entry beyond the anchor and records it.
    run(SCRIPT, data_fs, 1, env={**env, "CASEFLOW_AUDIT_DIR": str(audit)})
    checked = run(*verify, "--zope-conf", zope_conf, env=env, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "wpisy 4–4 bez kotwicy" in checked.stdout
    assert ghost in checked.stdout

    # The last lines cut off: only the anchor can tell, and it does.
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-2]))
    plain = run(*verify, "--log", audit, env=env, check=False)
    assert plain.returncode == 0  # the file's own chain still holds
    checked = run(*verify, "--zope-conf", zope_conf, env=env, check=False)
    assert checked.returncode == 1
    assert "obcięty" in checked.stdout
    log.unlink()
    checked = run(*verify, "--zope-conf", zope_conf, env=env, check=False)
    assert checked.returncode == 1
    assert "usunięty" in checked.stdout
