"""The checker: what a careful reader from the discipline inspection committee would find.

Library API (the CLI and the app both call it)::

    from shuzhi.checker import check_text, check_report, summarize, apply_fixes
    findings = check_text(text, template=None, facts=None, year=2022)
    summarize(findings)            # {"error": n, "warning": n, "info": n}
    apply_fixes(text, findings)    # only findings whose suggestion is an exact replacement

* ``template``: a :class:`shuzhi.templates.Template`; ``None`` picks the template the facts
  name, else the one whose ``report_type`` or alias the title names (述德述廉述职报告, 述责述廉报告 …);
  a text whose type cannot be told gets no type-specific ``missing-element`` finding.
* ``require``: element ids the unit asks for beyond the template (``("law",)``: 述法).
* ``year``: the report year Y. ``None``: ``facts.year`` if facts are given, else the title's year.
* ``rules`` / ``ignore``: rule ids to run / to skip (see ``RULE_IDS``); unknown ids raise ValueError.

**Checking one section** (the app, after a section is drafted or regenerated)::

    check_text(section.text, template=tmpl, facts=facts, year=2022,
               section="political", line_offset=12)

With ``section`` (a template section id) the text is that section's body alone: document-level
rules (``missing-element``; the title/opening-year part of ``stale-reference``) are skipped,
``length`` judges the text against that section's ``target_chars``, and every reported line is
shifted by ``line_offset`` (the number of lines before the section in the assembled report), so
the numbers match the whole report. ``offset`` in a finding stays relative to the given text,
so ``apply_fixes(section.text, findings)`` works on the section.

A finding's ``to_dict()`` is one finding of ``shuzhi check --format json`` (rule, severity,
line, column, text, message, suggestion, basis). Rules live in
``checker/rules/<rule>.py``; the text is split once by ``checker/document.py``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from shuzhi.checker.document import Document
from shuzhi.checker.finding import SEVERITIES, Finding, summarize
from shuzhi.checker.registry import RULE_IDS, Context, modules_for, rule_module

if TYPE_CHECKING:
    from shuzhi.facts import Facts
    from shuzhi.templates import Template

__all__ = [
    "RULE_IDS",
    "SEVERITIES",
    "Finding",
    "apply_fixes",
    "check_report",
    "check_text",
    "pick_template",
    "summarize",
]


def check_text(text: str, *, template: Template | None = None, facts: Facts | None = None,
               year: int | None = None, rules: list[str] | None = None, ignore: list[str] | None = None,
               section: str | None = None, line_offset: int = 0, markdown: bool = False,
               require: list[str] | tuple[str, ...] = ()) -> list[Finding]:
    """All findings for ``text``, sorted by position (document-level findings first)."""
    selected = _select(rules, ignore)
    with _collector_paused():
        doc = Document(text, line_offset=line_offset, whole=section is None, markdown=markdown)
        given = year if year is not None else (facts.year if facts is not None else None)
        if template is None and any(r in selected for r in ("missing-element", "length")):
            template = pick_template(doc.title, facts)
        ctx = Context(template=template, facts=facts, year=given, section=section, year_given=given is not None,
                      require=_required(require))
        findings: list[Finding] = []
        for rule_id in modules_for(selected):
            module = rule_module(rule_id)
            if module.DOCUMENT_LEVEL and section is not None:
                continue
            findings.extend(f for f in module.check(doc, ctx) if f.rule in selected)
        findings.sort(key=Finding.sort_key)
        return _once(findings)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a text is checked. A check makes no cycles to
    speak of, but the first one in a process builds tens of thousands of objects that live as long
    as it (data, patterns, the template): the collector would scan them again at every collection
    of its youngest generations and then in a full one, about a sixth of a cold ``shuzhi check``.
    Held off, it scans them once afterwards. Left as it was found if someone else turned it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _once(findings: list[Finding]) -> list[Finding]:
    """Each span flagged once per rule: an outdated name may be known both to stale-reference's
    data and to nonstandard-term's forms (reported as stale-reference). The one that suggests the
    standard text stays, else the first."""
    kept: list[Finding] = []
    for f in findings:
        twin = next((i for i, k in enumerate(kept) if k.rule == f.rule and _overlap(k, f)), None)
        if twin is None:
            kept.append(f)
        elif f.suggestion and not kept[twin].suggestion:
            kept[twin] = f
    return kept


def _overlap(a: Finding, b: Finding) -> bool:
    if a.offset is None or b.offset is None:
        return False
    return a.offset < b.offset + len(b.text) and b.offset < a.offset + len(a.text)



def _select(rules: list[str] | None, ignore: list[str] | None) -> list[str]:
    unknown = [r for r in (rules or []) + (ignore or []) if r not in RULE_IDS]
    if unknown:
        raise ValueError(f"未知的规则：{'、'.join(unknown)}（可用：{'、'.join(RULE_IDS)}）")
    chosen = [r for r in RULE_IDS if not rules or r in rules]
    return [r for r in chosen if r not in (ignore or [])]


def _required(require) -> tuple[str, ...]:
    if not require:
        return ()
    from shuzhi.templates import element_library

    known = {e["id"] for e in element_library()["elements"].values()}
    unknown = [r for r in require if r not in known]
    if unknown:
        raise ValueError(f"未知的要素：{'、'.join(unknown)}（可用：{'、'.join(sorted(known))}）")
    return tuple(require)


def pick_template(title: str, facts: Facts | None = None) -> Template | None:
    """The template for a report: the one the facts name, else the one whose report type (or
    an alias of it) the title names. None when the type cannot be told (or no template loads):
    then no type-specific element is required."""
    from shuzhi.errors import InputError
    from shuzhi.templates import load_template, template_for_title

    try:
        if facts is not None and "template" in facts.model_fields_set:
            return load_template(facts.template)
        return template_for_title(title)
    except InputError:
        return None


def check_report(path: str | Path, **options) -> list[Finding]:
    """Read a .txt/.md/.docx report (``shuzhi.readers.read_report``) and check it.
    Raises ``shuzhi.errors.InputError`` when the file cannot be read."""
    from shuzhi.readers import read_report

    path = Path(path)
    options.setdefault("markdown", path.suffix.lower() == ".md")
    return check_text(read_report(path), **options)


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """``text`` with every exact-replacement suggestion applied (overlapping ones: the first wins)."""
    edits: list[tuple[int, str, str]] = []
    for f in findings:
        if not f.fixable or f.offset is None or f.suggestion is None:
            continue
        edits.extend(f.edits or ((f.offset, f.text, f.suggestion),))
    out, position = [], 0
    for start, old, new in sorted(edits, key=lambda e: e[0]):
        end = start + len(old)
        if start < position or text[start:end] != old:
            continue
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    return "".join(out)
