"""caseflow-audit verify: the audit chain checked from the command line."""

import pytest

from mgops.caseflow.cli.audit import main
from mgops.caseflow.core.audit.chain import AuditLog


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit-test.jsonl")


def fill(log, count=5):
    for number in range(count):
        log.append({"action": "read", "user": "sw1", "n": number, "note": "żółć"})


def lines(log):
    return log.path.read_text(encoding="utf-8").splitlines()


def test_command_line_verifies_and_names_the_broken_entry(log, capsys):
    fill(log)
    assert main(["verify", "--log", str(log.path.parent)]) == 0
    assert "5 wpisów, łańcuch nienaruszony" in capsys.readouterr().out
    text = lines(log)
    text[3] = text[3].replace('"n":3', '"n":33')
    log.path.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main(["verify", "--log", str(log.path.parent)]) == 1
    assert "wiersz 4" in capsys.readouterr().out


def test_command_line_without_log_files(tmp_path):
    assert main(["verify", "--log", str(tmp_path)]) == 2
