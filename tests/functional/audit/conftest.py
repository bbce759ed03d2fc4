"""A fresh audit directory per test, and a reader for it."""

import pytest

from mgops.caseflow.core.audit.chain import read_entries


@pytest.fixture
def audit_log(tmp_path, monkeypatch):
    """``audit_log()``: the entries written so far (the server runs in-process)."""
    directory = tmp_path / "audit"
    monkeypatch.setenv("CASEFLOW_AUDIT_DIR", str(directory))

    def entries(**match):
        return [
            entry
            for entry in read_entries(directory)
            if all(entry.get(key) == value for key, value in match.items())
        ]

    entries.directory = directory
    return entries
