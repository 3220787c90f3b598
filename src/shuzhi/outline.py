"""Reading any report's heading structure: 一、 / （一） / 一是 / 1. / （1） and their variants.

A report's levels are not fixed by the numbering style (a 抓基层党建 report may open with 1.,
another may put 1. under （一）), so the level of a heading is decided the way a reader does:
the first numbering style met is the top level, a new style nests under the current one,
and a style seen before closes everything opened after it.

``parse_outline(text)`` gives the tree (``Outline.to_data()`` is the ``shuzhi outline`` JSON);
``report_to_draft(text)`` turns a plain report into a ``Draft`` (title + sections) so any
report can be exported, compared or updated like a draft of our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shuzhi.text.headings import HEAD_ENDS, inline_ordinals, match_number, split_head
from shuzhi.text.paragraphs import clean_line, join_paragraphs, split_lines
from shuzhi.text.years import DATE_LINE, first_year

_TITLE_MAX = 30
_CLAUSE = re.compile(r"[，,。；;：:]")


@dataclass
class Heading:
    """One heading: its number as written (``一、``, ``（1）``), its title, where it is."""

    number: str
    title: str
    line: int  # 1-based line of the text (for .docx: paragraph)
    kind: str
    head: str = ""  # the exact text of the heading part, with its closing punctuation
    rest: str = ""  # body text on the same line after the heading ("一是…。正文")
    standalone: bool = True  # the heading is the whole line, not the opening of a paragraph
    children: list[Heading] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "line": self.line,
                "children": [c.to_data() for c in self.children]}


@dataclass
class Outline:
    title: str
    sections: list[Heading]
    title_line: int | None = None
    lines: list[str] = field(default_factory=list)  # the text's lines, as parsed

    def to_data(self) -> dict[str, Any]:
        return {"title": self.title, "sections": [s.to_data() for s in self.sections]}

    def walk(self) -> list[tuple[int, Heading]]:
        """(depth, heading) in reading order; depth 1 is the top level."""
        out: list[tuple[int, Heading]] = []

        def visit(nodes: list[Heading], depth: int) -> None:
            for node in nodes:
                out.append((depth, node))
                visit(node.children, depth + 1)

        visit(self.sections, 1)
        return out

    def to_text(self) -> str:
        lines = [self.title or "（无标题）"]
        for depth, node in self.walk():
            lines.append(f"{'  ' * (depth - 1)}{node.number}{node.title}  （第{node.line}行）")
        return "\n".join(lines) + "\n"


_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]<>#+\-.!{}()|])")


def read_report_text(path) -> str:
    r"""A report's text (``readers.read_report``), with Markdown's backslash escapes undone
    for a .md: our Markdown export writes masked figures as ``\*\*``, which are ``**``."""
    from pathlib import Path

    from shuzhi.readers import read_report

    text = read_report(path)
    return _MD_ESCAPE.sub(r"\1", text) if Path(path).suffix.lower() == ".md" else text


def match_heading(line: str, line_no: int) -> Heading | None:
    """The heading a line opens with, if any."""
    found = match_number(line)
    if found is None:
        return None
    head, rest = split_head(found.body)
    title = heading_title(head, standalone=not rest and found.kind != "ordinal")
    return Heading(number=found.number, title=title, line=line_no, kind=found.kind, head=head,
                   rest=rest, standalone=not rest)


def heading_title(head: str, standalone: bool = False) -> str:
    """The title shown for a heading: its lead sentence, or only its first clause when a
    paragraph opens with no short lead sentence (一是通过……等形式，组织学习……)."""
    title = head.rstrip(HEAD_ENDS + "，,")
    return title if len(title) <= _TITLE_MAX * (2 if standalone else 1) else _clause(title)


def _clause(text: str) -> str:
    cut = _CLAUSE.split(text, maxsplit=1)[0]
    return cut if len(cut) <= _TITLE_MAX * 2 else cut[:_TITLE_MAX] + "…"


def _inline_ordinals(line: str, line_no: int) -> list[Heading]:
    """二是、三是… later in a paragraph that opened with 一是, in sequence."""
    text = clean_line(line)
    found = []
    for number, start in inline_ordinals(text):
        head, _ = split_head(text[start:])
        found.append(Heading(number=number, title=heading_title(head), line=line_no, kind="ordinal",
                             head=head, standalone=False))
    return found


def _is_title(line: str) -> bool:
    text = clean_line(line)
    return bool(text) and len(text) <= 60 and text[-1] not in "。；;！？" and match_heading(text, 0) is None


def parse_outline(text: str) -> Outline:
    """The title (first line, when it reads as one) and the heading tree of a report."""
    lines = split_lines(text)
    title, title_line = "", None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and _is_title(lines[first]):
        title, title_line = clean_line(lines[first]), first + 1

    roots: list[Heading] = []
    stack: list[Heading] = []  # the open path, one heading per level
    for index, line in enumerate(lines):
        if index + 1 == title_line:
            continue
        heading = match_heading(line, index + 1)
        if heading is None:
            continue
        found = [heading]
        if heading.kind == "ordinal" and heading.number.startswith("一"):
            found += _inline_ordinals(line, index + 1)
        for node in found:
            _place(node, roots, stack)
    return Outline(title=title, sections=roots, title_line=title_line, lines=lines)


def _place(node: Heading, roots: list[Heading], stack: list[Heading]) -> None:
    kinds = [open_node.kind for open_node in stack]
    if node.kind in kinds:
        del stack[kinds.index(node.kind):]  # a sibling of an open heading closes its subtree
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)


# ---------------------------------------------------------------------------------------------
# A plain report as a Draft

_CLOSING = re.compile("报告|评议|指正|此致|敬礼|谢谢|汇报|完毕")  # "特此报告" is not a name
_SIGNER_LINE = re.compile(r"^(?:(?:述职人|报告人|汇报人)[：:]\s*)?([\u4e00-\u9fff·]{2,10})$")


def report_year(title: str, text: str = "") -> int | None:
    """The year a report is about: the first year in its title, else in its first lines."""
    for source in (title, "\n".join(split_lines(text)[:5])):
        found = first_year(source)
        if found:
            return found[0]
    return None


def section_headings(outline: Outline) -> list[tuple[int, Heading, str]]:
    """The headings that make a draft's sections: (level, heading, id), levels 1 and 2.

    Paragraph ordinals (一是) are the way a section lists its points, never a section.
    """
    out: list[tuple[int, Heading, str]] = []
    for i, top in enumerate((h for h in outline.sections if h.kind != "ordinal"), 1):
        out.append((1, top, f"s{i}"))
        subs = (c for c in top.children if c.kind != "ordinal")
        out.extend((2, child, f"s{i}-{j}") for j, child in enumerate(subs, 1))
    return out


def split_signature(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """Take a closing signature (name) and date off the end of a report's lines."""
    body = list(lines)
    while body and not body[-1].strip():
        body.pop()
    date = signer = None
    if body and DATE_LINE.match(clean_line(body[-1]).replace(" ", "")):
        date = clean_line(body.pop())
        while body and not body[-1].strip():
            body.pop()
    if body:
        match = _SIGNER_LINE.match(clean_line(body[-1]))
        if match and match_heading(body[-1], 0) is None and not _CLOSING.search(body[-1]):
            signer = match.group(1)
            body.pop()
    return body, signer, date


