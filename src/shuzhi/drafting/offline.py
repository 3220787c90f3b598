"""The offline drafter: the template's structure filled with the user's own items and figures.

No model, no network, deterministic. Wherever a fact is missing it writes a visible
``【待补充：…】`` naming what is missing, never an invented figure.

A section's ``indicators`` (the figures its report type expects, such as the 述职评议
indicator table: 三会一课 … 次) that the facts do not give are written as gaps too.

Items may point at a figure by name in braces — ``理论学习组集中学习{理论学习组集中学习}`` —
which becomes ``12次``; figures no item mentions are listed in a closing sentence.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from shuzhi.drafting.base import Drafter, SectionRequest
from shuzhi.facts import Facts, Figure, SectionFacts, source_section
from shuzhi.jinja import render
from shuzhi.templates import SectionSpec
from shuzhi.text.headings import without_ordinal
from shuzhi.text.numerals import cn_number
from shuzhi.text.paragraphs import paragraphs

_REFERENCE = re.compile(r"\{([^{}]+)\}")
_ENDINGS = "。！？；…"


def gap(what: str) -> str:
    return f"【待补充：{what}】"


def sentence(text: str) -> str:
    """One item as a sentence: trimmed, ending in a full stop."""
    text = text.strip().rstrip("；;，,")
    # a closing quote ends the sentence only when a full stop stands inside it: 他说：“好。”
    last = text[-2:-1] if text.endswith(("”", "’", "）")) else text[-1:]
    return text if not text or last in _ENDINGS else text + "。"


def sentences(items: list[str]) -> str:
    return "".join(sentence(i) for i in items if i.strip())


def ordinals(items: list[str]) -> str:
    """``一是A；二是B。`` — the sample's way of listing points inside a paragraph."""
    parts = [without_ordinal(i.strip()).rstrip("。；;，,") for i in items if i.strip()]
    return "；".join(f"{cn_number(n)}是{p}" for n, p in enumerate(parts, 1)) + "。"


def _figure_gap(figure: Figure) -> str:
    return gap(f"{figure.name}（{figure.unit}）" if figure.unit else figure.name)


def fill_references(text: str, figures: list[Figure]) -> tuple[str, set[str]]:
    """Replace ``{name}`` with the figure's value (or a gap); return the names used."""
    used: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        figure = next((f for f in figures if f.name == name), None)
        used.add(name)
        if figure is None:
            return gap(name)
        return figure.value_text() if figure.filled else _figure_gap(figure)

    return _REFERENCE.sub(replace, text), used


def figures_sentence(figures: list[Figure]) -> str:
    parts = [f"{f.name}{f.value_text() if f.filled else _figure_gap(f)}" for f in figures]
    return "全年" + "，".join(parts) + "。" if parts else ""


class OfflineDrafter(Drafter):
    name = "offline"

    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        yield self.render(request.spec, request.facts, request.template.id)

    def render(self, spec: SectionSpec, facts: Facts, template_id: str = "") -> str:
        if spec.offline:  # the template's own text, sandboxed; the facts are its data
            text = render(spec.offline, f"模板“{template_id}”中“{spec.heading}”的离线文本（offline）",
                          spec=spec, facts=facts, year=facts.year,
                          gap=gap, sentences=sentences, ordinals=ordinals)
        else:
            text = "\n".join(self._paragraphs(spec, facts))
        return "\n".join(paragraphs(text))

    def _paragraphs(self, spec: SectionSpec, facts: Facts) -> list[str]:
        if spec.children or not spec.facts:
            return []
        own = SectionFacts()
        extras: list[str] = []
        for key in spec.facts:
            section_id = source_section(key)
            if section_id is not None:
                part = facts.section(section_id)
                own = SectionFacts(items=own.items + part.items, figures=own.figures + part.figures)
            else:
                extras.extend(getattr(facts, key, None) or [])
        if own.empty and not extras:
            return [gap(spec.gap or spec.heading)]
        # an indicator of the type's table the user gave no figure for is a visible gap
        named = {f.name for f in own.figures}
        own.figures.extend(Figure(name=i.name, unit=i.unit) for i in spec.indicators if i.name not in named)

        used: set[str] = set()
        items = []
        for item in own.items:
            text, names = fill_references(item, own.figures)
            used |= names
            items.append(text)
        leftover = figures_sentence([f for f in own.figures if f.name not in used])

        if spec.style == "enumerated":
            paragraphs = [f"{cn_number(n)}是{without_ordinal(sentence(i))}"
                          for n, i in enumerate(items, 1) if i.strip()]
            paragraphs += [p for p in (leftover, sentences(extras)) if p]
        else:
            paragraphs = [sentences(items) + leftover + sentences(extras)]
        return paragraphs or [gap(spec.gap or spec.heading)]
