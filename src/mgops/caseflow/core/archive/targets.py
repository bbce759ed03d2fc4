"""Where a package is written: a directory, a zip (file or stream), or nowhere.

A target offers the package only once it is complete: a directory is built
beside its final name and renamed at the end, a zip file likewise; a zip on
a stream gets its central directory only on success, so an export that fails
half-way leaves nothing a zip tool or the reader would accept.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from typing import Protocol

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.zipstream import StreamingZipWriter


class PackageTarget(Protocol):
    def open(self, path: str, size_hint: int):
        """A context manager giving an object with ``write(bytes)``."""

    def commit(self) -> None:
        """Offer the finished package."""

    def abort(self) -> None:
        """Drop whatever was written."""


class DirectoryTarget:
    """A package as a directory tree at ``path`` (absent or empty)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
            raise ArchiveError("archive_target_not_empty", path=self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._work = Path(
            tempfile.mkdtemp(prefix=f".{self.path.name}.partial-", dir=self.path.parent)
        )

    @contextmanager
    def open(self, path: str, size_hint: int):
        file_path = self._work / path
        file_path.parent.mkdir(parents=True, exist_ok=True)
        with open(file_path, "xb") as file:
            yield file

    def commit(self) -> None:
        if self.path.exists():
            self.path.rmdir()
        os.replace(self._work, self.path)

    def abort(self) -> None:
        shutil.rmtree(self._work, ignore_errors=True)


class ZipTarget:
    """A package as one zip, to a file path or to any writable stream.

    The stream need not seek (a web response will do) and is not closed.
    """

    def __init__(self, destination: str | os.PathLike | BinaryIO, compresslevel=6):
        if isinstance(destination, str | os.PathLike):
            self.path = Path(destination)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(
                prefix=f".{self.path.name}.partial-", dir=self.path.parent
            )
            self._partial = Path(partial)
            self._file = os.fdopen(handle, "wb")
            stream = self._file
        else:
            self.path = self._partial = self._file = None
            stream = destination
        self._zip = StreamingZipWriter(stream, compresslevel=compresslevel)

    def open(self, path: str, size_hint: int):
        return self._zip.open(path, size_hint)

    def commit(self) -> None:
        self._zip.close()
        if self._file is not None:
            self._file.close()
            os.replace(self._partial, self.path)

    def abort(self) -> None:
        self._zip.abort()
        if self._file is not None:
            self._file.close()
            self._partial.unlink(missing_ok=True)


class DiscardTarget:
    """Writes nothing: a dry run that validates a whole export before offering it."""

    def __init__(self):
        self.bytes = 0

    @contextmanager
    def open(self, path: str, size_hint: int):
        yield self

    def write(self, data: bytes) -> int:
        self.bytes += len(data)
        return len(data)

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass
