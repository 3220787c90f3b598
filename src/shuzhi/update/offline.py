"""This year's draft from last year's report, offline: last year's structure, this year's content.

The structure (sections, headings, enumerated or running style) becomes a house template
(``shuzhi.house_template``); the offline drafter writes this year's items and figures into it;
last year's sentences are replaced, kept, marked or left out (``carry``); the 上年问题整改 part
answers last year's 不足 (``issues``); last year's figures of the same name go into the facts
(``figures``). ``prepare`` is the part the model path shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shuzhi.draft import Draft, Section
from shuzhi.drafting.offline import OfflineDrafter, sentences
from shuzhi.errors import InputError
from shuzhi.facts import Facts, SectionFacts, section_source, source_section
from shuzhi.templates import SectionSpec, Template
from shuzhi.text.paragraphs import paragraphs
from shuzhi.text.years import replace_year
from shuzhi.update import carry
from shuzhi.update.figures import with_last_year_figures
from shuzhi.update.issues import is_issues_section, is_rectification_section, read_issues, with_previous_issues
from shuzhi.update.words import has_any, part

RECTIFICATION_ID = "rectification"
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")  # SectionSpec.id


@dataclass
class Prepared:
    """Last year's report read for updating: its sections, this year's facts keyed to them
    (with 上年问题 and last year's figures), the house template, and last year's year."""

    last: Draft
    facts: Facts
    template: Template
    outline: list[dict[str, Any]]
    last_year: int
    text: str  # last year's report as read
    roles: dict[str, str] = field(default_factory=dict)  # section id → preamble/content/issues/plans/rectification


def _key(section: Section) -> str:
    return section.heading.rstrip("。：；:; ")


def _keyed_by_heading(last: Draft, facts: Facts, base: Template | None) -> Facts:
    """Template ids for the sections the facts do not key by heading; the facts' heading keys
    moved to the ids of their sections (ids are ``[a-z][a-z0-9_-]*``, headings are not)."""
    from shuzhi.house_template import assign_ids

    by_heading = [s for s in last.sections[1:] if _key(s) in facts.sections]
    others = last.model_copy(update={"sections": [s for s in last.sections if s not in by_heading]})
    assign_ids(others, base)
    sections = {k: v for k, v in facts.sections.items() if k not in {_key(s) for s in by_heading}}
    for section in by_heading:
        if section.id in sections:  # an id the template gave another section: make one up
            section.id = f"s{last.sections.index(section)}"
        sections[section.id] = facts.sections[_key(section)]
    _by_content(last, sections)
    return facts.model_copy(update={"sections": sections})


def _by_content(last: Draft, sections: dict[str, SectionFacts]) -> None:
    """Facts sections no heading or template id matched, given to the section of last year's
    report that says the most of the same (their figures by name, runs of their items' words)."""
    for key in [k for k in sections if k not in {s.id for s in last.sections}]:
        facts = sections[key]

        def score(section: Section, facts=facts) -> int:
            return (sum(f.name in section.text for f in facts.figures)
                    + sum(carry.shared_run(section.text, item) >= carry.SHARED_RUN for item in facts.items))

        free = [s for s in last.sections[1:] if s.text and s.id not in sections]
        best = max(free, key=score, default=None)
        if best is None or score(best) == 0:
            continue
        if _ID.match(key):
            best.id = key  # the facts' own id (a template's: study, political …)
        else:
            sections[best.id] = sections.pop(key)


def _role(last: Draft, section: Section) -> str:
    if section.level == 0:
        return "preamble"
    tops = [s for s in last.sections if s.level == 1]
    if section.level != 1 or section not in tops[-3:]:
        return "content"
    if is_rectification_section(section):
        return "rectification"
    if is_issues_section(section):
        return "issues"
    return "plans" if has_any(section.heading, "plan") else "content"


def _flatten(last: Draft, parent: Section) -> None:
    """An issues or plans part written in subsections (1.强化政治引领。…): one section now,
    last year's subsections its text, this year's items its content."""
    children = last.subsections(parent)
    if children:
        parts = [parent.text] if parent.text else []
        parent.text = "\n".join(parts + [f"{c.heading}{c.text}" for c in children])
        last.sections = [s for s in last.sections if s not in children]


def _spec_for(data: dict, role: str, facts: Facts) -> None:
    if role == "issues":
        with_plans = has_any(data["heading"], "plan")  # 存在的不足和努力方向
        data["facts"] = ["shortcomings", "plans"] if with_plans else ["shortcomings"]
        data["offline"] = part("issues")["offline"] + ("\n" + part("plans")["offline"] if with_plans else "")
    elif role == "plans":
        data["facts"], data["offline"] = ["plans"], part("plans")["offline"]
    elif role == "rectification":
        data["facts"], data["offline"] = ["previous_issues"], part("rectification")["offline"]
    elif data["id"] in facts.sections and not data.get("children"):
        data["facts"] = [section_source(data["id"])] + [k for k in data.get("facts", []) if k == "honours"]
        data.pop("offline", None)
    if role in ("issues", "plans"):
        data.pop("children", None)  # flattened (``_flatten``)


def prepare(last_text: str, facts: Facts, base: Template | None = None) -> Prepared:
    from shuzhi.house_template import build_template, closest_template, template_data
    from shuzhi.outline import report_to_draft, report_year

    last = report_to_draft(last_text, facts)
    if len(last.sections) < 2:
        raise InputError("去年的报告中没有找到“一、”“（一）”或“1.”等层次标题，无法按它的结构更新；"
                         "请上传带层次标题的报告，或直接按模板起草")
    last_year = report_year(last.title, last_text) or facts.year - 1
    base = base or _base_template(facts, last.title, closest_template)
    facts = _keyed_by_heading(last, facts, base)
    facts = with_last_year_figures(with_previous_issues(facts, read_issues(last)), last_text)
    roles = {s.id: _role(last, s) for s in last.sections}
    for section in last.sections:  # last year's own 整改 part: the id the 上年问题 part has
        if roles[section.id] == "rectification" and section.id != RECTIFICATION_ID \
                and RECTIFICATION_ID not in roles:
            roles[RECTIFICATION_ID] = roles.pop(section.id)
            section.id = RECTIFICATION_ID
    for section in list(last.sections):
        if roles[section.id] in ("issues", "plans"):
            _flatten(last, section)
    data = template_data(last, base.id if base else "update", base)
    for spec in [s for top in data["sections"] for s in [top, *top.get("children", [])]]:
        _spec_for(spec, roles.get(spec["id"], "content"), facts)
    if facts.previous_issues and "rectification" not in roles.values():
        at = next((i for i, s in enumerate(data["sections"]) if roles.get(s["id"]) in ("issues", "plans")),
                  len(data["sections"]))
        data["sections"].insert(at, {"id": RECTIFICATION_ID, **part("rectification"), "facts": ["previous_issues"],
                                     "style": "paragraph", "target_chars": [100, 500], "gap": "上年问题整改情况"})
        roles[RECTIFICATION_ID] = "rectification"
    template = build_template(data, base.prompts if base else {})
    return Prepared(last, facts, template, data["sections"], last_year, last_text, roles)


def _base_template(facts: Facts, title: str, closest) -> Template | None:
    from shuzhi.templates import TemplateError, load_template

    try:
        return load_template(facts.template)
    except TemplateError:
        return closest(title)


def _sources(spec: SectionSpec, facts: Facts) -> SectionFacts:
    """The items and figures of this year's facts a section draws on."""
    items, figures = [], []
    for key in spec.facts:
        section_id = source_section(key)
        if section_id is not None:
            items += facts.section(section_id).items
            figures += facts.section(section_id).figures
        elif key != "previous_issues":
            items += [str(v) for v in getattr(facts, key, None) or []]
    return SectionFacts(items=items, figures=figures)


def _preamble(prepared: Prepared, spec: SectionSpec, used_honours: bool) -> tuple[str, list[carry.Carried]]:
    facts, last = prepared.facts, prepared.last.sections[0]
    facts_text = facts.to_yaml()
    out, carried, opened = [], [], False
    for paragraph in paragraphs(last.text):
        fates = carry.framing("preamble", paragraph, facts, facts_text, prepared.last_year)
        carried += fates
        body = "".join(c.now for c in fates if c.fate == "kept" and not carry.formula(c.text))
        if body and not carry.salutation(body) and not opened:
            opened = True
            news = [e.strip().rstrip("。；;，,") for e in facts.events if not carry.said(e, body)]
            body += (f"一年来，{'，'.join(news)}。" if news else "") + ("" if used_honours else sentences(facts.honours))
        marks = "".join(c.now for c in fates if c.fate == "marked")
        closing = "".join(c.now for c in fates if c.fate == "kept" and carry.formula(c.text))
        out.append(body + marks + closing)
    if not opened:  # no opening of last year's to keep: this year's, the template's way
        out.insert(1 if out and carry.salutation(out[0]) else 0, OfflineDrafter().render(spec, facts))
    return "\n".join(p for p in out if p), carried


def _section(prepared: Prepared, spec: SectionSpec, text: str) -> tuple[str, list[carry.Carried]]:
    facts = prepared.facts
    written = OfflineDrafter().render(spec, facts, prepared.template.id)
    if prepared.roles.get(spec.id) == "rectification":  # last year's account of the year before
        return written, [carry.Carried(spec.id, s, "omitted") for s in carry.split(text)]
    own = _sources(spec, facts)
    fates = carry.content(spec.id, text, facts, own.figures, own.items)
    marks = "".join(c.now for c in fates if c.fate == "marked")
    closing = "".join(c.now for c in fates if c.fate == "kept")
    return "\n".join(p for p in (written, marks, closing) if p), fates


def compose(prepared: Prepared) -> tuple[Draft, list[carry.Carried]]:
    """The updated draft, offline, and what became of each of last year's sentences."""
    facts, template = prepared.facts, prepared.template
    previous = {s.id: s.text for s in prepared.last.sections}
    used_honours = any("honours" in s.facts for _, _, s in template.walk_numbered())
    sections, carried = [], []
    for number, level, spec in template.walk_numbered():
        if level == 0:
            text, fates = _preamble(prepared, spec, used_honours)
        elif spec.children and not spec.facts:
            text, fates = "", []
        else:
            text, fates = _section(prepared, spec, previous.get(spec.id, ""))
        carried += fates
        section = Section(id=spec.id, number=number, heading=replace_year(spec.heading, prepared.last_year, facts.year),
                          level=level, status="done")
        if text:
            section.add_version(text, "update", instruction=f"由{prepared.last_year}年报告更新")
        sections.append(section)
    title = replace_year(prepared.last.title, prepared.last_year, facts.year)
    draft = Draft(title=title, year=facts.year, template=template.id, facts=facts, sections=sections,
                  previous_report=prepared.text)
    return draft, carried
