"""A template made from any report, so a unit can draft in its own house structure.

The outline (sections and subsections, numbered 一、/（一） or 1./（1）) comes from the report;
what a heading alone cannot say — the mandatory elements of the report type, the prompt
texts, how a section draws on the facts — comes from the closest existing template, chosen
by the report type read off the title.

``template_from_report(text, id)`` gives the template.yaml data; ``write_template`` puts it in
``templates_dir()/<id>/`` where ``load_template(id)`` finds it, with the closest template's
prompt files through ``prompts_from``.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from shuzhi.draft import Draft
from shuzhi.errors import InputError
from shuzhi.facts import section_source
from shuzhi.jinja import literal
from shuzhi.templates import SectionSpec, Template, list_templates, template_for_title, templates_dir
from shuzhi.text.headings import match_number
from shuzhi.text.paragraphs import paragraphs
from shuzhi.text.years import YEAR_WORD

SIMILAR_HEADING = 0.5
# Parts every report type has under some heading; a heading with one of these words is
# matched to the base template's section of that id, so the facts gathered for it apply.
_PART_WORDS = {
    "integrity": ("廉",),
    "outlook": ("不足", "问题", "打算", "方向", "思路", "改进"),
    "study": ("学习", "理论", "政治品德", "述学"),
}


def closest_template(title: str) -> Template | None:
    """The existing template whose report type (or an alias) the title names, or resembles most."""
    named = template_for_title(title)
    if named is not None:
        return named
    found = list_templates()
    if not found:
        return None
    plain = YEAR_WORD.sub("", title)
    return max(found, key=lambda t: difflib.SequenceMatcher(None, plain, t.report_type).ratio())


def _base_spec(heading: str, base: Template | None, used: set[str]) -> SectionSpec | None:
    if base is None:
        return None
    candidates = [s for s in base.walk()[1:] if s.id not in used]
    best = max(candidates, key=lambda s: difflib.SequenceMatcher(None, heading, s.heading).ratio(),
               default=None)
    if best and difflib.SequenceMatcher(None, heading, best.heading).ratio() >= SIMILAR_HEADING:
        return best
    for part, words in _PART_WORDS.items():
        spec = next((s for s in candidates if s.id == part), None)
        if spec and any(w in heading for w in words):
            return spec
    return None


def assign_ids(draft: Draft, base: Template | None) -> None:
    """Give a report's sections the ids of the base template's sections they correspond to
    (so ``facts.sections[id]`` applies to them); the others keep their s1, s2-1 ids."""
    used: set[str] = set()
    for section in draft.sections[1:]:
        spec = _base_spec(section.heading.rstrip("。：；"), base, used)
        if spec is not None and spec.id not in {s.id for s in draft.sections}:
            used.add(spec.id)
            section.id = spec.id


def _spec_data(section, base: Template | None, children: list[dict]) -> dict[str, Any]:
    base_spec = next((s for s in base.walk() if s.id == section.id), None) if base else None
    length = len(section.text.replace("\n", ""))
    enumerated = any(found.kind == "ordinal" and found.value == 1
                     for found in map(match_number, paragraphs(section.text)) if found)
    data: dict[str, Any] = {
        "id": section.id,
        "heading": section.heading.rstrip("。：；"),
        "purpose": base_spec.purpose if base_spec else "",
        "facts": (base_spec.facts if base_spec and base_spec.facts else [section_source(section.id)])
        if section.text or not children else [],
        "style": "enumerated" if enumerated else "paragraph",
        "target_chars": [int(length * 0.6), int(length * 1.4)] if length else [0, 0],
        "gap": base_spec.gap if base_spec and base_spec.gap else section.heading.rstrip("。：；"),
    }
    if base_spec and base_spec.offline and not children:
        data["offline"] = base_spec.offline
    if children:
        data["children"] = children
    return data


def template_title(report_title: str) -> str:
    """The title template for a report's title: its year becomes ``{{ year }}``, the rest is
    the user's text as data (``shuzhi.jinja.literal``), never compiled."""
    if not report_title:
        return "{{ year }}年述职报告"
    year = YEAR_WORD.search(report_title)
    if year is None:
        return literal(report_title)
    return literal(report_title[: year.start()]) + "{{ year }}" + literal(report_title[year.end():])


