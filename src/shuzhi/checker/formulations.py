"""Standard political formulations as data, compiled once into matchers (``nonstandard-term``).

Three data files under ``checker/data/``:

* ``formulations.yaml`` — fixed terms (``correct``): their known wrong forms (``wrong``, literal;
  ``pattern`` + ``needles``, a regular expression), and near-misses found by form (one character
  inserted, dropped, replaced or swapped; ``checker/nearmiss.py``) for every term of seven
  characters or more unless ``near: false``. ``also``: accepted variants one edit away.
  ``until``: the wrong forms were the standard text until that year (an outdated name), so they
  are flagged only in reports for later years. ``fix: false``: the standard text is advice, not
  a drop-in replacement.
* ``enumerations.yaml`` — fixed lists (``items``, each a string or a list of accepted spellings):
  all the items in another order is wrong (the fix reorders them in place), and so is the list
  in order with one item of four characters or more altered (纪律严明 → 纪律严格: the fix puts
  the standard item back).
* ``collocations.yaml`` — a slogan and the words fixed before/after it (增强“四个意识”,
  统筹推进“五位一体”总体布局): a ``wrong`` word there is replaced by the ``right`` one, unless
  the grammar says the word governs something else (增强“两个维护”的政治自觉).

Every entry names its ``basis`` — a public document or 实务惯例 — shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.finding import Severity
from shuzhi.checker.nearmiss import NearMissIndex

SEVERITY: Severity = "error"
ALTERED_MIN_ITEMS, ALTERED_MIN_CHARS = 3, 4  # lists judged for one altered item (see _altered)
NEAR_MIN = 7  # shorter terms have too many legitimate neighbours (从严治党/从严治校)
_QUOTES = str.maketrans("", "", "“”\"")
_BRACKETS = "《》"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a finding says: the standard text, why, and on what basis."""

    correct: str
    severity: Severity
    basis: str
    note: str = ""
    until: int | None = None  # the wrong forms were standard up to this year
    fix: bool = True
    name: str = ""  # the name of a fixed list (四个意识)


@dataclass(frozen=True, slots=True)
class Literal:
    needles: tuple[str, ...]
    source: str  # compiled on first use (re's own cache keeps it): most never match a document
    entry: Entry

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)


@dataclass(frozen=True, slots=True)
class Enumeration:
    items: tuple[tuple[str, ...], ...]  # accepted spellings of each item, in standard order
    run: str  # a run of len(items) items in any order (compiled on first use)
    one: str  # one item
    entry: Entry
    altered: tuple[str, ...] = ()  # per item: the list in order with that item's slot open

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.run)

    @property
    def item(self) -> re.Pattern[str]:
        return re.compile(self.one)

    def altered_pattern(self, slot: int) -> re.Pattern[str]:
        return re.compile(self.altered[slot])

    def index(self, written: str) -> int:
        return next(i for i, spellings in enumerate(self.items) if written in spellings)


@dataclass(frozen=True, slots=True)
class Collocation:
    slogan: str
    right_before: tuple[str, ...]
    wrong_before: tuple[str, ...]
    right_after: tuple[str, ...]
    wrong_after: tuple[str, ...]
    entry: Entry


@dataclass(frozen=True, slots=True)
class Compiled:
    literals: list[Literal]
    near: NearMissIndex
    near_entries: dict[str, Entry]  # term → entry
    enumerations: list[Enumeration]
    collocations: list[Collocation]
    slogans: tuple[str, ...]


def _entry(raw: dict, correct: str) -> Entry:
    return Entry(correct=correct, severity=raw.get("severity", SEVERITY), basis=raw["basis"],
                 note=raw.get("note", ""), until=raw.get("until"), fix=raw.get("fix", True),
                 name=raw.get("name", ""))


def literal_pattern(wrong: str) -> str:
    """A literal wrong form; “ and ” in it also match ASCII quotes or none."""
    return "".join('[“"]?' if ch == "“" else '[”"]?' if ch == "”" else re.escape(ch) for ch in wrong)


def _needle(wrong: str) -> str:
    """The longest stretch of a literal wrong form without quotes (which may be absent)."""
    return max(re.split("[“”]", wrong), key=len)


