"""``length`` — a section far outside its template's target length (info).

Each template section has ``target_chars: [min, max]``. A section whose own text (blanks not
counted) is under half the minimum or over 1.5 times the maximum is reported: too thin to be
credible, or padded. Sections are matched to the template by position and a similar heading;
a report with another structure is not judged. Sections that are only a placeholder are left to
the placeholder rule.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from shuzhi.checker.document import Document
from shuzhi.checker.markers import mask_markers
from shuzhi.checker.registry import Context, make
from shuzhi.patterns import compile as compile_pattern

if TYPE_CHECKING:
    from shuzhi.templates import Template

ID = "length"
SEVERITY = "info"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

LOW, HIGH = 0.5, 1.5
_BLANKS = compile_pattern(r"\s+")
_PUNCT = compile_pattern(r"[\s，。、；：！？“”‘’（）《》]")


def _similar(a: str, b: str) -> bool:
    a, b = _PUNCT.sub("", a), _PUNCT.sub("", b)
    if not a or not b:
        return False
    return len(set(a) & set(b)) / max(len(set(a)), len(set(b))) >= 0.6


def _specs(doc: Document, template: Template, section_id: str | None):
    """(section, spec) pairs: the matched template section for each section of the text
    (for ``section_id``, the whole text and that section)."""
    if section_id is not None:
        spec = next((s for s in template.walk() if s.id == section_id), None)
        if spec is not None:
            yield None, spec
        return
    for section in doc.sections:
        if section.level == 0:
            yield section, template.preamble
            continue
        top = section.position[0] - 1
        if top >= len(template.sections):
            continue
        spec = template.sections[top]
        if section.level == 2:
            children = spec.children
            if section.position[1] - 1 >= len(children):
                continue
            spec = children[section.position[1] - 1]
        if _similar(section.heading, spec.heading):
            yield section, spec


def check(doc: Document, ctx: Context):
    if ctx.template is None:
        return
    for section, spec in _specs(doc, ctx.template, ctx.section):
        low, high = spec.target_chars
        if not high:
            continue
        body = doc.text if section is None else doc.body(section)
        chars = len(_BLANKS.sub("", mask_markers(body)))
        if not chars:
            continue  # only a placeholder: the placeholder rule reports it
        if chars >= low * LOW and chars <= high * HIGH:
            continue
        where = "过短" if chars < low * LOW else "过长"
        offset = section.start if section is not None else 0
        if section is not None and section.level:
            offset = doc.line_starts[section.line - 1 - doc.line_offset]
        name = spec.heading if spec.id != "preamble" else "导语"
        yield make(doc, RULE, offset, name, f"“{name}”部分{where}：{chars}字，模板建议{low}～{high}字")
