"""Report templates: ``prompts/<id>/template.yaml`` (outline, elements) plus prompt texts.

Loading validates everything and names what is wrong, so a unit editing its own template
gets "prompts/x/template.yaml: sections.2.heading: 缺少必填项", not a stack trace mid-draft.
"""

from __future__ import annotations

import os
import re
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shuzhi.errors import InputError
from shuzhi.text.numerals import cn_number

if TYPE_CHECKING:
    from shuzhi.roles import Author

PROMPT_FILES = ("system.md", "section.md", "whole.md")
DEFAULT_TEMPLATE = "shudeshulian"  # the sample report's type: what a new report starts from
ELEMENTS_FILE = Path(__file__).resolve().parent / "data" / "elements.yaml"


class TemplateError(InputError):
    """A template that is missing, incomplete or invalid."""


class Element(BaseModel):
    """An element the report type must contain, the signals that show it is covered, and who
    must write it. ``use: <key>`` takes every field from ``data/elements.yaml``; the template's
    own fields override them and its own ``signals`` are added to theirs."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    severity: Literal["error", "warning", "info"] = "error"
    basis: str
    signals: list[str] = Field(min_length=1)
    optional: bool = False  # at most a warning (templates written before roles existed)
    note: str = ""
    roles: list[str] = Field(default_factory=list)  # author kinds it is required of; []: everyone
    not_roles: list[str] = Field(default_factory=list)  # kinds whose duty is another (书记: 第一责任人)
    min_rank: str | None = None  # the lowest rank it is required of; None: every rank
    others: Literal["skip", "warning"] = "skip"  # an author known to be outside roles / min_rank
    unknown: Literal["skip", "warning"] = "warning"  # the author's post or rank cannot be told
    where: str = "anywhere"  # a part of the report (data/elements.yaml parts) or anywhere
    covered_by_heading: bool = False  # a non-empty section of that part covers it by itself
    asked: bool = False  # only when asked: the title names it (ask_title) or the unit requires it
    ask_title: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _use_library(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "use" not in data:
            return data
        data = dict(data)
        key = data.pop("use")
        library = element_library()["elements"]
        if key not in library:
            raise ValueError(f"未知的要素“{key}”（可用：{'、'.join(library)}）")
        own = data.pop("signals", None) or []
        merged = {**library[key], **data}
        merged["signals"] = list(dict.fromkeys([*library[key]["signals"], *own]))
        return merged

    @model_validator(mode="after")
    def _fields_known(self) -> Element:
        for signal in [*self.signals, *([self.ask_title] if self.ask_title else [])]:
            try:
                re.compile(signal)
            except re.error as exc:
                raise ValueError(f"信号“{signal}”不是有效的正则表达式：{exc}") from None
        from shuzhi import roles

        unknown = [r for r in self.roles + self.not_roles if r not in roles.kind_ids()]
        if unknown:
            raise ValueError(f"未知的角色“{'、'.join(unknown)}”（可用：{'、'.join(roles.kind_ids())}）")
        if self.min_rank is not None and self.min_rank not in roles.rank_ids():
            raise ValueError(f"未知的级别“{self.min_rank}”（可用：{'、'.join(roles.rank_ids())}）")
        parts = element_library()["parts"]
        if self.where != "anywhere" and self.where not in parts:
            raise ValueError(f"未知的位置“{self.where}”（可用：anywhere、{'、'.join(parts)}）")
        return self

    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        # one search per signal: most are literals, which re finds far faster than an alternation
        return [re.compile(s) for s in self.signals]

    def found_in(self, text: str) -> bool:
        return any(p.search(text) for p in self._patterns)

    def demand(self, author: Author, title: str = "", require: tuple[str, ...] = ()) -> str:
        """What this element asks of this author: "required", "check" (a 请核实 warning) or "skip".

        Asked-only elements (述法) are skipped unless the title or the unit asks for them. Then
        the author's kind and rank are compared with ``roles`` / ``min_rank``: outside them is
        ``others``; cannot be told is ``unknown``. The weaker verdict of the two wins. An author
        holding one of ``not_roles`` is skipped (a 书记 who is also 校长 writes 第一责任人, not
        “一岗双责”)."""
        if self.asked and self.id not in require and not (self.ask_title and re.search(self.ask_title, title)):
            return "skip"
        if author.kinds & set(self.not_roles):
            return "skip"
        verdicts = []
        if self.roles:
            if not author.kinds:
                verdicts.append(self.unknown)
            else:
                verdicts.append("required" if author.kinds & set(self.roles) else self.others)
        if self.min_rank:
            from shuzhi.roles import rank_level

            if author.level is None:
                verdicts.append(self.unknown)
            else:
                verdicts.append("required" if author.level >= rank_level(self.min_rank) else self.others)
        verdicts = ["check" if v == "warning" else v for v in verdicts]
        return min(verdicts, key=("skip", "check", "required").index, default="required")


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
    prompts: dict[str, str] = Field(default_factory=dict)
    directory: Path | None = None

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
                     require: tuple[str, ...] = ()) -> list[tuple[Element, str]]:
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


@cache
def element_library() -> dict:
    """``data/elements.yaml``: the shared elements (``use:`` in a template), parts, generic set."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(ELEMENTS_FILE, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def generic_elements() -> list[Element]:
    """What any report can be asked to contain when its type cannot be told (warnings only)."""
    return [Element.model_validate({"use": key, "severity": "warning"})
            for key in element_library()["generic"]]


