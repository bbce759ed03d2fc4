"""Where a package is read from: a directory tree or a zip (path or file object).

Both give the same view: the list of regular files by package path, and a
way to open each for reading. Anything that could lead outside the package
(absolute names, ``..``, symbolic links, duplicate zip entries) is refused
when the source is opened.
"""

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.layout import is_safe_package_path


class DirectorySource:
    def __init__(self, root: Path):
        self.root = root
        self._files: dict[str, int] = {}
        self._walk(root, "")

    def _walk(self, folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = prefix + entry.name
                if entry.is_symlink() or not is_safe_package_path(path):
                    raise ArchiveError("archive_unsafe_path", path=path)
                if entry.is_dir(follow_symlinks=False):
                    self._walk(Path(entry.path), path + "/")
                elif entry.is_file(follow_symlinks=False):
                    self._files[path] = entry.stat(follow_symlinks=False).st_size
                else:
                    raise ArchiveError("archive_unsafe_path", path=path)

    def files(self) -> dict[str, int]:
        """Package path → size of every regular file."""
        return self._files

    def open(self, path: str) -> BinaryIO:
        return open(self.root / path, "rb")

    def close(self) -> None:
        pass


class ZipSource:
    def __init__(self, source: str | os.PathLike | BinaryIO):
        try:
            self._zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as error:
            raise ArchiveError("archive_not_a_package", source=_name(source)) from error
        self._files: dict[str, int] = {}
        for info in self._zip.infolist():
            if info.is_dir():
                continue  # folders re-zipped by an archivist's tool carry no data
            if not is_safe_package_path(info.filename):
                raise ArchiveError("archive_unsafe_path", path=info.filename)
            if info.filename in self._files:
                raise ArchiveError("archive_duplicate_entry", path=info.filename)
            self._files[info.filename] = info.file_size

    def files(self) -> dict[str, int]:
        return self._files

    def open(self, path: str) -> BinaryIO:
        return self._zip.open(path)

    def close(self) -> None:
        self._zip.close()


def open_source(source) -> DirectorySource | ZipSource:
    """A directory or a zip, judged by what ``source`` is."""
    if isinstance(source, io.IOBase) or hasattr(source, "read"):
        return ZipSource(source)
    path = Path(source)
    if path.is_dir():
        return DirectorySource(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return ZipSource(path)
    raise ArchiveError("archive_not_a_package", source=_name(source))


def _name(source) -> str:
    return str(getattr(source, "name", source))
