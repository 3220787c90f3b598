"""``nonstandard-term`` — a fixed political formulation written off its standard form (error;
some entries warning).

Data: ``checker/data/formulations.yaml`` (DOMAIN §3): wrong words or missing words
(以习近平总书记为核心的党中央), wrong collocations (坚定“四个意识”), wrong order of a fixed list
(四个意识, 四个自信, 四风, 不敢腐不能腐不想腐, 新发展理念…), outdated names (《廉政准则》), and
Arabic digits inside fixed words (4个意识, GB/T 15835). The suggestion is the standard form and
is an exact replacement. Accepted variants are not flagged: 树牢“四个意识”, 习近平同志/总书记 in
“两个维护”, quotes present or omitted.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make

ID = "nonstandard-term"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

_QUOTES = str.maketrans("", "", "“”\"")
_ORDER_SEPARATORS = "[、，,和及与]?"


@dataclass(frozen=True, slots=True)
class Entry:
    correct: str
    severity: str
    basis: str
    note: str
    order: tuple[str, ...] = ()


def _literal_pattern(wrong: str) -> str:
    return "".join('[“"]?' if ch == "“" else '[”"]?' if ch == "”" else re.escape(ch) for ch in wrong)


@dataclass(frozen=True, slots=True)
class Matcher:
    """A pattern and the literal needles of which one must occur in the text for it to match."""

    needles: tuple[str, ...]
    pattern: re.Pattern[str]
    entry: Entry

    def finditer(self, text: str):
        if any(n in text for n in self.needles):
            yield from self.pattern.finditer(text)


def _needle(wrong: str) -> str:
    """The longest stretch of a literal wrong form without quotes (which may be absent)."""
    return max(re.split("[“”]", wrong), key=len)


@cache
def compiled() -> tuple[list[Matcher], list[Matcher]]:
    """Matchers for wrong forms (literal and regex) and for fixed lists in the wrong order."""
    wrongs: list[Matcher] = []
    orders: list[Matcher] = []
    for raw in load("formulations"):
        entry = Entry(correct=raw.get("correct") or "、".join(raw.get("order", ())),
                      severity=raw.get("severity", SEVERITY), basis=raw.get("basis", BASIS),
                      note=raw.get("note", ""), order=tuple(raw.get("order", ())))
        for wrong in raw.get("wrong", ()):
            wrongs.append(Matcher((_needle(wrong),), re.compile(_literal_pattern(wrong)), entry))
        if "pattern" in raw:
            wrongs.append(Matcher(tuple(raw["needles"]), re.compile(raw["pattern"]), entry))
        if entry.order:
            item = "(?:" + "|".join(map(re.escape, entry.order)) + ")"
            n = len(entry.order)
            pattern = re.compile(item + f"(?:{_ORDER_SEPARATORS}{item}){{{n - 1}}}")
            orders.append(Matcher(entry.order, pattern, entry))
    return wrongs, orders


def _suggestion(entry: Entry, matched: str, m: re.Match[str] | None = None) -> str:
    correct = m.expand(entry.correct) if m is not None and "\\" in entry.correct else entry.correct
    if "“" in correct and "“" not in matched and '"' not in matched:
        correct = correct.translate(_QUOTES)
    return correct


def _reordered(entry: Entry, matched: str) -> str | None:
    """The same list with its items in standard order (separators kept), or None if fine."""
    items = re.findall("|".join(map(re.escape, entry.order)), matched)
    if sorted(items) != sorted(entry.order) or items == list(entry.order):
        return None
    parts = re.split("|".join(map(re.escape, entry.order)), matched)
    return "".join(p + (entry.order[i] if i < len(entry.order) else "") for i, p in enumerate(parts))


def check(doc: Document, ctx: Context):
    wrongs, orders = compiled()
    text = doc.text
    hits: list[tuple[int, int, Entry, str]] = []
    for matcher in wrongs:
        for m in matcher.finditer(text):
            hits.append((m.start(), m.end(), matcher.entry, _suggestion(matcher.entry, m.group(), m)))
    for matcher in orders:
        if not all(item in text for item in matcher.needles):
            continue  # a list in any order needs every item
        for m in matcher.pattern.finditer(text):
            fixed = _reordered(matcher.entry, m.group())
            if fixed:
                hits.append((m.start(), m.end(), matcher.entry, fixed))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    last_end = -1
    for start, end, entry, suggestion in hits:
        if start < last_end:
            continue
        last_end = end
        kind = "顺序不规范" if entry.order else "表述不规范"
        note = f"，{entry.note}" if entry.note else ""
        yield make(doc, RULE, start, text[start:end], f"{kind}，应为“{suggestion}”{note}",
                   suggestion=suggestion, fixable=True, severity=entry.severity, basis=entry.basis)
