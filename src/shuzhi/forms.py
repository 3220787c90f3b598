"""Form data ⇄ library data: the outline as editable rows, facts from form fields, and a
table editor's edit state. Plain data in and out (no Streamlit), so it is tested directly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from shuzhi.errors import InputError
from shuzhi.facts import Facts, Figure, SectionFacts, section_source
from shuzhi.templates import SectionSpec, Template, load_template


def outline_template(template: Template, outline: list[dict] | None) -> Template:
    """The template with a user's outline (reordered, renamed, dropped, added sections).

    The outline is the user's data — it travels in a draft's JSON — so a section's offline
    text (Jinja, which the offline drafter compiles) is kept only where it is the template's
    own for that section; any other becomes None."""
    if not outline:
        return template
    own = {spec.id: spec.offline for spec in template.walk()}

    def trusted(spec: SectionSpec) -> SectionSpec:
        offline = spec.offline if spec.offline == own.get(spec.id) else None
        return spec.model_copy(update={"offline": offline, "children": [trusted(c) for c in spec.children]})

    try:
        sections = [trusted(SectionSpec.model_validate(spec)) for spec in outline]
        return Template.model_validate({**template.model_dump(), "sections": sections})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise InputError(f"草稿的提纲无效（{where}：{error['msg']}）") from None


def has_own_text(spec: SectionSpec) -> bool:
    """A heading-only parent such as 二、 has no text of its own."""
    return not (spec.children and not spec.facts)


# -- the outline as editable rows ----------------------------------------------------------

def outline_rows(template: Template) -> list[dict[str, Any]]:
    return [{"id": spec.id, "level": level, "heading": spec.heading}
            for _number, level, spec in template.walk_numbered()[1:]]


def outline_from_rows(template: Template, rows: Iterable[dict[str, Any]]) -> list[dict]:
    """Rows of (id, level, heading) in reading order → the outline as SectionSpec dicts.

    Known ids keep their purpose, facts and lengths; a new row becomes a plain section that
    draws on its own facts; a level-2 row belongs to the level-1 row above it."""
    known = {spec.id: spec for spec in template.walk()}
    base = load_template(template.id)
    known.update({spec.id: spec for spec in base.walk() if spec.id not in known})
    used: set[str] = set()
    tops: list[SectionSpec] = []
    for row in rows:
        heading = str(row.get("heading") or "").strip()
        if not heading:
            continue  # a row whose title was cleared is a dropped section
        sid = str(row.get("id") or "").strip()
        spec = known.get(sid) if sid not in used else None
        if spec is None:
            sid = _new_id(used | set(known))
            spec = SectionSpec(id=sid, heading=heading, purpose=heading, facts=[section_source(sid)],
                               target_chars=(150, 600), gap=heading)
        used.add(sid)
        spec = spec.model_copy(update={"heading": heading, "children": []})
        if _level(row) == 2 and tops:
            tops[-1].children.append(spec)
        else:
            tops.append(spec)
    if not tops:
        raise InputError("提纲不能为空：请至少保留一个章节")
    # a former parent left without subsections must draw on facts of its own
    tops = [s if s.children or s.facts else s.model_copy(update={
        "facts": [section_source(s.id)], "gap": s.gap or s.heading}) for s in tops]
    return [s.model_dump(mode="json") for s in tops]


def _level(row: dict[str, Any]) -> int:
    try:
        return 2 if int(row.get("level") or 1) >= 2 else 1
    except (TypeError, ValueError):
        return 1


def _new_id(taken: set[str]) -> str:
    n = 1
    while f"custom-{n}" in taken:
        n += 1
    return f"custom-{n}"


# -- facts from form fields ------------------------------------------------------------------

def lines_to_items(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_value(raw: Any) -> int | float | str | None:
    """A cell typed by the user: ``12`` → 12, ``95.5`` → 95.5, ``95%`` stays text, empty → None."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw != raw:  # NaN from an empty table cell
        return None
    if isinstance(raw, (int, float)):
        return raw
    text = str(raw).strip()
    if not text or text.lower() in ("nan", "none"):
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def figure_rows(figures: list[Figure], specs: Iterable[SectionSpec] = ()) -> list[dict[str, str]]:
    """The rows of a section's figures table: the user's figures, then every indicator of the
    sections drawing on it (the report type's indicator table) not yet among them, empty."""
    rows = [{"name": f.name, "value": "" if f.value is None else str(f.value), "unit": f.unit}
            | ({"source": f.source.label()} if f.source else {})
            | ({"last": str(f.last)} if f.last is not None else {}) for f in figures]  # 上年 (update mode)
    named = {f.name for f in figures}
    for spec in specs:
        for indicator in spec.indicators:
            if indicator.name not in named:
                named.add(indicator.name)
                rows.append({"name": indicator.name, "value": "", "unit": indicator.unit})
    return rows


def figures_from_rows(rows: Iterable[dict[str, Any]], known: Iterable[Figure] = ()) -> list[Figure]:
    """The figures a table's rows hold. A row still as it was taken from a record (one of
    ``known`` with the same name, value and unit) keeps that record as its source; a value
    the user changed is the user's own."""
    sources = {(f.name, f.value_text()): f.source for f in known if f.source is not None}
    figures = []
    for row in rows:
        name = str(row.get("name") or "").strip()
        if not name or name.lower() == "nan":
            continue
        unit = row.get("unit")
        unit = "" if unit is None or (isinstance(unit, float) and unit != unit) else str(unit).strip()
        figure = Figure(name=name, value=parse_value(row.get("value")), unit=unit,
                        last=parse_value(row.get("last")))  # 上年数值 (update mode): kept as read
        figure.source = sources.get((name, figure.value_text()))
        figures.append(figure)
    return figures


