"""Section prompts built from the template's prompt files (``prompts/<id>/*.md``, Jinja).

Every section prompt is two messages. The system message is the same for all sections of a
draft — role, style rules, standard formulations, the whole facts, the outline with every
section's heading, purpose and length — and the user message is the section's own request,
last, so a provider's prefix cache serves the shared part of every request after the first
(``shared_prefix_share`` measures it; the goal is ≥ 80 % of each prompt).

Sandboxed Jinja (``shuzhi.jinja``) into ``(role, content)`` pairs, so counting and the
benchmark need no model client; ``drafting/openai.py`` sends them as chat messages. When a
prompt does not fit the model's context window it is rendered again in a shorter step
(``STEPS``, ``drafting/fit.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from shuzhi.facts import Facts, source_section
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


def outline(template: Template, brief: bool = False, only: str | None = None) -> str:
    """Every section with its number, heading, target length and what it covers; ``brief``:
    headings and lengths only; ``only``: just that section's line."""
    lines = []
    for number, level, spec in template.walk_numbered():
        if only is not None and spec.id != only:
            continue
        indent = "  " * max(0, level - 1) if only is None else ""
        low, high = spec.target_chars
        size = f"（约{low}至{high}字）" if high else "（仅标题）"
        heading = spec.heading if level else "导语"
        lines.append(f"{indent}{number}{heading}{size}：{spec.purpose}" if spec.purpose and not brief
                     else f"{indent}{number}{heading}{size}")
    return "\n".join(lines)


# Steps that shorten a section's prompt when it does not fit the model's context window, in
# the order they are tried (drafting/fit.py). Each keeps everything the section's own text
# needs — its facts, figures, gaps and the rules — and drops what only helps it fit in with
# the others:
#   full     the whole facts, the outline with every section's purpose, every formulation;
#   headings other sections' facts dropped: the shared part keeps who reports and the outline
#            with headings only, this section's facts move into its own request;
#   terms    the list of standard formulations cut to those this section's facts touch;
#   own      only this section: its own line instead of the outline.
# Up to ``headings`` the system message is still the same for every section (prefix caches hit);
# from ``terms`` on it differs after the first rules, which is only used when nothing larger fits.
STEPS = ("full", "headings", "terms", "own")
STEP_NAMES = {"full": "完整", "headings": "其余部分只列标题", "terms": "规范表述只留本部分涉及的",
              "own": "只留本部分的事实"}
IDENTITY = ("report_type", "year", "unit", "person", "posts", "date")
SECTION_FACTS = """本部分依据的事实（YAML，格式同上；其余部分的事实从略）：
```yaml
{facts_yaml}
```

"""

_SYSTEM_CACHE: dict[tuple, str] = {}


def system_prompt(template: Template, facts: Facts, step: str = "full",
                  spec: SectionSpec | None = None) -> str:
    """The part sections share; identical bytes for every section of one draft up to the
    ``headings`` step. Rendered once per (template, outline, facts, step[, section]): ten
    sections start at once and wait for it. The outline is part of the key: a user's edited
    outline shares the template's id."""
    per_section = STEPS.index(step) >= STEPS.index("terms")
    outline_text = outline(template)
    key = (template.id, template.report_type, template.prompts["system"], outline_text,
           facts.model_dump_json(), step, spec.id if per_section and spec else None)
    if key not in _SYSTEM_CACHE:
        if len(_SYSTEM_CACHE) > 64:
            _SYSTEM_CACHE.clear()
        _SYSTEM_CACHE[key] = _render_system(template, facts, outline_text, step, spec)
    return _SYSTEM_CACHE[key]


def _render_system(template: Template, facts: Facts, outline_text: str, step: str,
                   spec: SectionSpec | None) -> str:
    facts_yaml, terms = facts.to_yaml().strip(), standard_terms()
    if step != "full":
        facts_yaml = _yaml({k: v for k, v in facts.to_data().items() if k in IDENTITY})
        outline_text = outline(template, brief=True)
    if step in ("terms", "own") and spec is not None:
        terms = touched_terms(_section_text(facts, spec))
    if step == "own" and spec is not None:
        outline_text = outline(template, only=spec.id)
    return _render(template, "system", report_type=template.report_type, year=facts.year,
                   facts=facts, facts_yaml=facts_yaml, outline_text=outline_text,
                   standard_terms=terms, elements=required_elements(template, facts))


def required_elements(template: Template, facts: Facts) -> list[Element]:
    """The elements this author's report must or should contain: the checker's gating
    (``Template.elements_for``) applied to ``facts.posts``, so the model writes 第一责任人 for a
    书记 and “一岗双责” for a 副职, never the other way round."""
    author = author_from_posts(facts.posts)
    return [e for e, _demand in template.elements_for(author, template.render_title(facts.year))]


def section_facts(facts: Facts, spec: SectionSpec) -> dict:
    """The parts of the facts a section draws on (``spec.facts``), in the facts file's shape."""
    data = facts.to_data(sources=False)  # where a figure came from is for the user, not the model
    out: dict = {}
    for key in spec.facts:
        sid = source_section(key)
        if sid is not None:
            out.setdefault("sections", {})[sid] = data["sections"].get(sid, {"items": [], "figures": []})
        elif key in data:
            out[key] = data[key]
    return out


def _section_text(facts: Facts, spec: SectionSpec) -> str:
    return "\n".join([spec.heading, spec.purpose, _yaml(section_facts(facts, spec))])


def touched_terms(text: str) -> tuple[str, ...]:
    """The standard formulations that ``text`` touches: any four characters in a row of one
    of the term's parts (“四个意识”, “中央八项”…) appear in it."""
    def parts(term: str) -> list[str]:
        return [p for p in re.split(r"[“”（）《》；、，\s]+", term) if len(p) >= 4]

    return tuple(t for t in standard_terms()
                 if any(p[i:i + 4] in text for p in parts(t) for i in range(len(p) - 3)))


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).strip()


def section_prompt(template: Template, facts: Facts, spec: SectionSpec, number: str, level: int,
                   instruction: str | None = None, previous_text: str | None = None,
                   step: str = "full") -> Prompt:
    user = _render(template, "section", section=spec, number=number, level=level,
                   heading=spec.heading if level else "导语", facts_keys=spec.facts,
                   instruction=instruction, previous_text=previous_text,
                   year=facts.year, report_type=template.report_type)
    if step != "full" and spec.facts:
        user = SECTION_FACTS.format(facts_yaml=_yaml(section_facts(facts, spec))) + user
    return Prompt(system_prompt(template, facts, step, spec), user)


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
    shared = count_tokens(commonprefix(texts))  # noqa: RUF071 -- the characters all prompts open with
    shares = [shared / count_tokens(t) for t in texts]
    return min(shares), sum(shares) / len(shares)