def templates_dir() -> Path:
    """Where templates live: SHUZHI_TEMPLATES, else the ``prompts/`` folder shipped with the code."""
    override = os.environ.get("SHUZHI_TEMPLATES")
    if override:
        return Path(override)
    from shuzhi.bundled import prompts_dir

    return prompts_dir()


def list_templates() -> list[Template]:
    root = templates_dir()
    if not root.is_dir():
        return []
    return [load_template(p.name) for p in sorted(root.iterdir()) if (p / "template.yaml").is_file()]


def template_for_title(title: str) -> Template | None:
    """The template whose report type (or an alias: a regular expression) the title names;
    None if none does.

    Chinese titles end with their genre, so the name ending last wins, then the longest:
    "工作总结暨述职报告" is a 述职报告, "述德述廉述职报告" is not a bare 述职报告. Only the
    chosen template is loaded and validated (``shuzhi check`` must start fast)."""
    plain = re.sub(r"\s", "", title)
    best: tuple[tuple[int, int], str] | None = None
    for template_id, names in report_types().items():
        for name in names:
            for match in re.finditer(name, plain):
                key = (match.end(), match.end() - match.start())
                if best is None or key > best[0]:
                    best = (key, template_id)
    return load_template(best[1]) if best else None


def report_types() -> dict[str, list[str]]:
    """Template id → its report type and aliases, read without validating the templates."""
    out = {}
    try:
        entries = sorted(os.scandir(templates_dir()), key=lambda e: e.name)
    except OSError:
        return {}
    for entry in entries:
        path = os.path.join(entry.path, "template.yaml")
        try:
            stamp = os.stat(path).st_mtime_ns
        except OSError:
            continue
        names = _names(path, stamp)
        if names:
            out[entry.name] = names
    return out


@cache
def _names(path: str, _stamp: int) -> list[str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # an unreadable template names no type; loading it says what is wrong
    data = None
    head = text.split("\npreamble:", 1)[0]  # the type is named before the outline: parse only that
    for part in (head, text):
        try:
            data = yaml.load(part, Loader=loader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and "report_type" in data:
            break
    if not isinstance(data, dict):
        return []
    names = [data.get("report_type"), *(data.get("aliases") or [])]
    return [n for n in names if isinstance(n, str) and n and _valid_pattern(n)]


def _valid_pattern(text: str) -> bool:
    try:
        re.compile(text)
    except re.error:
        return False
    return True


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
        data = yaml.load(spec_path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        raise TemplateError(f"{spec_path}: {field}: {error['msg'].removeprefix('Value error, ')}") from None
