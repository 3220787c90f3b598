"""Report templates: ``prompts/<id>/template.yaml`` (outline, elements) plus prompt texts.

Loading validates everything and names what is wrong, so a unit editing its own template
gets "prompts/x/template.yaml: sections.2.heading: 缺少必填项", not a stack trace mid-draft.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shuzhi.errors import InputError

PROMPT_FILES = ("system.md", "section.md", "whole.md")
CN_DIGITS = "一二三四五六七八九十"


class TemplateError(InputError):
    """A template that is missing, incomplete or invalid."""


class Element(BaseModel):
    """A mandatory element of the report type and the signals that show it is covered."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    severity: Literal["error", "warning", "info"] = "error"
    basis: str
    signals: list[str] = Field(min_length=1)
    optional: bool = False

    @model_validator(mode="after")
    def _signals_compile(self) -> "Element":
        for signal in self.signals:
            try:
                re.compile(signal)
            except re.error as exc:
                raise ValueError(f"信号“{signal}”不是有效的正则表达式：{exc}") from None
        return self

    def found_in(self, text: str) -> bool:
        return any(re.search(s, text) for s in self.signals)


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
    children: list["SectionSpec"] = Field(default_factory=list)


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    report_type: str
    description: str = ""
    title: str
    preamble: SectionSpec
    sections: list[SectionSpec] = Field(min_length=1)
    elements: list[Element] = Field(default_factory=list)
    prompts: dict[str, str] = Field(default_factory=dict)
    directory: Path | None = None

    @model_validator(mode="after")
    def _ids_unique(self) -> "Template":
        ids = [s.id for s in self.walk()]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"章节 id 重复：{'、'.join(dupes)}")
        return self

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


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for any outline)."""
    if n <= 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


def templates_dir() -> Path:
    """Where templates live: SHUZHI_TEMPLATES, else the ``prompts/`` folder shipped with the code."""
    override = os.environ.get("SHUZHI_TEMPLATES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "prompts"


def list_templates() -> list[Template]:
    root = templates_dir()
    if not root.is_dir():
        return []
    return [load_template(p.name) for p in sorted(root.iterdir()) if (p / "template.yaml").is_file()]


def load_template(template_id: str) -> Template:
    root = templates_dir()
    # Cached, but keyed on the files' modification times, so an edited template is reread.
    directory = root / template_id
    stamp = tuple(p.stat().st_mtime_ns for p in sorted(directory.glob("*"))) if directory.is_dir() else ()
    return _load(str(root), template_id, stamp)


@cache
def _load(root: str, template_id: str, stamp: tuple[int, ...]) -> Template:
    directory = Path(root) / template_id
    spec_path = directory / "template.yaml"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", template_id) or not spec_path.is_file():
        known = "、".join(p.parent.name for p in sorted(Path(root).glob("*/template.yaml"))) or "无"
        raise TemplateError(f"模板“{template_id}”不存在（可用：{known}）")
    try:
        data = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(f"{spec_path}{f':{mark.line + 1}' if mark else ''}: YAML 格式错误") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{spec_path}: 应为键值对象")
    prompts = {}
    for name in PROMPT_FILES:
        path = directory / name
        if not path.is_file():
            raise TemplateError(f"{path}: 缺少提示词文件 {name}")
        prompts[name.removesuffix(".md")] = path.read_text(encoding="utf-8")
    try:
        return Template.model_validate({**data, "prompts": prompts, "directory": directory})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        raise TemplateError(f"{spec_path}: {field}: {error['msg']}") from None
