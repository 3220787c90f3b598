"""The report as its reader meets it: how long it is and how long it takes to read aloud
(述职 is read out at a meeting), against a target, and a section's text as HTML with spans
marked — every character of user text escaped, so nothing a user typed becomes markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from shuzhi.draft import Draft
from shuzhi.templates import Template

CHARS_PER_MINUTE = 200  # a report read aloud at a steady pace
DEFAULT_TARGET = (3000, 5000)  # characters, when the template's sections name no lengths
_COUNTED = re.compile(r"\S")


def char_count(text: str) -> int:
    """Characters as a reader counts them (字数): everything but whitespace."""
    return len(_COUNTED.findall(text))


def minutes(chars: int) -> float:
    return chars / CHARS_PER_MINUTE


@dataclass(frozen=True)
class Length:
    chars: int
    target: tuple[int, int]
    from_template: bool  # the target is the sum of the template's section lengths

    @property
    def minutes(self) -> float:
        return minutes(self.chars)

    @property
    def verdict(self) -> str:
        low, high = self.target
        if self.chars < low:
            return "short"
        return "long" if self.chars > high else "ok"

    def text(self) -> str:
        low, high = self.target
        where = {"short": f"比目标少约 {low - self.chars:,} 字", "long": f"比目标多约 {self.chars - high:,} 字",
                 "ok": "在目标范围内"}[self.verdict]
        source = "按模板各节字数" if self.from_template else "常见篇幅"
        return (f"全文 {self.chars:,} 字，朗读约 {self.minutes:.1f} 分钟（按每分钟约 {CHARS_PER_MINUTE} 字）；"
                f"目标 {low:,}–{high:,} 字（{source}，约 {minutes(low):.0f}–{minutes(high):.0f} 分钟），{where}。")


def target_of(template: Template) -> tuple[tuple[int, int], bool]:
    """The sum of the sections' ``target_chars`` when every section with text names one;
    else ``DEFAULT_TARGET``."""
    specs = [s for s in template.walk() if not (s.children and not s.facts)]
    if specs and all(s.target_chars[1] for s in specs):
        return (sum(s.target_chars[0] for s in specs), sum(s.target_chars[1] for s in specs)), True
    return DEFAULT_TARGET, False


def length_of(draft: Draft, template: Template) -> Length:
    target, from_template = target_of(template)
    return Length(char_count(draft.assemble()), target, from_template)


def marked_html(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """``text`` (escaped) with each ``(start, end, title, kind)`` span in a ``<mark>`` of class
    ``kind``; overlapping spans: the first wins."""
    out, position = [], 0
    for start, end, title, kind in sorted(spans):
        if start < position or not 0 <= start < end <= len(text):
            continue
        out += [html.escape(text[position:start]),
                f'<mark class="{html.escape(kind)}" title="{html.escape(title)}">{html.escape(text[start:end])}</mark>']
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)
