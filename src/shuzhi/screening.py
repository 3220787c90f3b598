"""Screening what would leave the unit: 涉密 markings and personal data, found before any
request goes to a model outside the unit's network (``config.is_local_endpoint``).

``screen(material)`` takes ``(where, text)`` pairs and returns every ``Hit`` (kind, masked
excerpt, where) of the signals in ``data/screening.yaml``. Drafting calls it through
``outbound_requests`` (the pipeline, before the first request): a ``block`` hit refuses
the run with one line naming what was found, unless the user chose to send it masked
(``mask``: each hit becomes ``XX``). Any other sender (a future extraction step) screens
its own material the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from shuzhi.errors import InputError

if TYPE_CHECKING:
    from shuzhi.drafting.base import SectionRequest
    from shuzhi.facts import Facts
    from shuzhi.templates import Template

SIGNALS_FILE = Path(__file__).with_name("data") / "screening.yaml"
MASK = "XX"
SHOWN = 5  # hits named in the refusal line; the rest are counted
FACT_FIELDS = {"report_type": "报告类型", "unit": "单位", "person": "姓名", "posts": "职务",
               "date": "成文日期", "events": "年度重点工作", "honours": "荣誉", "integrity": "廉洁自律",
               "shortcomings": "存在的不足", "plans": "下一步打算"}


@dataclass(frozen=True)
class Signal:
    id: str
    name: str
    severity: str
    patterns: tuple[re.Pattern, ...]
    personal: bool = False
    check: str | None = None

    def matches(self, text: str):
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                if self.check != "id-checksum" or id_checksum_ok(match.group()):
                    yield match


@dataclass(frozen=True)
class Hit:
    kind: str  # the signal's id: classification, internal, id-card, mobile …
    name: str  # in words: 密级标注
    severity: str  # "block" or "warn"
    excerpt: str  # what was found; personal data masked in the middle
    where: str  # 事实·年度重点工作第2条

    def describe(self) -> str:
        return f"{self.name}“{self.excerpt}”（{self.where}）"


@dataclass(frozen=True)
class Outbound:
    """Where a drafter's requests go: ``cloud`` outside the unit's network; ``mask``: the
    user chose to send hits as XX rather than be refused."""

    cloud: bool
    mask: bool = False

    @property
    def label(self) -> str:
        return "云端模型" if self.cloud else "本地模型"


class SensitiveContent(InputError):
    def __init__(self, hits: list[Hit]):
        self.hits = hits
        named = "；".join(h.describe() for h in hits[:SHOWN])
        more = f"等 {len(hits)} 处" if len(hits) > SHOWN else ""
        super().__init__(f"材料中有不宜发往云端模型的内容：{named}{more}。请删去后再起草，或改用本单位内网的"
                         "本地模型；确需发送，可选择将其替换为 XX 后发送（命令行加 --mask-sensitive，"
                         "网页版勾选“替换为 XX 后发送”）")


@cache
def signals() -> tuple[Signal, ...]:
    data = yaml.safe_load(SIGNALS_FILE.read_text(encoding="utf-8"))
    return tuple(Signal(s["id"], s["name"], s["severity"],
                        tuple(re.compile(p, re.MULTILINE) for p in s["patterns"]),
                        bool(s.get("personal")), s.get("check")) for s in data["signals"])


def id_checksum_ok(number: str) -> bool:
    """The 18th character of a 居民身份证号码 (GB 11643—1999, ISO 7064 MOD 11-2)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(number[:17], weights))
    return "10X98765432"[total % 11] == number[17].upper()


def _spans(text: str) -> list[tuple[int, int, Signal]]:
    """Every match, a warn-level one dropped where a block-level one covers it."""
    found = [(m.start(), m.end(), s) for s in signals() for m in s.matches(text)]
    blocks = [(a, b) for a, b, s in found if s.severity == "block"]
    return [(a, b, s) for a, b, s in found
            if s.severity == "block" or not any(a < y and x < b for x, y in blocks)]


