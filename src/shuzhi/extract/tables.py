"""Figures in spreadsheets and CSV files, by their layout.

A figures table — a header with 名称 and 数值 (单位 and 部分 optional) — maps directly: one
figure a row, its section named by 部分 (heading or id), else by the name's signals; an empty
数值 is an empty figure, never a number. Any other table is read as a statistics table as
units fill them: the header rows are those before the first row with a number (merged cells
already filled), the name is the row's 项目 (or its last text cell before the numbers), each
number column a figure whose unit comes from the header ("次数（次）") or the cell ("4次");
序号 and 备注 columns, 合计 and 注 rows, and "—" are not figures.
"""

from __future__ import annotations

import re

from shuzhi.extract.found import Found, number_value
from shuzhi.extract.records import Record, Table
from shuzhi.extract.sections import Sections
from shuzhi.facts import Figure, Source

_VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]{0,4})\s*$")
_HEADER_UNIT = re.compile(r"[（(]([^（()）]{1,4})[）)]\s*$")
_SKIP_ROW = re.compile(r"^\s*(?:合计|总计|小计|累计|注[:：]|备注|说明)")
_NAME_HEADER = ("名称", "项目", "指标", "工作项目", "内容", "事项", "指标名称", "项目名称")
_UNIT_HEADER = ("单位", "计量单位")
_SKIP_HEADER = ("序号", "编号", "备注", "说明", "日期", "时间")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def table_found(table: Table, file: str, sections: Sections) -> list[Found]:
    header_at = next((i for i, (_, cells) in enumerate(table.rows)
                      if "名称" in cells and "数值" in cells), None)
    if header_at is not None:
        return _figures_table(table, header_at, file, sections)
    return _statistics_table(table, file, sections)


def _source(table: Table, file: str, row: int, column: int, quote: str) -> Source:
    return Source(file=file, sheet=table.sheet, row=row, column=column_letter(column), quote=quote[:500])


def _figures_table(table: Table, header_at: int, file: str, sections: Sections) -> list[Found]:
    header = table.rows[header_at][1]
    col: dict[str, int] = {name: header.index(name) for name in ("名称", "数值", "单位", "部分") if name in header}
    found = []
    for row, cells in table.rows[header_at + 1:]:
        cell = _cells(cells, col)
        name = cell("名称")
        if not name or _SKIP_ROW.match(name):
            continue
        raw, unit = cell("数值"), cell("单位")
        value: int | float | str | None = None
        if raw:
            match = _VALUE.match(raw)
            value = number_value(match.group(1)) if match else raw
            unit = unit or (match.group(2) if match else "")
        section = sections.named(cell("部分")) or sections.assign(name)
        source = _source(table, file, row, col["数值"], raw)
        found.append(Found(section, figure=Figure(name=name[:200], value=value, unit=unit[:20], source=source)))
    return found


def _cells(cells: list[str], columns: dict[str, int]):
    """The row's cell under a header (``cell("数值")``), "" where the row is short."""
    return lambda key: cells[columns[key]].strip() if key in columns and columns[key] < len(cells) else ""


def _statistics_table(table: Table, file: str, sections: Sections) -> list[Found]:
    first_data = next((i for i, (_, cells) in enumerate(table.rows)
                       if sum(bool(_VALUE.match(c)) for c in cells) >= 1 and sum(bool(c) for c in cells) >= 3), None)
    if first_data is None:
        return []
    # a merged title or 填报 line fills every cell with one text: not a header
    header_rows = [cells for _, cells in table.rows[:first_data] if len({c for c in cells if c}) >= 2]
    width = max(len(cells) for _, cells in table.rows)
    headers = []
    for c in range(width):
        parts = [cells[c] for cells in header_rows if c < len(cells) and cells[c]]
        headers.append(list(dict.fromkeys(parts)))
    unit_col = next((c for c, h in enumerate(headers) if any(part in _UNIT_HEADER for part in h)), None)
    skip = {c for c, h in enumerate(headers) if any(any(s in part for s in _SKIP_HEADER) for part in h)}
    if unit_col is not None:
        skip.add(unit_col)
    name_col = next((c for c, h in enumerate(headers) if c not in skip and any(part in _NAME_HEADER for part in h)), None)
    found = []
    for row, cells in table.rows[first_data:]:
        if any(_SKIP_ROW.match(c) for c in cells if c):
            continue
        matches = {c: m for c, text in enumerate(cells) if c not in skip and (m := _VALUE.match(text))}
        numbers = list(matches)
        texts = [c for c, text in enumerate(cells) if c not in skip and text and not _VALUE.match(text)]
        name_at = name_col if name_col is not None else max((c for c in texts if not numbers or c < numbers[0]),
                                                            default=None)
        if name_at is None or name_at >= len(cells) or not cells[name_at]:
            continue
        name = cells[name_at]
        context = " ".join(cells[c] for c in texts)
        for n, c in enumerate(c for c in numbers if c > name_at):
            match = matches[c]
            header = headers[c][-1] if c < len(headers) and headers[c] else ""
            unit_match = _HEADER_UNIT.search(header)
            unit = unit_match.group(1) if unit_match else match.group(2)
            if not unit and unit_col is not None and unit_col < len(cells):
                unit = cells[unit_col]  # 单位 in a column of its own
            label = _HEADER_UNIT.sub("", header).strip()
            figure_name = name if n == 0 or not label else f"{name}{label}"
            source = _source(table, file, row, c, cells[c])
            found.append(Found(sections.assign(name, context), figure=Figure(
                name=figure_name[:200], value=number_value(match.group(1)), unit=unit[:20], source=source)))
    return found


def document_tables(record: Record, sections: Sections, found: list[Found]) -> set[int]:
    """A Word table of counts (日期 | 活动内容 | 参加人数（人）) read as a statistics table:
    its figures and its rows' work as items added to ``found``; the lines it counted."""
    counted: set[int] = set()
    block: list[tuple[int, list[str]]] = []
    for number, line in [*enumerate(record.lines, 1), (0, "")]:
        if "\t" in line and (not block or line.count("\t") == len(block[-1][1]) - 1):
            block.append((number, line.split("\t")))
            continue
        figures = table_found(Table(None, block), record.name, sections) if len(block) > 1 else []
        for each in figures:
            figure = each.figure
            cell = figure.source if figure is not None else None
            if figure is None or cell is None or cell.column is None or cell.row is None:
                continue  # a table's figure always has its cell: this only narrows the types
            line_no = cell.row
            figure.source = Source(file=record.name, line=line_no, quote=record.lines[line_no - 1][:500])
            if line_no not in counted:
                counted.add(line_no)
                work = max(record.lines[line_no - 1].split("\t"), key=len)
                found.append(Found(each.section, item=work, source=Source(file=record.name, line=line_no)))
            found.append(each)
        block = [(number, line.split("\t"))] if "\t" in line else []
    return counted

