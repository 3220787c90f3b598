"""The report split once — lines, sections with their headings, title, year, report type —
and shared by every rule, so no rule re-parses the text and all agree on positions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.headings import LEVELS, Numbered, match_number
from shuzhi.text.paragraphs import clean_line
from shuzhi.text.years import first_year

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_TITLE_WORDS = compile_pattern(r"报告|述职|总结|汇报|述廉|述责")
_MAX_HEADING = 45


@dataclass(slots=True)
class Section:
    """A heading and the text under it up to the next heading of any level."""

    number: str  # "一、", "（一）", or "" for the preamble
    level: int  # 0 preamble, 1 for 一、, 2 for （一）
    heading: str  # without its number
    line: int  # 1-based line of the heading (the preamble: its first line)
    start: int  # offset where the body starts
    end: int  # offset where the body ends
    position: tuple[int, ...] = field(default=())  # (i,) or (i, j), 1-based, in reading order


class Document:
    """A text to check. ``line_offset`` shifts reported lines (checking one section of a draft)."""

    def __init__(self, text: str, *, line_offset: int = 0, whole: bool = True, markdown: bool = False):
        self.text = text
        self.line_offset = line_offset
        self.whole = whole
        self.markdown = markdown
        self.cache: dict = {}  # results several rules share (placeholder spans), computed once
        self.lines = text.split("\n")
        self.line_starts = list(accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    # -- positions -------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of a character offset (shifted by ``line_offset``)."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1 + self.line_offset, offset - self.line_starts[index] + 1

    # -- title, year, type -------------------------------------------------------------------
    @cached_property
    def title_index(self) -> int | None:
        """Index of the title line: the first non-empty line if it looks like a report title."""
        if not self.whole:
            return None
        for i, line in enumerate(self.lines):
            stripped = _plain(line)
            if not stripped:
                continue
            if len(stripped) <= 50 and not stripped.endswith("。") and _TITLE_WORDS.search(stripped) \
                    and i not in self.numbered:
                return i
            return None
        return None

    @cached_property
    def title(self) -> str:
        return _plain(self.lines[self.title_index]) if self.title_index is not None else ""

    @cached_property
    def title_year(self) -> tuple[int, int] | None:
        """(year, offset of the year in the text) as written in the title, if any."""
        if self.title_index is None:
            return None
        found = first_year(self.lines[self.title_index])
        return (found[0], self.line_starts[self.title_index] + found[1]) if found else None

    @cached_property
    def year(self) -> int | None:
        return self.title_year[0] if self.title_year else None

    # -- sections ----------------------------------------------------------------------------
    @cached_property
    def numbered(self) -> dict[int, Numbered]:
        """The lines that open with a heading number (一、 （一） 一是 1. …), by 0-based index."""
        return {i: found for i, line in enumerate(self.lines) if (found := match_number(line))}

    @cached_property
    def sections(self) -> list[Section]:
        """Preamble (if any text precedes the first heading) then every 一、 and （一） heading
        that is a heading line of its own (one short sentence), in order."""
        heads: list[tuple[int, str, str, int]] = []  # (line index, number, heading, level)
        for i, found in self.numbered.items():
            level = LEVELS.get(found.kind, 0)
            head = found.body
            if i == self.title_index or level not in (1, 2) or len(head) > _MAX_HEADING \
                    or "。" in head.rstrip("。") or head.startswith("是"):
                continue
            heads.append((i, found.number, head, level))

        sections: list[Section] = []
        first_body = (self.title_index + 1) if self.title_index is not None else 0
        end_first = self.line_starts[heads[0][0]] if heads else len(self.text)
        start = self.line_starts[first_body] if first_body < len(self.lines) else len(self.text)
        if self.text[start:end_first].strip():
            line = next((k for k in range(first_body, len(self.lines)) if self.lines[k].strip()), first_body)
            sections.append(Section("", 0, "", line + 1 + self.line_offset, start, end_first))
        top = sub = 0
        for k, (i, number, head, level) in enumerate(heads):
            if level == 1:
                top, sub = top + 1, 0
                position: tuple[int, ...] = (top,)
            else:
                sub += 1
                position = (top, sub)
            body_start = self.line_starts[i + 1] if i + 1 < len(self.lines) else len(self.text)
            body_end = self.line_starts[heads[k + 1][0]] if k + 1 < len(heads) else len(self.text)
            sections.append(Section(number, level, head, i + 1 + self.line_offset,
                                    min(body_start, body_end), body_end, position))
        return sections

    def body(self, section: Section) -> str:
        return self.text[section.start:section.end]

    def heading_lines(self) -> set[int]:
        """0-based indexes of heading and title lines (not sentences: no duplicate check etc.)."""
        out = {s.line - 1 - self.line_offset for s in self.sections if s.level}
        if self.title_index is not None:
            out.add(self.title_index)
        return out


def _plain(line: str) -> str:
    """A line without Markdown heading marks, bold marks and surrounding blanks."""
    return clean_line(line).replace("**", "")
