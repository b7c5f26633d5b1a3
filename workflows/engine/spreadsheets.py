"""Spreadsheets people upload: an .xlsx workbook, or a .csv as Excel saves it (UTF-8 with or
without BOM, GBK/GB18030, UTF-16).

A file above the size cap is refused before anything parses it; a workbook is read with
openpyxl in read-only mode, row by row, and reading stops as soon as the row limit is passed.
Cells are read as people type them (date cells, "2001-3-5", "2001/03/05", "2001.3.5",
"2001年3月5日", numbers stored as text, stray spaces, formula errors) and every wrong cell is
named by its row number and column name, all at once. Nothing is applied unless every row is
good: the caller gets the rows only when none is wrong, and otherwise the rows as submitted,
so a page can show them back for the user to fix only the named cells.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils.datetime import from_excel

from .bounds import DateWindow
from .errors import CaseError

# An .xlsx is a zip of XML: a few megabytes may unpack to gigabytes (a zip bomb). Real
# workbooks unpack to a few times their size.
UNPACKED_PER_PACKED = 10
# So many empty rows in a row end the sheet: Excel keeps formatted empty rows to the bottom.
EMPTY_RUN_ENDS_SHEET = 1_000
# Rows shown back for correction on a page; beyond that the file is better fixed in Excel.
FIXABLE_ROWS_MAX = 100
_SIGNING_SALT = "workflows.engine.spreadsheets"
# 2001-3-5, 2001/03/05, 2001.3.5, 2001年3月5日 (spaces anywhere), or 20010305.
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def max_bytes() -> int:
    return settings.SPREADSHEET_MAX_BYTES


def max_rows() -> int:
    return settings.SPREADSHEET_MAX_ROWS


class SpreadsheetRefused(CaseError):
    """The file as a whole cannot be read: too large, not a spreadsheet, too many rows, wrong
    header."""


class CellError(ValueError):
    """One cell cannot be read; the message says why, the caller says where."""


@dataclass(frozen=True)
class CellProblem:
    """What is wrong on a row: in one cell (``column``), or across the row."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return _("第 %(row)s 行：%(message)s") % {"row": self.row, "message": self.message}
        return _("第 %(row)s 行「%(column)s」：%(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class SheetRow:
    """One data row: its number in the sheet and its cells by column name, as submitted."""

    number: int
    cells: dict[str, Any]

    def texts(self, columns: Sequence[Column]) -> list[str]:
        return [cell_text(self.cells.get(column.name)) for column in columns]


class SheetInvalid(CaseError):
    """Some cells are wrong: each is named, and ``rows`` keeps what was submitted."""

    def __init__(self, problems: list[CellProblem], rows: list[SheetRow]):
        self.problems = problems
        self.rows = rows
        super().__init__([str(problem) for problem in problems])

    def cells_wrong(self) -> dict[tuple[int, str | None], str]:
        """(row, column) → the reasons, for showing each next to its cell."""
        wrong: dict[tuple[int, str | None], str] = {}
        for problem in self.problems:
            key = (problem.row, problem.column)
            wrong[key] = "；".join(filter(None, [wrong.get(key), problem.message]))
        return wrong


def cell_text(value: Any) -> str:
    """A cell as the person sees it: dates as 2001-03-05, 12.0 as 12, no stray spaces."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Columns: what a cell must hold. ``parse`` returns the value or raises CellError.
@dataclass(frozen=True, kw_only=True)
class Column:
    name: str
    required: bool = True

    def parse(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip() in ERROR_CODES:
            raise CellError(_("公式错误 %(code)s，请改为实际的值") % {"code": value.strip()})
        if cell_text(value) == "":
            if self.required:
                raise CellError(_("不能为空"))
            return self.empty()
        return self.convert(value)

    def empty(self) -> Any:
        return ""

    def convert(self, value: Any) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class TextColumn(Column):
    max_length: int = 100

    def convert(self, value: Any) -> str:
        text = cell_text(value)
        if len(text) > self.max_length:
            raise CellError(_("超过 %(max)s 个字") % {"max": self.max_length})
        return text


@dataclass(frozen=True, kw_only=True)
class ChoiceColumn(Column):
    choices: tuple[str, ...]

    def convert(self, value: Any) -> str:
        text = cell_text(value)
        if text not in self.choices:
            *some, last = self.choices
            choices = _("%(some)s或%(last)s") % {"some": "、".join(some), "last": last}
            raise CellError(
                _("「%(value)s」应为%(choices)s")
                % {"value": text, "choices": choices if some else last}
            )
        return text


@dataclass(frozen=True, kw_only=True)
class DateColumn(Column):
    window: DateWindow

    def empty(self) -> None:
        return None

    def convert(self, value: Any) -> datetime.date:
        day = date_of(value)
        if day is None:
            raise CellError(
                _("「%(value)s」不是日期（可写作 1990-05-04、1990/5/4、1990年5月4日）")
                % {"value": cell_text(value)}
            )
        problem = self.window.problem(day, self.name)
        if problem:
            raise CellError(problem)
        return day


def _ascii(text: str) -> str:
    """Full-width digits, dashes and spaces typed with a Chinese input method, as ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def date_of(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell whose format was lost: Excel's serial day number.
        try:
            return from_excel(value).date() if 1 <= value < 2958466 else None
        except (ValueError, OverflowError):
            return None
    text = _ascii(str(value or ""))
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def rows_parse(rows: Sequence[SheetRow], columns: Sequence[Column]) -> list[dict[str, Any]]:
    """Every row's values by column name, or SheetInvalid naming every wrong cell."""
    problems, parsed = [], []
    for row in rows:
        values = {}
        for column in columns:
            try:
                values[column.name] = column.parse(row.cells.get(column.name))
            except CellError as error:
                problems.append(CellProblem(row.number, column.name, str(error)))
        parsed.append(values)
    if problems:
        raise SheetInvalid(problems, list(rows))
    return parsed


# Reading a file.
def spreadsheet_rows(file: IO[bytes], *, columns: Sequence[Column]) -> list[SheetRow]:
    """The data rows of the first sheet under its header row (the first row that is not
    empty), each cell under its column's name; columns the sheet adds are left out."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size > max_bytes():
        raise SpreadsheetRefused(
            _("文件大小 %(size)s，超过 %(limit)s 的上限")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    file.seek(0)
    content = file.read(max_bytes() + 1)
    if content.startswith(b"PK\x03\x04"):
        records = _workbook_records(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetRefused(
            _("这是旧版 Excel（.xls）或 Word 文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传")
        )
    elif content.startswith(b"%PDF"):
        raise SpreadsheetRefused(_("这是 PDF 文件，请上传 Excel（.xlsx）或 CSV 文件"))
    else:
        records = _csv_records(content)
    with closing(records):
        return _rows_under_header(records, columns)


def _rows_under_header(
    records: Generator[tuple[int, Sequence[Any]]], columns: Sequence[Column]
) -> list[SheetRow]:
    header: dict[str, int] | None = None
    rows: list[SheetRow] = []
    empty_run = 0
    limit = max_rows()
    for number, values in records:
        if all(cell_text(value) == "" for value in values):
            empty_run += 1
            if empty_run >= EMPTY_RUN_ENDS_SHEET:
                break
            continue
        empty_run = 0
        if header is None:
            header = _header(values, columns)
            continue
        if len(rows) == limit:
            raise SpreadsheetRefused(
                _("超过 %(limit)s 行的上限（第 %(row)s 行起），请分开导入")
                % {"limit": limit, "row": number}
            )
        rows.append(
            SheetRow(
                number,
                {
                    name: values[index] if index < len(values) else None
                    for name, index in header.items()
                },
            )
        )
    if header is None:
        raise SpreadsheetRefused(_("表格是空的"))
    return rows


def _header(values: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        name = cell_text(value)
        if name and name not in found:
            found[name] = index
    missing = [column.name for column in columns if column.required and column.name not in found]
    if missing:
        raise SpreadsheetRefused(
            _("表头（第一行）应为：%(headers)s；缺少：%(missing)s")
            % {
                "headers": "、".join(column.name for column in columns),
                "missing": "、".join(missing),
            }
        )
    return {column.name: found[column.name] for column in columns if column.name in found}


def _workbook_records(content: bytes) -> Generator[tuple[int, Sequence[Any]]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetRefused(_("文件已损坏，无法作为 Excel 工作簿读取")) from error
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise SpreadsheetRefused(_("这是 Word 文档，请上传 Excel（.xlsx）或 CSV 文件"))
        raise SpreadsheetRefused(_("不是 Excel 工作簿（.xlsx），请上传 .xlsx 或 CSV 文件"))
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes() * UNPACKED_PER_PACKED:
        raise SpreadsheetRefused(
            _("工作簿解压后达 %(size)s，超过 %(limit)s 的上限")
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(max_bytes() * UNPACKED_PER_PACKED),
            }
        )
    return _workbook_rows(content)


def _workbook_rows(content: bytes) -> Generator[tuple[int, Sequence[Any]]]:
    # openpyxl raises many kinds of errors (zip, XML, KeyError, ValueError) for a damaged
    # workbook, at opening or at any row: each is the same answer to the person uploading it.
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise SpreadsheetRefused(_("文件已损坏，无法作为 Excel 工作簿读取")) from error
    try:
        if not book.worksheets:
            raise SpreadsheetRefused(_("工作簿中没有工作表"))
        rows = book.worksheets[0].iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as error:
                raise SpreadsheetRefused(
                    _("第 %(row)s 行之后的内容已损坏，无法读取") % {"row": number}
                ) from error
            number += 1
            yield number, values
    finally:
        book.close()


def _csv_records(content: bytes) -> Generator[tuple[int, Sequence[Any]]]:
    text = _decoded(content)
    if "\x00" in text:  # text has no NUL; an image, an archive or a program does
        raise SpreadsheetRefused(_("不是 Excel（.xlsx）或 CSV 文件"))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, 1)
    except csv.Error as error:
        raise SpreadsheetRefused(
            _("CSV 第 %(row)s 行格式有误：%(error)s") % {"row": reader.line_num, "error": error}
        ) from error


def _decoded(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in content:
        raise SpreadsheetRefused(_("不是 Excel（.xlsx）或 CSV 文件"))
    else:
        # Excel in China saves "CSV (逗号分隔)" in GBK; GB18030 reads it and every character.
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetRefused(
        _("无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后上传")
    )


# Rows shown back on a page for correction: signed, so what comes back is what was shown.
@dataclass(frozen=True)
class FixCell:
    column: str
    name: str  # the input's name
    text: str
    problem: str


@dataclass(frozen=True)
class FixSheet:
    """A refused sheet as a page shows it back: every row travels in ``token``; the wrong rows
    are ``lines`` of inputs, each wrong cell with its reason."""

    headers: list[str]
    token: str
    lines: list[tuple[int, list[FixCell]]]

    @property
    def fixable(self) -> bool:
        # Every cell shown is a form field, and Django refuses a form with too many of them.
        fields_max = (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or float("inf")) - 10
        cells = len(self.lines) * len(self.headers)
        return 0 < len(self.lines) <= FIXABLE_ROWS_MAX and cells <= fields_max


def sheet_token(rows: Sequence[SheetRow], columns: Sequence[Column]) -> str:
    """Every row as typed, signed, for a page to send back (read again by ``fixed_rows``)."""
    return signing.dumps(
        [[row.number, row.texts(columns)] for row in rows], salt=_SIGNING_SALT, compress=True
    )


def fix_sheet(error: SheetInvalid, columns: Sequence[Column]) -> FixSheet:
    wrong = error.cells_wrong()
    token = sheet_token(error.rows, columns)
    wrong_rows = {row for row, _column in wrong}
    lines = [
        (
            row.number,
            [
                FixCell(
                    column.name,
                    fix_field_name(row.number, index),
                    text,
                    wrong.get((row.number, column.name), ""),
                )
                for index, (column, text) in enumerate(
                    zip(columns, row.texts(columns), strict=True)
                )
            ],
        )
        for row in error.rows
        if row.number in wrong_rows
    ]
    return FixSheet([column.name for column in columns], token, lines)


def fix_field_name(row: int, column_index: int) -> str:
    return f"cell-{row}-{column_index}"


def fixed_rows(token: str, post, columns: Sequence[Column]) -> list[SheetRow]:
    """The rows shown on the page with the corrections typed into them (none: as shown)."""
    try:
        shown = signing.loads(token, salt=_SIGNING_SALT, max_age=datetime.timedelta(days=1))
    except signing.BadSignature as error:
        raise SpreadsheetRefused(_("修改页已过期，请重新上传文件")) from error
    rows = []
    for number, texts in shown:
        cells = {}
        for index, column in enumerate(columns):
            typed = post.get(fix_field_name(number, index))
            cells[column.name] = typed if typed is not None else texts[index]
        rows.append(SheetRow(number, cells))
    return rows


def workbook_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """An .xlsx of one sheet: the header row, then ``rows`` (a template when there are none)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
