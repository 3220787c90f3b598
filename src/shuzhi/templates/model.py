"""A report template's outline: its sections (``SectionSpec``, nested one level), the figures a
section is expected to give (``Indicator``), and the ``Template`` that holds them with the
report type, the title, the elements and the prompt texts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shuzhi.errors import InputError
from shuzhi.templates.elements import Demand, Element
from shuzhi.text.numerals import cn_number

if TYPE_CHECKING:
    from shuzhi.roles import Author


class TemplateError(InputError):
    """A template that is missing, incomplete or invalid."""


class Indicator(BaseModel):
    """A figure the report type expects in a section (述职评议 indicator table: 三会一课 … 次)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    unit: str = ""


class SectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    heading: str = Field(min_length=1)
    purpose: str = ""
    facts: list[str] = Field(default_factory=list)
    style: Literal["paragraph", "enumerated"] = "paragraph"
    target_chars: tuple[int, int] = (0, 0)
    gap: str = ""
    offline: str | None = None  # Jinja text for the offline drafter; None: items and figures
    indicators: list[Indicator] = Field(default_factory=list)  # figures the type expects here
    children: list[SectionSpec] = Field(default_factory=list)


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    report_type: str
    aliases: list[str] = Field(default_factory=list)  # other titles of the type (regular expressions)
    author_roles: list[str] = Field(default_factory=list)  # the author's kind when the text does not say
    description: str = ""
    title: str
    preamble: SectionSpec
    sections: list[SectionSpec] = Field(min_length=1)
    elements: list[Element] = Field(default_factory=list)
    prompts: dict[str, str] = Field(default_factory=dict)  # "system" → the text of system.md …
    # a house template: the template whose prompt files it uses (``shuzhi.templates.folder``)
    prompts_from: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]+$")

    @model_validator(mode="after")
    def _ids_unique(self) -> Template:
        ids = [s.id for s in self.walk()]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"章节 id 重复：{'、'.join(dupes)}")
        for alias in self.aliases:
            try:
                re.compile(alias)
            except re.error as exc:
                raise ValueError(f"别名“{alias}”不是有效的正则表达式：{exc}") from None
        names = [e.name for e in self.elements]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"要素名称重复：{'、'.join(dupes)}")
        return self

    def elements_for(self, author: Author, title: str = "",
                     require: tuple[str, ...] = ()) -> list[tuple[Element, Demand]]:
        """(element, "required" | "check") for every element this author's report must or
        should contain (see ``Element.demand``); the template's ``author_roles`` stand in for
        an author whose post cannot be told."""
        if not author.kinds and self.author_roles:
            from dataclasses import replace

            author = replace(author, kinds=frozenset(self.author_roles), source="template")
        out = [(e, e.demand(author, title, require)) for e in self.elements]
        return [(e, d) for e, d in out if d != "skip"]

    def walk(self) -> list[SectionSpec]:
        """Preamble, then every section and subsection in reading order."""
        out = [self.preamble]
        for section in self.sections:
            out.append(section)
            out.extend(section.children)
        return out

    def walk_numbered(self) -> list[tuple[str, int, SectionSpec]]:
        """(number, level, spec) in reading order; level 0 is the preamble."""
        out: list[tuple[str, int, SectionSpec]] = [("", 0, self.preamble)]
        for i, section in enumerate(self.sections):
            out.append((f"{cn_number(i + 1)}、", 1, section))
            out.extend((f"（{cn_number(j + 1)}）", 2, c) for j, c in enumerate(section.children))
        return out

    def render_title(self, year: int) -> str:
        from shuzhi.jinja import render

        return render(self.title, f"模板“{self.id}”的标题（title）", year=year)

    def outline_text(self) -> str:
        lines = [self.render_title(0).replace("0年", "××年", 1)]
        for number, level, spec in self.walk_numbered()[1:]:
            lines.append(("  " * (level - 1)) + number + spec.heading)
        return "\n".join(lines)
