"""The fake model's deterministic writer: asked for a section it writes that section's facts
(figures echoed exactly as the facts give them, ``【待补充：…】`` for empty ones) in
``一是……二是……`` paragraphs when the request asks for them, padded to the requested length."""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

import yaml

from shuzhi.facts import source_section
from shuzhi.text.headings import without_ordinal
from shuzhi.text.numerals import cn_number

# Sentences in the register of the sample report, used (in a fixed order picked by the
# heading) to bring a section to the requested length.
FILLER = (
    "坚持把党的政治建设摆在首位，把学习成效转化为推动工作的实际行动。",
    "坚持问题导向和目标导向相结合，逐项明确责任、细化措施、压实任务。",
    "注重在日常工作中发现问题、解决问题，推动各项工作落地见效。",
    "坚持党建工作与业务工作同谋划、同部署、同推进、同考核。",
    "充分发挥党支部战斗堡垒作用和党员先锋模范作用。",
    "坚持以人民为中心的发展思想，用心用情为师生办实事、解难题。",
    "把严的基调、严的措施、严的氛围长期坚持下去。",
    "在工作中做到有部署、有检查、有总结、有台账，确保责任链条环环相扣。",
    "坚持严管和厚爱结合、激励和约束并重，营造风清气正的良好氛围。",
    "把制度建设贯穿始终，做到用制度管人、按制度办事。",
    "注重总结提炼经验做法，形成可复制、可推广的工作机制。",
    "主动接受党员群众监督，及时回应师生关切。",
)
LEADS = ("", "同时，", "在此基础上，", "此外，", "与此同时，", "进一步地，", "另外，", "总体上，")

_SECTION = re.compile(r"撰写“(?P<heading>.+?)”部分")
_LENGTH = re.compile(r"篇幅约(?P<low>\d+)至(?P<high>\d+)字")
_FACT_KEYS = re.compile(r"依据“本年度事实”中的：(?P<keys>[^\n。]+)")
_FACTS_YAML = re.compile(r"```yaml\n(?P<yaml>.*?)\n```", re.S)
_OUTLINE_LINE = re.compile(
    r"^\s*(?P<number>[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?(?P<heading>[^（\n]+?)"
    r"（(?:约(?P<low>\d+)至(?P<high>\d+)字|仅标题)）", re.M)
_REFERENCE = re.compile(r"\{([^{}]+)\}")


# -- the deterministic writer ------------------------------------------------------------
def answer(messages: list[dict[str, Any]]) -> str:
    """The text the fake model writes for these messages."""
    prompt = "\n\n".join(message_text(m) for m in messages)
    request = message_text(messages[-1]) if messages else ""
    facts = _facts(prompt)
    if "一次写出完整" in request:
        return _whole(prompt, facts)
    section = _SECTION.search(request)
    if section:
        length = _LENGTH.search(request)
        low, high = (int(length["low"]), int(length["high"])) if length else (200, 400)
        keys = _FACT_KEYS.search(request)
        return section_text(section["heading"], facts, keys["keys"].split("、") if keys else [],
                            enumerated="一是" in request, target=(low + high) // 2,
                            instruction=request)
    return "好的。"


def section_text(heading: str, facts: dict[str, Any], keys: list[str], *, enumerated: bool,
                 target: int, instruction: str = "") -> str:
    if "更精炼" in instruction:
        target = max(60, target // 2)
    points = _points(facts, [k.strip() for k in keys if k.strip()])
    seed = int(hashlib.sha1(heading.encode()).hexdigest(), 16)
    # Every filler sentence distinct within a section (a repeated sentence is a checker finding).
    filler = [LEADS[i // len(FILLER) % len(LEADS)] + FILLER[(seed + i) % len(FILLER)]
              for i in range(len(FILLER) * len(LEADS))]
    if not enumerated:
        text = "".join(points)
        i = 0
        while len(text) < target and i < len(filler):
            text += filler[i]
            i += 1
        return text
    paragraphs = points + filler[:max(0, 2 - len(points))]  # 一是 and at least 二是
    i = 2
    while sum(map(len, paragraphs)) < target and i < len(filler):
        paragraphs[i % len(paragraphs)] += filler[i]
        i += 1
    return "\n".join(f"{cn_number(n + 1)}是{p}" for n, p in enumerate(paragraphs))


def _points(facts: dict[str, Any], keys: list[str]) -> list[str]:
    """One sentence per fact item, figures written exactly as given (or as a gap)."""
    out: list[str] = []
    for key in keys:
        section_id = source_section(key)
        if section_id is not None:
            part = (facts.get("sections") or {}).get(section_id) or {}
            figures = {str(f.get("name")): f for f in part.get("figures") or [] if isinstance(f, dict)}
            used: set[str] = set()
            fill = functools.partial(_reference, figures, used)
            for item in part.get("items") or []:
                out.append(_sentence(_REFERENCE.sub(fill, str(item))))
            rest = [f"{name}{_figure(figures, name, used)}" for name in list(figures) if name not in used]
            if rest:
                out.append("全年" + "，".join(rest) + "。")
        else:
            out.extend(_sentence(str(i)) for i in facts.get(key) or [])
    return out


def _reference(figures: dict[str, dict], used: set[str], match: re.Match[str]) -> str:
    return _figure(figures, match[1], used)


def _figure(figures: dict[str, dict], name: str, used: set[str]) -> str:
    used.add(name)
    figure = figures.get(name) or {}
    value = figure.get("value")
    if value is None or str(value).strip() == "":
        return f"【待补充：{name}】"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{figure.get('unit') or ''}"


def _whole(prompt: str, facts: dict[str, Any]) -> str:
    year = facts.get("year", "")
    lines = [f"{year}年{facts.get('report_type', '述职报告')}"]
    for match in _OUTLINE_LINE.finditer(prompt):
        if match["number"]:
            lines.append(f"{match['number']}{match['heading']}")
        low, high = int(match["low"] or 0), int(match["high"] or 0)
        if high:
            lines.append(section_text(match["heading"], {}, [], enumerated=match["number"] is not None
                                      and match["number"].startswith("（"), target=(low + high) // 2))
    return "\n".join(lines)


def _facts(prompt: str) -> dict[str, Any]:
    """Every YAML block of the prompt merged: a shortened prompt gives the shared facts in the
    system message and the section's own in its request."""
    facts: dict[str, Any] = {}
    for block in _FACTS_YAML.finditer(prompt):
        for key, value in _parse_facts(block["yaml"]).items():
            if isinstance(value, dict) and isinstance(facts.get(key), dict):
                facts[key] = {**facts[key], **value}
            else:
                facts[key] = value
    return facts


@functools.lru_cache(maxsize=16)
def _parse_facts(text: str) -> dict[str, Any]:
    """Every section of a draft carries the same facts: parse them once."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _sentence(text: str) -> str:
    text = without_ordinal(text.strip()).rstrip("；;，,。")
    return text + "。" if text else ""


def message_text(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):  # the structured form: [{"type": "text", "text": ...}]
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)