def _excerpt(text: str, personal: bool) -> str:
    text = " ".join(text.split())
    if personal and len(text) > 7:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return text[:30]


def screen(material) -> list[Hit]:
    """Hits in ``(where, text)`` pairs, each (kind, excerpt, where) once, in order."""
    hits: dict[tuple[str, str, str], Hit] = {}
    for where, text in material:
        for start, end, signal in sorted(_spans(text), key=lambda t: t[0]):
            hit = Hit(signal.id, signal.name, signal.severity,
                      _excerpt(text[start:end], signal.personal), where)
            hits.setdefault((hit.kind, hit.excerpt, where), hit)
    return list(hits.values())


def mask(text: str) -> str:
    """``text`` with every block-level hit replaced by XX."""
    spans = sorted({(a, b) for a, b, s in _spans(text) if s.severity == "block"})
    out, last = [], 0
    for start, end in spans:
        if start >= last:
            out.append(text[last:start] + MASK)
            last = end
        elif end > last:  # overlapping hits: one XX
            last = end
    return "".join(out) + text[last:]


# -- what a drafting request sends ------------------------------------------------------------

def _walk(value: Any, path: tuple) -> list[tuple[tuple, Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _walk(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _walk(v, (*path, i))]
    return [(path, value)] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else []


def _fact_where(path: tuple, headings: dict[str, str]) -> str:
    if path[0] == "sections" and len(path) >= 4:
        part = "事项" if path[2] == "items" else "数字"
        return f"事实·{headings.get(path[1], path[1])}·{part}第{path[3] + 1}条"
    name = FACT_FIELDS.get(path[0], path[0])
    return f"事实·{name}第{path[1] + 1}条" if len(path) > 1 else f"事实·{name}"


def request_material(requests: list[SectionRequest]) -> list[tuple[str, str]]:
    """Everything of the user's that these requests send: the facts (every section's
    request carries them all), the outline's headings, each instruction and previous text."""
    if not requests:
        return []
    template, facts = requests[0].template, requests[0].facts
    headings = {spec.id: spec.heading for spec in template.walk()}
    material = [(_fact_where(path, headings), str(value))
                for path, value in _walk(facts.model_dump(mode="json"), ())
                if path[0] not in ("template", "year")]
    material += [(f"提纲·{spec.heading}", f"{spec.heading}\n{spec.purpose}") for spec in template.walk()]
    for r in requests:
        heading = r.spec.heading if r.level else "导语"
        if r.instruction:
            material.append((f"{heading}·修改要求", r.instruction))
        if r.previous_text:
            material.append((f"{heading}·原文", r.previous_text))
    return material


def _masked_data(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _masked_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked_data(v) for v in value]
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and mask(str(value)) != str(value):
        return MASK  # a phone number typed as a figure's value
    return value


def masked_facts(facts: Facts) -> Facts:
    return type(facts).model_validate(_masked_data(facts.model_dump(mode="json")))


def masked_template(template: Template) -> Template:
    def spec(s):
        return s.model_copy(update={"heading": mask(s.heading), "purpose": mask(s.purpose),
                                    "gap": mask(s.gap), "children": [spec(c) for c in s.children]})

    return template.model_copy(update={"preamble": spec(template.preamble),
                                       "sections": [spec(s) for s in template.sections]})


def masked_requests(requests: dict[str, SectionRequest]) -> dict[str, SectionRequest]:
    """The same requests with every hit in what they send replaced by XX (the draft itself,
    its facts and outline are left as the user wrote them)."""
    if not requests:
        return requests
    first = next(iter(requests.values()))
    template, facts = masked_template(first.template), masked_facts(first.facts)
    specs = {s.id: s for s in template.walk()}
    return {sid: replace(r, template=template, facts=facts, spec=specs[r.spec.id],
                         instruction=mask(r.instruction) if r.instruction else r.instruction,
                         previous_text=mask(r.previous_text) if r.previous_text else r.previous_text)
            for sid, r in requests.items()}
