"""The year's records as lines and tables, each piece with where it is.

Documents (.docx/.doc/.wps/.rtf/.odt/.txt/.md/.pdf) are read by ``shuzhi.readers``: a line is
a paragraph or a table row (cells joined with a tab), numbered from 1. Spreadsheets are
tables: .xlsx through openpyxl (merged cells filled with their value, every sheet), .csv in
any common Chinese encoding; a row keeps its Excel row number. An .xlsx is a zip: it gets
the same size and bomb limits as a .docx before openpyxl opens it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from shuzhi.documents import DOCUMENT_SUFFIXES
from shuzhi.errors import InputError
from shuzhi.readers import MAX_BYTES, MB, decode_text, read_bytes, read_document

TABLE_SUFFIXES = (".xlsx", ".csv")
RECORD_SUFFIXES = DOCUMENT_SUFFIXES + TABLE_SUFFIXES
MAX_CELLS = 200_000  # a unit's statistics table has hundreds


@dataclass
class Table:
    """One sheet (or a CSV): rows of cell texts, with their 1-based row numbers."""

    sheet: str | None
    rows: list[tuple[int, list[str]]]


@dataclass
class Record:
    """One record file: a document's lines, or a spreadsheet's tables."""

    name: str  # the file name the user knows it by (no directory)
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        if self.lines:
            return "\n".join(self.lines)
        return "\n".join("\t".join(cells) for table in self.tables for _, cells in table.rows)


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise InputError(f"{name}: 暂不支持旧版 Excel（.xls），请在 Excel/WPS 中另存为 .xlsx 后再导入")
    if suffix not in RECORD_SUFFIXES:
        raise InputError(f"{name}: 不支持的工作记录类型“{suffix or '无扩展名'}”，"
                         f"请使用 {'、'.join(RECORD_SUFFIXES)}")
    return suffix


def record_from_bytes(data: bytes, name: str) -> Record:
    """A record from the bytes of a file named ``name`` (an upload, or a file read from disk)."""
    suffix = _suffix(name)
    short = Path(name).name
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: 文件过大（{len(data) / MB:.1f} MB），上限为 {MAX_BYTES // MB} MB")
    if suffix in TABLE_SUFFIXES:
        tables = [_csv_table(data, name)] if suffix == ".csv" else _xlsx_tables(data, name)
        if not any(table.rows for table in tables):
            raise InputError(f"{name}: 表格是空的，没有可以摘录的内容")
        return Record(short, tables=tables)
    import warnings

    with warnings.catch_warnings():  # the notices travel in the record; the caller shows them
        warnings.simplefilter("ignore")
        document = read_document(data, name)
    return Record(short, lines=document.lines, notices=document.notices)


def read_record(path: str | Path) -> Record:
    _suffix(str(path))  # an unsupported type is refused before the file is touched
    return record_from_bytes(read_bytes(path), str(path))


def _csv_table(data: bytes, name: str) -> Table:
    text = decode_text(data, name)
    try:
        rows = [(i, [c.strip() for c in row]) for i, row in enumerate(csv.reader(io.StringIO(text)), 1)]
    except csv.Error:
        raise InputError(f"{name}: CSV 文件格式错误，无法读取") from None
    return Table(None, rows)


def _xlsx_tables(data: bytes, name: str) -> list[Table]:
    from shuzhi.documents.package import check_package

    check_package(data, name, kind="Excel 工作簿（.xlsx）")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to its own InvalidFileException
        raise InputError(f"{name}: 不是有效的 Excel 工作簿（.xlsx），或其内容无法解析") from None
    tables, cells = [], 0
    for sheet in book.worksheets:
        merged: dict[tuple[int, int], object] = {}  # (row, column) → the value of its merged range
        for span in sheet.merged_cells.ranges:
            value = sheet.cell(span.min_row, span.min_col).value
            for r in range(span.min_row, span.max_row + 1):
                for c in range(span.min_col, span.max_col + 1):
                    merged[(r, c)] = value
        rows = []
        for r, row in enumerate(sheet.iter_rows(), 1):  # from A1, as openpyxl iterates a sheet
            cells += len(row)
            if cells > MAX_CELLS:
                raise InputError(f"{name}: 表格过大（超过 {MAX_CELLS // 10000} 万个单元格），不像一份统计表")
            texts = [_cell_text(merged.get((r, c), cell.value)) for c, cell in enumerate(row, 1)]
            if any(texts):
                rows.append((r, texts))
        if rows:
            tables.append(Table(sheet.title, rows))
    return tables


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
