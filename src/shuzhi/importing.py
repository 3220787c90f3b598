"""Bringing an edited report back: match its text to a draft's sections, show what changed,
and keep only the changes the user accepts.

A draft exported to Word, edited there and uploaded again is matched heading by heading
(``一、加强学习…`` in the file ↔ the section with that heading), so each section's edits can
be shown and accepted on their own. ``apply`` records every accepted change as a new Version
with source ``"import"``: nothing the user wrote before is lost.

    changes = match_sections(draft, read_report("edited.docx"))
    apply(draft, changes, accepted_ids={c.section_id for c in changes if c.changed})
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from shuzhi.draft import Draft, Section, Version
from shuzhi.text.headings import match_number, runs_on
from shuzhi.text.paragraphs import clean_line, join_paragraphs, paragraphs, split_lines
from shuzhi.text.years import DATE_LINE

MATCH_RATIO = 0.6  # a heading edited this much still counts as the same heading
_SPACE = re.compile(r"\s+")


@dataclass
class SectionChange:
    """One section's text in the draft (``old``) and in the uploaded file (``new``)."""

    section_id: str
    heading: str  # the section's heading line in the draft ("一、加强学习，提高政治站位"; "" preamble)
    old: str
    new: str
    found: bool = True  # False: the file has no heading for this section (new is then "")
    file_heading: str | None = None  # the heading as found in the file, when it was edited

    @property
    def changed(self) -> bool:
        return _norm(self.old) != _norm(self.new)

    def diff(self) -> list[str]:
        """A paragraph-level unified diff, old → new, for showing the change."""
        return list(difflib.unified_diff(paragraphs(self.old), paragraphs(self.new),
                                         "现稿", "导入稿", lineterm="", n=1))


def _norm(text: str) -> str:
    return "\n".join(_SPACE.sub("", p) for p in paragraphs(text))


def _find_heading(lines: list[str], section: Section, start: int) -> tuple[int, str] | None:
    """The index of the line at or after ``start`` that is this section's heading."""
    want_full = _SPACE.sub("", section.heading_line)
    want_title = _SPACE.sub("", section.heading)
    best: tuple[float, int] | None = None
    for i in range(start, len(lines)):
        line = _SPACE.sub("", clean_line(lines[i]))
        if not line:
            continue
        if line in (want_full, want_title) or line.startswith(want_full):
            return i, clean_line(lines[i])
        if match_number(lines[i]) is None:
            continue  # only a numbered line can be an edited heading
        ratio = difflib.SequenceMatcher(None, line[: len(want_full) + 4], want_full).ratio()
        if ratio >= MATCH_RATIO and (best is None or ratio > best[0]):
            best = (ratio, i)
    return (best[1], clean_line(lines[best[1]])) if best else None


def match_sections(draft: Draft, text: str) -> list[SectionChange]:
    """Every section of the draft with its text in ``text`` (an edited report), in order.

    Headings are searched in the draft's order, each after the previous one; text between
    two matched headings belongs to the first. The title line and the closing signature and
    date are not section text. A heading edited in the file is reported (``file_heading``)
    but headings are not versioned: only section text is imported.
    """
    lines = split_lines(text)
    _drop_signature_lines(lines, draft)
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    is_title = first < len(lines) and _SPACE.sub("", clean_line(lines[first])) == _SPACE.sub("", draft.title)
    start = first + 1 if is_title else first

    hits: dict[str, tuple[int, str]] = {}
    cursor = start
    for section in draft.sections:
        if section.heading_line:
            hit = _find_heading(lines, section, cursor)
            if hit is not None:
                hits[section.id] = hit
                cursor = hit[0] + 1
    starts = sorted(pos for pos, _ in hits.values()) + [len(lines)]

    changes = []
    for section in draft.sections:
        if section.heading_line and section.id not in hits:
            changes.append(SectionChange(section.id, section.heading_line, section.text, "", found=False))
            continue
        pos, file_heading = hits.get(section.id, (start - 1, ""))
        body = lines[pos + 1: next(p for p in starts if p > pos)]
        if section.heading_line and runs_on(section.heading):
            rest = file_heading[len(section.heading_line):].strip()  # "（一）标题。正文" on one line
            body = ([rest] if rest else []) + body
            file_heading = file_heading[: len(section.heading_line)]
        new = join_paragraphs(body)
        edited = file_heading if section.heading_line and \
            _SPACE.sub("", file_heading) != _SPACE.sub("", section.heading_line) else None
        changes.append(SectionChange(section.id, section.heading_line, section.text, new,
                                     file_heading=edited))
    return changes


def _drop_signature_lines(lines: list[str], draft: Draft) -> None:
    """Our own export ends with the signer and the date; they are not the last section's text."""
    tail = {draft.facts.person, draft.facts.date or ""} - {""}
    while lines and (not lines[-1].strip() or clean_line(lines[-1]) in tail
                     or DATE_LINE.match(_SPACE.sub("", clean_line(lines[-1])))):
        lines.pop()


def apply(draft: Draft, changes: Iterable[SectionChange], accepted_ids: Iterable[str]) -> list[Version]:
    """Make the accepted changes current, each as a new Version with source "import"."""
    accepted = set(accepted_ids)
    added = []
    for change in changes:
        if change.section_id not in accepted or not change.changed:
            continue
        added.append(draft.section(change.section_id).add_version(change.new, "import",
                                                                  instruction="导入修改稿"))
    if added:
        from shuzhi.draft import now

        draft.updated = now()
    return added
