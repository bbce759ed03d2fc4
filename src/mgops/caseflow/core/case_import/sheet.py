"""An import sheet, XLSX or CSV, read into rows of text — or refused.

The file comes from outside (an old system's export, a sheet typed by hand), so
it is read as hostile: at most ``MAX_BYTES``; an XLSX (a zip) whose parts would
unpack to more than ``MAX_UNPACKED_BYTES`` or by more than ``MAX_RATIO`` times
(a zip bomb) is refused before anything is unpacked; at most ``MAX_ROWS`` rows
and ``MAX_COLUMNS`` columns are read; a CSV must be UTF-8. A refused file is a
``SheetError`` with a Polish message; a formula in a cell is a problem of its row
and column (``Table.problems``): values are imported, never computed.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime

from mgops.caseflow.core.case_import.columns import BY_HEADER
from mgops.caseflow.core.case_import.columns import BY_KEY
from mgops.caseflow.core.case_import.columns import REQUIRED
from mgops.caseflow.core.errors import CaseflowError


MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 20_000
#: what the console script reads (a sheet of a whole office, from the disk)
LARGE_MAX_BYTES = 200 * 1024 * 1024
LARGE_MAX_ROWS = 1_000_000
MAX_COLUMNS = 60
MAX_CELL = 2_000


class SheetError(CaseflowError):
    """The file cannot be read as an import sheet; nothing was imported."""


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: the sheet's row number (the header is row 1) and
    the column's header as the sheet names it."""

    row: int
    column: str
    error: CaseflowError


@dataclass
class Table:
    #: (row number, {column key: text}) for each row that is not empty
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_sheet(data: bytes, filename: str = "", large: bool = False) -> Table:
    """The sheet's rows by column key, or ``SheetError``; ``large``: the
    console script's limits (``LARGE_MAX_BYTES``, ``LARGE_MAX_ROWS``)."""
    max_bytes, max_rows = (
        (LARGE_MAX_BYTES, LARGE_MAX_ROWS) if large else (MAX_BYTES, MAX_ROWS)
    )
    if not data:
        raise SheetError("import_empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise SheetError(
            "import_file_too_large",
            "The file has ${size} bytes; at most ${limit} are read. Split the "
            "sheet or use the console script caseflow-import-cases.",
            size=len(data),
            limit=max_bytes,
        )
    if data[:4] == b"PK\x03\x04":
        return _table(_xlsx_rows(data), max_rows)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise SheetError(
            "import_not_xlsx",
            "The file is not an XLSX workbook (Excel 2007 or later). Save the "
            "sheet as XLSX or as CSV (UTF-8).",
        )
    return _table(_csv_rows(data), max_rows)


def _xlsx_rows(data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetError(
            "import_not_xlsx",
            "The file is not an XLSX workbook (Excel 2007 or later). Save the "
            "sheet as XLSX or as CSV (UTF-8).",
        ) from None
    unpacked = sum(part.file_size for part in parts)
    packed = max(sum(part.compress_size for part in parts), 1)
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise SheetError(
            "import_xlsx_bomb",
            "The XLSX file would unpack to ${size} bytes (${ratio} times its "
            "size); such a file is not read.",
            size=unpacked,
            ratio=round(unpacked / packed),
        )
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [_cell(cell) for cell in row[: MAX_COLUMNS + 1]]
    except SheetError:
        raise
    except Exception:  # noqa: BLE001 - any fault of a foreign file is its fault
        raise SheetError(
            "import_xlsx_unreadable",
            "The XLSX file cannot be read (it is damaged or not a workbook).",
        ) from None


class Formula(str):
    """A cell's formula, reported instead of its value."""


def _cell(cell):
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (
        isinstance(value, str) and value.startswith("=")
    ):
        return Formula(str(value))
    if isinstance(value, datetime):
        return value.date()
    return value


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(
            "import_csv_encoding",
            "The CSV file is not in UTF-8 (byte ${position} is not UTF-8): save it "
            "as \u201eCSV UTF-8\u201d and send it again.",
            position=error.start + 1,
        ) from None
    if "\x00" in text:
        raise SheetError(
            "import_csv_binary",
            "The CSV file holds binary data, not text.",
        )
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            yield [
                Formula(cell) if cell.startswith("=") else cell
                for cell in row[: MAX_COLUMNS + 1]
            ]
    except csv.Error:
        raise SheetError(
            "import_csv_unreadable", "The CSV file cannot be read as a table."
        ) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _table(rows, max_rows: int) -> Table:
    """The header row names the columns; the rows after it are read by them."""
    table = Table()
    keys: list[str | None] = []
    for number, row in enumerate(rows, start=1):
        if number > max_rows + 1:
            raise SheetError(
                "import_too_many_rows",
                "The sheet has more than ${limit} rows; split it into smaller ones.",
                limit=max_rows,
            )
        if len(row) > MAX_COLUMNS:
            raise SheetError(
                "import_too_many_columns",
                "The sheet has more than ${limit} columns.",
                limit=MAX_COLUMNS,
            )
        if number == 1:
            keys = _header(row, table)
            continue
        values = {}
        for index, value in enumerate(row):
            key = keys[index] if index < len(keys) else None
            if isinstance(value, Formula):
                table.problems.append(
                    Problem(
                        number,
                        _header_of(keys, index),
                        CaseflowError(
                            "import_formula",
                            "The cell holds a formula (${formula}); enter its value "
                            "instead.",
                            formula=str(value)[:50],
                        ),
                    )
                )
                continue
            text = _text(value)
            if len(text) > MAX_CELL:
                table.problems.append(
                    Problem(
                        number,
                        _header_of(keys, index),
                        CaseflowError(
                            "import_cell_too_long",
                            "The cell holds ${length} characters; at most ${limit}.",
                            length=len(text),
                            limit=MAX_CELL,
                        ),
                    )
                )
                continue
            if key is not None and text:
                values[key] = text
        if values or any(_text(v) for v in row):
            table.rows.append((number, values))
    if not keys:
        raise SheetError("import_no_header", "The sheet has no header row.")
    return table


def _header_of(keys, index) -> str:
    key = keys[index] if index < len(keys) else None
    return BY_KEY[key].header if key else f"kolumna {index + 1}"


def _header(row, table: Table) -> list[str | None]:
    keys: list[str | None] = []
    for value in row:
        text = _text(value) if not isinstance(value, Formula) else str(value)
        column = BY_HEADER.get(text.casefold()) if text else None
        if text and column is None:
            table.problems.append(
                Problem(
                    1,
                    text,
                    CaseflowError(
                        "import_unknown_column",
                        "The column \u201e${column}\u201d is not one of the template's.",
                        column=text,
                    ),
                )
            )
        keys.append(column.key if column else None)
    for key in REQUIRED:
        if key not in keys:
            table.problems.append(
                Problem(
                    1,
                    BY_KEY[key].header,
                    CaseflowError(
                        "import_missing_column",
                        "The sheet has no column \u201e${column}\u201d.",
                        column=BY_KEY[key].header,
                    ),
                )
            )
    return keys