def report_to_draft(text: str, facts=None):  # -> Draft (imported lazily: pydantic models)
    """A plain report as a Draft: its title, a preamble and one section per 一、/（一） heading.

    Without ``facts`` the draft gets stand-in facts: the signer and date found at the end of
    the report, or visible 【待补充：…】 marks where there are none.
    """
    from shuzhi.draft import Draft, Section
    from shuzhi.facts import Facts

    outline = parse_outline(text)
    lines, signer, date = split_signature(outline.lines)
    heads = section_headings(outline)
    year = report_year(outline.title, text) or (facts.year if facts else None)
    if facts is None:
        from datetime import date as today

        facts = Facts(year=year or today.today().year, unit="【待补充：单位】",
                      person=signer or "【待补充：署名】", date=date)

    starts = [h.line for _, h, _ in heads] + [len(lines) + 1]
    first_body = (outline.title_line or 0) + 1
    sections = [Section(id="preamble", level=0, heading="导语",
                        text=join_paragraphs(lines[first_body - 1: starts[0] - 1]))]
    for k, (level, heading, section_id) in enumerate(heads):
        own = ([heading.rest] if heading.rest else []) + lines[heading.line: starts[k + 1] - 1]
        sections.append(Section(id=section_id, number=heading.number, heading=heading.head,
                                level=level, text=join_paragraphs(own)))
    for section in sections:
        section.status = "done"
    return Draft(title=outline.title, year=year or facts.year, template=facts.template,
                 facts=facts, sections=sections)
