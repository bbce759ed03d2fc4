"""The streaming zip writer makes zips that zipfile and unzip read."""

import io
import shutil
import subprocess
import zipfile

import pytest

from mgops.caseflow.core.archive import zipstream
from mgops.caseflow.core.archive.zipstream import StreamingZipWriter


ENTRIES = [
    ("dokumenty/a.xml", b"<a/>" * 500),
    ("dokumenty/zażółć gęślą.pdf", bytes(range(256)) * 50),
    ("empty.txt", b""),
]


def _write(sink, entries=ENTRIES, chunk=1000):
    writer = StreamingZipWriter(sink)
    for name, data in entries:
        with writer.open(name, len(data)) as entry:
            for start in range(0, len(data), chunk):
                entry.write(data[start : start + chunk])
    writer.close()


def _check_readable(data: bytes, tmp_path, entries=ENTRIES):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == entries
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    unzip = shutil.which("unzip")
    if unzip:
        path = tmp_path / "test.zip"
        path.write_bytes(data)
        completed = subprocess.run(
            [unzip, "-t", str(path)], capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


def test_a_zip_written_to_a_stream_that_cannot_seek_reads_back(
    non_seekable_sink, tmp_path
):
    sink = non_seekable_sink()
    _write(sink)
    _check_readable(bytes(sink.data), tmp_path)


def test_the_same_entries_give_the_same_bytes(non_seekable_sink):
    one, two = non_seekable_sink(), non_seekable_sink()
    _write(one)
    _write(two, chunk=7)
    assert one.data == two.data


def test_zip64_records_are_read_back(monkeypatch, non_seekable_sink, tmp_path):
    # Lower the limits so that sizes, offsets and the entry count all need ZIP64.
    monkeypatch.setattr(zipstream, "ZIP64_LIMIT", 100)
    monkeypatch.setattr(zipstream, "ZIP_FILECOUNT_LIMIT", 2)
    sink = non_seekable_sink()
    _write(sink)
    assert b"PK\x06\x06" in sink.data  # ZIP64 end of central directory
    assert b"PK\x06\x07" in sink.data  # and its locator
    _check_readable(bytes(sink.data), tmp_path)


def test_one_entry_at_a_time(non_seekable_sink):
    writer = StreamingZipWriter(non_seekable_sink())
    with writer.open("a", 1), pytest.raises(RuntimeError):  # noqa: SIM117
        with writer.open("b", 1):
            pass


def test_an_aborted_zip_is_unreadable(non_seekable_sink):
    sink = non_seekable_sink()
    writer = StreamingZipWriter(sink)
    with writer.open("a.txt", 3) as entry:
        entry.write(b"abc")
    writer.abort()
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(bytes(sink.data)))
