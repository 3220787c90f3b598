"""Whether a section's text still matches the facts: each drafted version keeps the facts its
section drew on (``Version.facts_used``: the template section's ``facts`` sources, and the
year), and a section whose sources changed since is "与事实不一致" — the figure or item it
states may no longer be the user's. A user's edit keeps the facts of the text it edited; a
version made without facts (imported, updated from last year's report) is not judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shuzhi.draft import Draft
from shuzhi.facts import Facts, SectionFacts, source_section
from shuzhi.templates import SectionSpec, Template

# the names a user knows the top-level facts by (the facts form's headings)
FIELD_NAMES = {"events": "全年大事", "honours": "荣誉", "integrity": "廉洁自律", "shortcomings": "存在的不足",
               "plans": "下一步打算", "year": "报告年度"}


def facts_used(facts: Facts, spec: SectionSpec) -> dict[str, Any]:
    """What a section drafted now draws on, as JSON: each of its sources, and the year."""
    used: dict[str, Any] = {"year": facts.year}
    for source in spec.facts:
        section_id = source_section(source)
        value = facts.section(section_id) if section_id else getattr(facts, source, None)
        used[source] = value.model_dump(mode="json") if isinstance(value, SectionFacts) else value
    return used


@dataclass(frozen=True)
class Mismatch:
    """A section drafted from facts that changed since: ``changes`` in the user's words."""

    section_id: str
    changes: tuple[str, ...]


def mismatches(draft: Draft, template: Template) -> list[Mismatch]:
    """The sections whose current text was drafted from facts that are no longer the draft's."""
    specs = {spec.id: spec for spec in template.walk()}
    out = []
    for section in draft.sections:
        spec = specs.get(section.id)
        used = section.versions[-1].facts_used if section.versions else None
        if spec is None or used is None:
            continue
        changes = describe(used, facts_used(draft.facts, spec))
        if changes:
            out.append(Mismatch(section.id, tuple(changes)))
    return out


def describe(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two ``facts_used``, one line per figure or list."""
    lines = []
    for key in new:
        if key not in old or old[key] == new[key]:
            continue
        if source_section(key) is not None:
            lines += _section_changes(old[key] or {}, new[key] or {})
        elif key == "year":
            lines.append(f"报告年度：{old[key]} → {new[key]}")
        else:
            lines.append(_list_change(FIELD_NAMES.get(key, key), old[key] or [], new[key] or []))
    return lines


def _section_changes(old: dict, new: dict) -> list[str]:
    lines = []
    before = {f["name"]: f for f in old.get("figures", [])}
    after = {f["name"]: f for f in new.get("figures", [])}
    for name in {**before, **after}:
        was, now = _figure_text(before.get(name)), _figure_text(after.get(name))
        if was != now:
            lines.append(f"数据“{name}”：{was} → {now}")
    if old.get("items", []) != new.get("items", []):
        lines.append(_list_change("事项", old.get("items", []), new.get("items", [])))
    return lines


def _figure_text(figure: dict | None) -> str:
    if figure is None:
        return "（无）"
    value = figure.get("value")
    if value is None or str(value).strip() == "":
        return "（未填）"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{figure.get('unit', '')}"


def _list_change(name: str, old: list, new: list) -> str:
    added = [x for x in new if x not in old]
    removed = [x for x in old if x not in new]
    parts = [f"新增 {len(added)} 条" if added else "", f"删去 {len(removed)} 条" if removed else ""]
    return f"{name}：" + ("、".join(p for p in parts if p) or "已修改")