def section_facts(items_text: str, figure_rows: Iterable[dict[str, Any]], known: Iterable[Figure] = ()) -> SectionFacts:
    return SectionFacts(items=lines_to_items(items_text), figures=figures_from_rows(figure_rows, known))


def apply_table_edits(base: list[dict[str, Any]], edits: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A table editor's rows: its base rows with the edit state (edited, deleted, added rows)
    applied, the shape Streamlit's data_editor keeps for a keyed table."""
    if not edits:
        return [dict(row) for row in base]
    edited = {int(i): change for i, change in (edits.get("edited_rows") or {}).items()}
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    rows = [{**row, **edited.get(i, {})} for i, row in enumerate(base) if i not in deleted]
    return rows + [dict(row) for row in edits.get("added_rows") or []]


# -- the app's forms: a new report, the facts form, the outline table ------------------------

# The facts that are one list of lines each, with the label their text box carries.
LIST_FIELDS = {"events": "年度重点工作和大事（导语用）", "honours": "获得的荣誉",
               "integrity": "廉洁自律情况", "shortcomings": "存在的不足", "plans": "下一步打算"}


class IncompleteFacts(InputError):
    """The form holds something the facts cannot be without (a name, a figure's name)."""


def default_report_year(today: date | None = None) -> int:
    """Reports are written in December for the year ending, or in the first months after it."""
    today = today or date.today()
    return today.year if today.month >= 11 else today.year - 1


def split_posts(text: str) -> list[str]:
    """``党委书记、馆长`` (or with commas) → the posts, in order."""
    return [p.strip() for p in re.split(r"[、,，]", text or "") if p.strip()]


def new_facts(template_id: str, year: int, unit: str, person: str, posts: str = "") -> Facts:
    """The facts a new report starts from: who writes it, for which year."""
    if not unit.strip() or not person.strip():
        raise InputError("请填写单位和姓名后再创建报告")
    return _validated({"year": int(year), "unit": unit.strip(), "person": person.strip(),
                       "posts": split_posts(posts), "template": template_id})


@dataclass(frozen=True)
class FactsField:
    """One input of the facts form: a section's items and figures, or a list field."""

    kind: str  # "section" or "list"
    id: str  # the section id, or the Facts field name


def facts_fields(template: Template) -> list[tuple[str, SectionSpec, list[FactsField]]]:
    """The facts form, in the outline's order: each numbered section that uses facts, with the
    inputs it shows. A list field shared by several sections is shown once, at the first."""
    shown: set[str] = set()
    form = []
    for number, _level, spec in template.walk_numbered():
        if not spec.facts:
            continue
        fields = []
        for source in spec.facts:
            if source.startswith("sections."):
                fields.append(FactsField("section", source.removeprefix("sections.")))
            elif source in LIST_FIELDS and source not in shown:
                shown.add(source)
                fields.append(FactsField("list", source))
        form.append((number, spec, fields))
    return form


@dataclass
class FactsForm:
    """What the facts form holds, as typed. ``lists`` and ``sections`` have only the inputs
    the form has drawn so far: the facts keep what the form does not show."""

    unit: str
    person: str
    year: int | float | None
    posts: str
    date: str | None
    lists: dict[str, str] = field(default_factory=dict)  # field → its lines
    sections: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)  # id → (items, figure rows)
    rectifications: dict[int, str] = field(default_factory=dict)  # 上年问题 index → 整改情况 (update mode)


def facts_from_form(facts: Facts, form: FactsForm) -> Facts:
    """The facts as the form shows them; ``IncompleteFacts`` when they cannot be saved yet."""
    data = facts.model_dump()
    data.update(unit=form.unit.strip(), person=form.person.strip(), year=int(form.year or facts.year),
                date=(form.date or "").strip() or None, posts=split_posts(form.posts))
    for name, text in form.lists.items():
        data[name] = lines_to_items(text)
    for sid, (items, rows) in form.sections.items():
        data["sections"][sid] = section_facts(items, rows, facts.section(sid).figures).model_dump()
    for index, text in form.rectifications.items():
        if index < len(data["previous_issues"]):
            data["previous_issues"][index]["rectification"] = (text or "").strip() or None
    return _validated(data)


def _validated(data: dict[str, Any]) -> Facts:
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise IncompleteFacts(f"有未填写完整的内容（{where}），这一处修改暂未保存："
                              "单位、姓名不能为空，数字须有名称。") from None


def outline_table(template: Template) -> list[dict[str, Any]]:
    """The outline editor's rows: each section with its 顺序 number."""
    return [{"order": i + 1, **row} for i, row in enumerate(outline_rows(template))]


def ordered_rows(base: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows by their 顺序 number; a row given a new number goes before the row already there."""
    original = {r["id"]: r["order"] for r in base}

    def position(pair: tuple[int, dict[str, Any]]) -> tuple[float, int]:
        index, row = pair
        try:
            order = float(row.get("order"))  # type: ignore[arg-type]  # None: the TypeError below
        except (TypeError, ValueError):
            return (index + 1, index)
        moved = row.get("id") not in original or original[row["id"]] != order
        return (order - 0.5 if moved else order, index)

    return [row for _, row in sorted(enumerate(rows), key=position)]
