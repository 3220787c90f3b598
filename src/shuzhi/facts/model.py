"""One year's facts for one report, as a model: who writes, the sections' items and figures
(with where each came from, and last year's value), last year's 问题, and the plain data,
YAML and JSON they round-trip through.

A figure the user left empty stays ``None``: drafters turn it into a visible
``【待补充：…】``, never into an invented number.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_serializer

Number = int | float


# --- where a figure came from (#16: `shuzhi facts extract`) ---------------------------------
class Source(BaseModel):
    """The record a figure was taken from: a document's line (paragraph or table row, 1-based,
    as ``shuzhi.readers`` reads it) or a spreadsheet's cell, and the words it stands in."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(min_length=1, max_length=500)
    line: int | None = Field(default=None, ge=1)
    sheet: str | None = Field(default=None, max_length=100)
    row: int | None = Field(default=None, ge=1)
    column: str | None = Field(default=None, max_length=5)
    quote: str = Field(default="", max_length=500)

    def label(self) -> str:
        """``台账.docx 第28行`` or ``指标.xlsx「重点指标」第5行B列``."""
        if self.row is not None:
            sheet = f"「{self.sheet}」" if self.sheet else ""
            return f"{self.file}{sheet}第{self.row}行{self.column or ''}{'列' if self.column else ''}"
        return f"{self.file} 第{self.line}行" if self.line else self.file

    @model_serializer(mode="wrap")
    def _lean(self, handler):
        return {k: v for k, v in handler(self).items() if v not in (None, "")}


class Figure(BaseModel):
    """A key figure in the user's words: 理论学习组集中学习 12 次."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    value: Number | str | None = None
    unit: str = Field(default="", max_length=20)
    source: Source | None = None  # None: typed by the user
    # -- update mode (#17): the same figure in last year's report, read from its text ----------
    last: Number | str | None = Field(default=None, description="上年数值（上年报告中同名数字）")

    @model_serializer(mode="wrap")
    def _without_empty_fields(self, handler):
        data = handler(self)
        for name in ("source", "last"):  # facts written before these existed stay as they were
            if data.get(name) is None:
                data.pop(name, None)
        return data

    @property
    def filled(self) -> bool:
        return self.value is not None and str(self.value).strip() != ""

    def value_text(self) -> str:
        """``12次``; a whole float prints without its ``.0``."""
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value}{self.unit}"


class SectionFacts(BaseModel):
    """What the user gathered for one template section."""

    model_config = ConfigDict(extra="forbid")

    items: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)

    def figure(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    @property
    def empty(self) -> bool:
        return not self.items and not self.figures


# -- update mode (#17): last year's 问题 and what was done about them ---------------------------
class PreviousIssue(BaseModel):
    """上年问题: one of last year's 不足, and what was done about it this year (整改情况)."""

    model_config = ConfigDict(extra="forbid")

    issue: str = Field(min_length=1, max_length=1000)
    rectification: str | None = Field(default=None, max_length=4000)


# A template section names what it draws on in its ``facts`` list: a top-level field
# (``events``, ``integrity`` …) or one section's items and figures, ``sections.<id>``.
_SECTION_SOURCE = "sections."


def section_source(section_id: str) -> str:
    """The ``facts`` entry of a template section that draws on ``facts.sections[section_id]``."""
    return _SECTION_SOURCE + section_id


def source_section(key: str) -> str | None:
    """The facts section a template's ``facts`` entry names (``sections.study`` → ``study``);
    None for a top-level field."""
    return key.removeprefix(_SECTION_SOURCE) if key.startswith(_SECTION_SOURCE) else None


class Facts(BaseModel):
    """Everything the drafter may state about the year. Round-trips through YAML and JSON."""

    model_config = ConfigDict(extra="forbid")

    report_type: str = "述德述廉述职报告"
    template: str = "shudeshulian"
    year: int = Field(ge=1949, le=2100)
    unit: str = Field(min_length=1, max_length=200)
    person: str = Field(min_length=1, max_length=100)
    posts: list[str] = Field(default_factory=list)
    date: str | None = Field(default=None, description="成文日期，如 2023年1月10日")
    events: list[str] = Field(default_factory=list)
    sections: dict[str, SectionFacts] = Field(default_factory=dict)
    honours: list[str] = Field(default_factory=list)
    integrity: list[str] = Field(default_factory=list)
    shortcomings: list[str] = Field(default_factory=list)
    plans: list[str] = Field(default_factory=list)
    previous_issues: list[PreviousIssue] = Field(default_factory=list)  # 上年问题 (update mode)

    def section(self, section_id: str) -> SectionFacts:
        return self.sections.get(section_id) or SectionFacts()

    def all_figures(self) -> list[Figure]:
        return [f for s in self.sections.values() for f in s.figures]

    def to_data(self, sources: bool = True) -> dict[str, Any]:
        """The facts as plain data; ``sources=False`` leaves out where figures came from (its
        line numbers and quotes are not facts the report may state)."""
        data = self.model_dump(mode="json", exclude_defaults=False)
        if not sources:
            for section in data["sections"].values():
                for figure in section["figures"]:
                    figure.pop("source", None)
        return data

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_data(), allow_unicode=True, sort_keys=False, width=1000)

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2)
