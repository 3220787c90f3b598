"""Section prompts built from the template's prompt files (``prompts/<id>/*.md``, Jinja).

Every section prompt is two messages. The system message is the same for all sections of a
draft — role, style rules, standard formulations, the whole facts, the outline with every
section's heading, purpose and length — and the user message is the section's own request,
last, so a provider's prefix cache serves the shared part of every request after the first
(``shared_prefix_share`` measures it; the goal is ≥ 80 % of each prompt).

Sandboxed Jinja (``shuzhi.jinja``) into ``(role, content)`` pairs: no langchain here, so counting and the benchmark
do not import it; ``drafting/openai.py`` turns the pairs into langchain messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from shuzhi.facts import Facts
from shuzhi.jinja import render
from shuzhi.roles import author_from_posts
from shuzhi.templates import Element, SectionSpec, Template

TERMS_FILE = Path(__file__).resolve().parents[1] / "data" / "standard_terms.yaml"


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str

    def messages(self) -> list[tuple[str, str]]:
        return [("system", self.system), ("user", self.user)]

    @property
    def text(self) -> str:
        return self.system + "\n\n" + self.user


@cache
def standard_terms() -> tuple[str, ...]:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")) or {}
    return tuple(data.get("terms") or ())


def _render(template: Template, name: str, **values) -> str:
    where = f"模板“{template.id}”的 {name}.md"
    return render(template.prompts[name], where, "prompt", **values).strip() + "\n"


def outline(template: Template) -> str:
    """Every section with its number, heading, target length and what it covers."""
    lines = []
    for number, level, spec in template.walk_numbered():
        indent = "  " * max(0, level - 1)
        low, high = spec.target_chars
        size = f"（约{low}至{high}字）" if high else "（仅标题）"
        heading = spec.heading if level else "导语"
        lines.append(f"{indent}{number}{heading}{size}：{spec.purpose}" if spec.purpose
                     else f"{indent}{number}{heading}{size}")
    return "\n".join(lines)


_SYSTEM_CACHE: dict[tuple[str, ...], str] = {}


def system_prompt(template: Template, facts: Facts) -> str:
    """The part every section shares; identical bytes for every section of one draft.
    Rendered once per (template, outline, facts): ten sections start at once and wait for it.
    The outline is part of the key: a user's edited outline shares the template's id."""
    outline_text = outline(template)
    key = (template.id, template.report_type, template.prompts["system"], outline_text,
           facts.model_dump_json())
    if key not in _SYSTEM_CACHE:
        if len(_SYSTEM_CACHE) > 32:
            _SYSTEM_CACHE.clear()
        _SYSTEM_CACHE[key] = _render(template, "system", report_type=template.report_type,
                                     year=facts.year, facts=facts, facts_yaml=facts.to_yaml().strip(),
                                     outline_text=outline_text, standard_terms=standard_terms(),
                                     elements=required_elements(template, facts))
    return _SYSTEM_CACHE[key]


def required_elements(template: Template, facts: Facts) -> list[Element]:
    """The elements this author's report must or should contain: the checker's gating
    (``Template.elements_for``) applied to ``facts.posts``, so the model writes 第一责任人 for a
    书记 and “一岗双责” for a 副职, never the other way round."""
    author = author_from_posts(facts.posts)
    return [e for e, _demand in template.elements_for(author, template.render_title(facts.year))]


def section_prompt(template: Template, facts: Facts, spec: SectionSpec, number: str, level: int,
                   instruction: str | None = None, previous_text: str | None = None) -> Prompt:
    user = _render(template, "section", section=spec, number=number, level=level,
                   heading=spec.heading if level else "导语", facts_keys=spec.facts,
                   instruction=instruction, previous_text=previous_text,
                   year=facts.year, report_type=template.report_type)
    return Prompt(system_prompt(template, facts), user)


def whole_prompt(template: Template, facts: Facts) -> Prompt:
    """The whole report in one request, as a chat-window user would ask (the benchmark's baseline)."""
    user = _render(template, "whole", year=facts.year, report_type=template.report_type)
    return Prompt(system_prompt(template, facts), user)


def draft_prompts(template: Template, facts: Facts) -> list[Prompt]:
    """The prompt of every section that has text of its own."""
    return [section_prompt(template, facts, spec, number, level)
            for number, level, spec in template.walk_numbered()
            if not (spec.children and not spec.facts)]


def shared_prefix_share(prompts: list[Prompt]) -> tuple[float, float]:
    """(smallest, mean) share of each prompt's tokens that is the prefix all prompts share."""
    from os.path import commonprefix

    from shuzhi.tokens import count_tokens

    texts = [p.text for p in prompts]
    shared = count_tokens(commonprefix(texts))
    shares = [shared / count_tokens(t) for t in texts]
    return min(shares), sum(shares) / len(shares)
