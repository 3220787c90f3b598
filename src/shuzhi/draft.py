"""A report being drafted: ordered sections, each with its text, status and every version.

The draft is plain data (pydantic) holding everything a draft is — facts, template id, the
user's outline, last year's report, sections and every version — so that the store, the CLI
and the app all save and load the same thing, and JSON export (``model_dump_json``) and
import round-trip all of it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from shuzhi.facts import Facts
from shuzhi.templates import Template
from shuzhi.text.paragraphs import numbered_paragraphs

Status = Literal["pending", "drafting", "done", "failed"]


def now() -> datetime:
    return datetime.now(UTC)


# What ``new_draft_id`` makes (22 characters) and what an imported draft may carry: an id
# becomes a file name (a backup in unsaved/) and part of a link, so never "../x" or "a/b".
DRAFT_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


def new_draft_id() -> str:
    """Unguessable: a draft link is its only key when sign-in is off."""
    return secrets.token_urlsafe(16)


def is_draft_id(value: str) -> bool:
    return re.fullmatch(DRAFT_ID_PATTERN, value or "") is not None


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    estimated: bool = False  # counted with tiktoken rather than reported by the server
    cost: float | None = None  # in CNY, from the price table; None when the model is unpriced
    # How the call ended: "length" means the output hit max_tokens and the text is cut short.
    finish_reason: str | None = None
    compacted: str | None = None  # the compaction step the prompt needed to fit, if any


class Version(BaseModel):
    text: str
    source: str  # "offline", "model:<name>", "edit", "restore", "import"
    instruction: str | None = None
    created: datetime = Field(default_factory=now)
    usage: Usage | None = None
    # the facts the section drew on when this text was drafted (``shuzhi.freshness``); an edit
    # keeps its predecessor's; None: not known (imported, updated from last year's report)
    facts_used: dict | None = None

    @property
    def cut(self) -> bool:
        """The model stopped at its output limit: the text is kept, but it is not finished."""
        return bool(self.usage and self.usage.finish_reason == "length")


class Section(BaseModel):
    id: str
    number: str = ""  # 一、 / （一） / "" for the preamble
    heading: str = ""
    level: int = 1  # 0 preamble, 1 一、, 2 （一）
    text: str = ""
    status: Status = "pending"
    error: str | None = None
    locked: bool = False
    versions: list[Version] = Field(default_factory=list)
    revision: int = 0  # bumped by the store on each save; a stale save is refused, not lost

    @property
    def heading_line(self) -> str:
        return f"{self.number}{self.heading}" if self.level else ""

    def paragraphs(self) -> list[tuple[int, str]]:
        """(index of the line in ``text``, the paragraph as written) of each non-blank line."""
        return numbered_paragraphs(self.text)

    def add_version(self, text: str, source: str, instruction: str | None = None,
                    usage: Usage | None = None, facts_used: dict | None = None) -> Version:
        if facts_used is None and source == "edit" and self.versions:
            facts_used = self.versions[-1].facts_used  # the user's edit of text drafted from those facts
        version = Version(text=text, source=source, instruction=instruction, usage=usage,
                          facts_used=facts_used)
        self.versions.append(version)
        self.text = text
        self.status = "done"
        self.error = None
        return version

    def restore(self, index: int) -> Version:
        """Make an earlier version current again, itself recorded as a new version."""
        old = self.versions[index]
        return self.add_version(old.text, "restore", instruction=f"恢复第{index + 1}版",
                                facts_used=old.facts_used)


class Draft(BaseModel):
    id: str = Field(default_factory=new_draft_id, pattern=DRAFT_ID_PATTERN)
    title: str
    year: int
    template: str
    facts: Facts
    sections: list[Section]
    # The user's outline (sections as ``template.yaml`` lists them) when they changed the
    # template's; None: the template's own. ``forms.outline_template`` applies it.
    outline: list[dict] | None = None
    previous_report: str | None = None  # last year's report, as uploaded, to update or draw on
    owner: str | None = None
    created: datetime = Field(default_factory=now)
    updated: datetime = Field(default_factory=now)
    revision: int = 0  # of the draft's own fields (facts, outline, …); see Section.revision

    @classmethod
    def new(cls, facts: Facts, template: Template) -> Draft:
        sections = [
            # a heading-only parent (二、 over its six subsections) has nothing to write
            Section(id=spec.id, number=number, heading=spec.heading, level=level,
                    status="done" if spec.children and not spec.facts else "pending")
            for number, level, spec in template.walk_numbered()
        ]
        return cls(title=template.render_title(facts.year), year=facts.year,
                   template=template.id, facts=facts, sections=sections)

    def subsections(self, parent: Section) -> list[Section]:
        """The sections under ``parent``: those after it, up to the next at its level or above."""
        out = []
        for section in self.sections[self.sections.index(parent) + 1:]:
            if section.level <= parent.level:
                break
            out.append(section)
        return out

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    @property
    def status(self) -> Status:
        states = {s.status for s in self.sections}
        for state in ("failed", "drafting", "pending"):
            if state in states:
                return state
        return "done"

    def lines(self) -> list[Line]:
        """The assembled report, line by line: the title, a blank line, then each section's
        heading line (the preamble has none) and its paragraphs, one per line."""
        out = [Line(self.title, "title"), Line("", "blank")]
        for section in self.sections:
            if section.heading_line:
                out.append(Line(section.heading_line, "heading", section))
            out.extend(Line(text, "paragraph", section, i) for i, text in section.paragraphs())
        return out

    def assemble(self) -> str:
        """The report as plain text: ``lines()`` joined, ending in a line break."""
        return "\n".join(line.text for line in self.lines()) + "\n"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the assembled report, and where it comes from: what the exports write,
    and how a checker finding on line N of ``assemble()`` is placed in its section."""

    text: str
    kind: Literal["title", "blank", "heading", "paragraph"]
    section: Section | None = None  # None: the title and the blank line under it
    paragraph: int | None = None  # a paragraph's line index in ``section.text``

    @property
    def section_id(self) -> str | None:
        return self.section.id if self.section is not None else None


def line_at(lines: list[Line], number: int | None) -> Line | None:
    """Line ``number`` of ``lines`` (1-based, as checker findings count); None for a finding
    on no line (a missing element) or past the end."""
    return lines[number - 1] if number and 0 < number <= len(lines) else None