def near_form(correct: str) -> str | None:
    """The form of a term searched for near-misses: without 《》; None if it has quotes or a slot."""
    bare = correct.strip(_BRACKETS)
    if len(bare) < NEAR_MIN or any(ch in bare for ch in "“”\"\\《》（）"):
        return None
    return bare


def _alternatives(spellings) -> str:
    return "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))


_SEPARATOR = r"(?:以及|、|，|,|；|和|及|与)?"


def _enumeration(raw: dict) -> Enumeration:
    items = tuple((i,) if isinstance(i, str) else tuple(i) for i in raw["items"])
    one = _alternatives([s for spellings in items for s in spellings])
    quoted = f'[“"]?(?:{one})[”"]?'
    run = f"{quoted}(?:{_SEPARATOR}{quoted}){{{len(items) - 1}}}"
    return Enumeration(items, run, one, _entry(raw, "、".join(i[0] for i in items)), _altered(items))


def _altered(items: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Per item, the list in standard order with that item's slot open to any word of its
    length (对党忠诚、服务人民、执法公正、纪律严格): only lists of three or more items written
    with list marks, and only slots of four characters or more (shorter words have too many
    legitimate neighbours)."""
    if len(items) < ALTERED_MIN_ITEMS:
        return ()
    out = []
    for slot, spellings in enumerate(items):
        size = len(spellings[0])
        if size < ALTERED_MIN_CHARS or any(len(s) != size for s in spellings):
            out.append("")
            continue
        pieces = [f"([\u4e00-\u9fff]{{{size}}})" if k == slot else f"(?:{_alternatives(s)})"
                  for k, s in enumerate(items)]
        out.append("[、，,]".join(pieces))
    return tuple(out)


def _collocation(raw: dict) -> Collocation:
    before, after = raw.get("before", {}), raw.get("after", {})
    right = before.get("right", [])
    correct = f"{right[0] if right else ''}“{raw['slogan']}”{(after.get('right') or [''])[0]}"
    return Collocation(raw["slogan"], tuple(right), tuple(before.get("wrong", ())),
                       tuple(after.get("right", ())), tuple(after.get("wrong", ())),
                       _entry(raw, raw.get("correct", correct)))


@cache
def compiled() -> Compiled:
    literals: list[Literal] = []
    near_entries: dict[str, Entry] = {}
    known: set[str] = set()
    for raw in load("formulations"):
        entry = _entry(raw, raw["correct"])
        for wrong in raw.get("wrong", ()):
            literals.append(Literal((_needle(wrong),), literal_pattern(wrong), entry))
        if "pattern" in raw:
            literals.append(Literal(tuple(raw["needles"]), raw["pattern"], entry))
        known.update(a.strip(_BRACKETS) for a in raw.get("also", ()))
        known.add(raw["correct"].strip(_BRACKETS))
        form = near_form(raw["correct"]) if raw.get("near", True) and "\\" not in raw["correct"] else None
        if form and form not in near_entries:
            near_entries[form] = Entry(form, entry.severity, entry.basis, entry.note, None, True)
    enumerations = [_enumeration(raw) for raw in load("enumerations")]
    for enumeration in enumerations:
        known.update(s for spellings in enumeration.items for s in spellings)
        entry = enumeration.entry
        for spellings in enumeration.items:  # a long item is a fixed term too (两个维护 …)
            form = near_form(spellings[0])
            if form and form not in near_entries:
                near_entries[form] = Entry(form, entry.severity, entry.basis, entry.note, None, True)
    collocations = [_collocation(raw) for raw in load("collocations")]
    slogans = tuple(sorted({c.slogan for c in collocations}, key=len, reverse=True))
    return Compiled(literals, NearMissIndex(near_entries, known), near_entries, enumerations,
                    collocations, slogans)


def quoted(text: str) -> str:
    """``text`` in “”, its own double quotes turned single (“做到‘两个维护’”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def unquoted_like(correct: str, written: str) -> str:
    """``correct`` with its quotes dropped when ``written`` has none."""
    if "“" in correct and "“" not in written and '"' not in written:
        return correct.translate(_QUOTES)
    return correct