def template_data(draft: Draft, template_id: str, base: Template | None, name: str | None = None,
                  report_type: str | None = None) -> dict[str, Any]:
    """template.yaml's content for a report already read into a draft (``report_to_draft``)."""
    title = template_title(draft.title)
    plain = YEAR_WORD.sub("", draft.title).strip("年度 ") or "述职报告"
    sections: list[dict[str, Any]] = []
    for section in draft.sections[1:]:
        if section.level == 1:
            sections.append(_spec_data(section, base, []))
        elif sections:  # a subsection: attach it to its parent
            parent = sections[-1]
            parent.setdefault("children", []).append(_spec_data(section, base, []))
            if not next(s for s in draft.sections if s.id == parent["id"]).text:
                parent["facts"] = []  # a heading over its subsections writes nothing itself
                parent.pop("offline", None)
    if not sections:
        raise InputError("报告中没有找到“一、”“（一）”或“1.”等层次标题，无法生成模板")
    preamble = base.preamble.model_dump(exclude_defaults=True) if base else \
        {"id": "preamble", "heading": "导语", "facts": ["events"]}
    preamble["id"] = "preamble"
    return {
        "id": template_id,
        "name": name or f"{plain}（据{draft.year}年报告生成）",
        "report_type": report_type or (base.report_type if base and base.report_type in plain else plain),
        "description": f"由《{draft.title}》的结构生成；必备要素取自模板“{base.id}”。" if base else
                       f"由《{draft.title}》的结构生成。",
        "title": title,
        "preamble": preamble,
        "sections": sections,
        "elements": [e.model_dump(exclude_defaults=True) for e in base.elements] if base else [],
        "author_roles": list(base.author_roles) if base else [],  # a 抓党建 report is a 书记's
    }


def build_template(data: dict[str, Any], prompts: dict[str, str]) -> Template:
    """Validate template data the way ``load_template`` will, so nothing unloadable is written."""
    from pydantic import ValidationError

    try:
        return Template.model_validate({**data, "prompts": prompts})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise InputError(f"生成的模板无效：{'.'.join(map(str, error['loc']))}: {error['msg']}") from None


def template_from_report(text: str, template_id: str, *, name: str | None = None) -> tuple[dict, Template]:
    """(template.yaml data, validated Template) for a report's text. Its prompt texts are the
    closest template's, by reference (``prompts_from``), not copied."""
    from shuzhi.outline import report_to_draft

    if not re.fullmatch(r"[A-Za-z0-9_-]+", template_id):
        raise InputError(f"模板 ID“{template_id}”无效：只能用英文字母、数字、- 和 _")
    draft = report_to_draft(text)
    base = closest_template(draft.title)
    if base is None:
        raise InputError(f"{templates_dir()} 中没有可参照的模板，无法为新模板取得提示词")
    assign_ids(draft, base)
    # the files themselves, never a house template in between (nor, with --force, itself)
    data = {**template_data(draft, template_id, base, name=name), "prompts_from": base.prompts_from or base.id}
    return data, build_template(data, base.prompts)


def write_template(data: dict, *, overwrite: bool = False) -> Path:
    """Write ``templates_dir()/<id>/template.yaml``; return the folder. The file is written
    whole to a temporary file of its own and renamed over the old one, so a reader never sees
    half of it and two writers never share a temporary name."""
    target = templates_dir() / data["id"]
    if (target / "template.yaml").exists() and not overwrite:
        raise InputError(f"{target}: 模板“{data['id']}”已存在（覆盖请加 --force）")
    target.mkdir(parents=True, exist_ok=True)
    header = ("# 由 shuzhi templates new 根据一份报告的结构生成；可直接编辑。\n"
              f"# 提示词用模板“{data['prompts_from']}”的（prompts_from）；"
              "要用自己的，把 system.md、section.md 或 whole.md 放进本目录。\n")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    handle, tmp = tempfile.mkstemp(dir=target, prefix=".template.", suffix=".yaml.tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(header + body)
        os.replace(tmp, target / "template.yaml")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
