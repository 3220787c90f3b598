"""Standard political formulations as data, compiled once into matchers (``nonstandard-term``).

Three data files under ``checker/data/``:

* ``formulations.yaml`` — fixed terms (``correct``): their known wrong forms (``wrong``, literal;
  ``pattern`` + ``needles``, a regular expression), and near-misses found by form (one character
  inserted, dropped, replaced or swapped; ``checker/nearmiss.py``) for every term of seven
  characters or more unless ``near: false`` (a law's short name too: 《突发事件应对法》).
  ``also``: accepted variants one edit away. ``until``: the wrong forms were the standard text until that year (an outdated name), so they
  are flagged only in reports for later years. ``fix: false``: the standard text is advice, not
  a drop-in replacement.
* ``enumerations.yaml`` — fixed lists (``items``, each a string or a list of accepted spellings):
  all the items in another order is wrong (the fix reorders them in place) — also where items
  sharing a word are written with it once (理论、道路、制度、文化自信) — and so is the list in
  order with one item of four characters or more altered (纪律严明 → 纪律严格: the fix puts the
  standard item back; two characters in a list of five or more); two neighbouring items with
  their first or last words exchanged (政府领导、党委负责) are a warning. A list's ``name`` announcing
  it with one item left out is a warning. Items of nine characters or more are fixed terms too.
* ``collocations.yaml`` — a slogan and the words fixed before/after it (增强“四个意识”,
  统筹推进“五位一体”总体布局): a ``wrong`` word there is replaced by the ``right`` one, unless
  the grammar says the word governs something else (增强“两个维护”的政治自觉).

Every entry names its ``basis`` — a public document or 实务惯例 — shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, field, replace
from functools import cache

from shuzhi.checker import nearmiss
from shuzhi.checker.data import DATA_DIR, load
from shuzhi.checker.finding import Severity
from shuzhi.checker.nearmiss import WORD, BySize, NearMissIndex, Needles
from shuzhi.datafiles import computed
from shuzhi.patterns import compile as compile_pattern

SEVERITY: Severity = "error"
# lists judged for one altered item (see _altered): items, and characters of the altered slot —
# two in a list of LONG_LIST items or more, where the rest of the list pins the slot down
ALTERED_MIN_ITEMS, ALTERED_MIN_CHARS, LONG_LIST, LONG_LIST_MIN_CHARS = 3, 4, 5, 2
COMPACT_STEM = 2  # a list written with its shared word once: items of one character are too common
# items of lists are phrases more than names: a shorter one has a verb that varies (推进高质量发展)
ITEM_NEAR_MIN = 9
NEAR_MIN = 7  # shorter terms have too many legitimate neighbours (从严治党/从严治校)
_QUOTES = str.maketrans("", "", "“”\"")
OPEN, CLOSE = '[“"‘「]?', '[”"’」]?'  # an optional quote: double, ASCII or single (nested)
_BRACKETS = "《》"
_LAW_PREFIX = "《中华人民共和国"


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
    whole: bool = False  # the list is only ever cited whole: all its items but one is a slip
    whole_after: int | None = None  # … in reports after that year (三个自信 were standard until 2015)


@dataclass(frozen=True, slots=True)
class Literal:
    needles: tuple[str, ...]
    source: str  # compiled on first use: most never match a document
    entry: Entry
    # the longest text a match may span (its lookarounds' reading included), one of ``needles``
    # inside it: it is searched for only that far around them (0: everywhere — a pattern's
    # needles may be context, unless its data says ``reach``)
    reach: int = 0

    @property
    def pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.source)


@dataclass(frozen=True, slots=True)
class Enumeration:
    items: tuple[tuple[str, ...], ...]  # accepted spellings of each item, in standard order
    run: str  # a run of len(items) items in any order (compiled on first use)
    one: str  # one item
    entry: Entry
    judged_altered: bool = False  # judged for one altered item (see ``altered``)
    compact: bool = False  # the items are stems: the list's shared word is written once
    partial: str = ""  # a whole-only list (四个意识): a run of all its items but one
    suffix: str = ""  # the word its items share at their end (四个自信: 自信)

    # the items' indexes, longest first: a long item is rarer in a text, so the windows where a
    # list is searched for are found by its first (``anchor``)
    rarest_first: tuple[int, ...] = field(init=False)
    width: int = field(init=False)  # at most how far a run of the list reaches beyond one item
    alterable: bool = field(init=False)  # judged for an altered item, and some slot is open to it

    def __post_init__(self):
        order = sorted(range(len(self.items)), key=lambda i: -min(map(len, self.items[i])))
        object.__setattr__(self, "rarest_first", tuple(order))
        object.__setattr__(self, "width", sum(max(map(len, spellings)) + 6 for spellings in self.items))
        object.__setattr__(self, "alterable", self.judged_altered and any(_open_slots(self.items)))

    def anchor(self, besides: int = -1) -> tuple[str, ...]:
        """The spellings of the item searched for first: every run of the list contains it, and
        every altered one unless it is the slot ``besides``."""
        return self.items[next(i for i in self.rarest_first if i != besides)]

    @property
    def pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.run)

    @property
    def item(self) -> re.Pattern[str]:
        return compile_pattern(self.one)

    @property
    def partial_pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.partial)

    @property
    def altered(self) -> tuple[str, ...]:
        """Per item: the list in order with that item's slot open (built on first use)."""
        return _altered(self.items) if self.judged_altered else ()

    def altered_pattern(self, slot: int) -> re.Pattern[str]:
        return compile_pattern(self.altered[slot])

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
    needles: Needles  # every string looked for in a text: which occur is told at once
    by_needle: dict[str, list[int]]  # needle → the literals (their indexes) it lets through
    documents: dict[str, tuple[str, str, Entry]]  # a name without its kind (条例, 法 …) → (name, kind, entry)
    document_names: set[str]  # every name in 《》 the data knows
    # a spelling of an item → (enumeration, item) of each list it is an item of (their indexes)
    items_by_spelling: dict[str, list[tuple[int, int]]]
    titles: dict[str, Entry]  # every name in 《》 of the data (known forms included) → its entry
    titles_by_size: BySize  # every name in 《》 of the data, by its length
    announced: dict[str, list[int]]  # a list's name → the lists (indexes) of three items or more of that name
    whole_of_a_kind: list[int]  # lists only ever cited whole, of items of one size sharing their end (四个自信)


def _entry(raw: dict, correct: str) -> Entry:
    return Entry(correct=correct, severity=raw.get("severity", SEVERITY), basis=raw["basis"],
                 note=raw.get("note", ""), until=raw.get("until"), fix=raw.get("fix", True),
                 name=raw.get("name", ""))


def literal_pattern(wrong: str) -> str:
    """A literal wrong form; “ and ” in it also match ASCII or single quotes (‘两个维护’ inside a
    quotation), or none."""
    return re.escape(wrong).replace("“", OPEN).replace("”", CLOSE)  # (re.escape leaves “ ” as they are)


def _needle(wrong: str) -> str:
    """The longest stretch of a literal wrong form without quotes (which may be absent)."""
    return max(re.split("[“”]", wrong), key=len)


# A document's name: its stem and its kind (条例, 准则, 法 …), 《中国共产党廉洁自律准则》.
DOCUMENT = compile_pattern("《(?P<stem>[^《》]{4,40}?)(?P<kind>条例|规定|准则|办法|规则|细则|法)(?P<trial>（试行）)?》")


def _short_law(name: str) -> str:
    """The short name of a law (《突发事件应对法》 for 《中华人民共和国突发事件应对法》), else ""."""
    return f"《{name[len(_LAW_PREFIX):]}" if name.startswith(_LAW_PREFIX) else ""


def near_form(correct: str) -> str | None:
    """The form of a term searched for near-misses: without 《》 and a closing （试行）; None if it
    has quotes or a slot."""
    bare = re.sub("（[^（）]*）$", "", correct.strip(_BRACKETS))
    if len(bare) < NEAR_MIN or any(ch in bare for ch in "“”\"\\《》（）"):
        return None
    return bare


def _alternatives(spellings) -> str:
    return "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))


# between items: a mark or a conjunction, and the verb each item may repeat (坚持人民至上、坚持自信自立)
_SEPARATOR = r"(?:(?:以及|、|，|,|；|和|及|与)(?:必须坚持|坚持|做到|增强|坚定|提高|强化)?)?"
_COMPACT_SEPARATOR = r"(?:、|，|,|和|及|与)"  # stems run together are other words (党组织政治功能)


def _run(items: tuple[tuple[str, ...], ...], separator: str = _SEPARATOR, short: int = 0) -> tuple[str, str]:
    """(a run of all the items in any order — ``short`` fewer —, one item) as regular expressions."""
    one = _alternatives([s for spellings in items for s in spellings])
    quoted = f'{OPEN}(?:{one}){CLOSE}'
    return f"{quoted}(?:{separator}{quoted}){{{len(items) - 1 - short}}}", one


def _enumerations(raw: dict) -> list[Enumeration]:
    """A fixed list, and its compact forms where its items share a word: 道路、理论、制度、文化自信
    (the shared end written once, after the last item, or left out beside the list's name); 自我净化、
    完善、革新、提高 (the shared start written once, before the first)."""
    items = tuple((i,) if isinstance(i, str) else tuple(i) for i in raw["items"])
    entry = _entry(raw, "、".join(i[0] for i in items))
    whole = raw.get("whole")
    if whole is not None:  # ``whole: true``, or the year after which the list is always whole
        entry = replace(entry, whole=True, whole_after=None if whole is True else whole)
    run, one = _run(items)
    firsts = [i[0] for i in items]
    suffix, prefix = _shared(firsts, reverse=True), _shared(firsts)
    out = [Enumeration(items, run, one, entry, True, partial=_run(items, short=1)[0] if whole else "",
                       suffix=suffix)]
    if suffix and len(items) > 1:
        stems = tuple(tuple(s[:-len(suffix)] for s in i if s.endswith(suffix) and len(s) - len(suffix) >= COMPACT_STEM)
                      for i in items)
        if all(stems):
            run, one = _run(stems, _COMPACT_SEPARATOR)
            source = f"{run}{re.escape(suffix)}"
            if entry.name:  # or the list's name after it or just before it, with the shared word left out
                name = re.escape(entry.name)  # 经济、政治、文化、社会、生态文明“五位一体”; “四个自信”（道路、理论…）
                opened = "|".join(f"(?<={name}{re.escape(q + b)})" for q in ("", "”", '"') for b in "（(：:")
                source = f'{run}(?:{re.escape(suffix)}|(?=[“"]?{name}))|(?:{opened}){run}(?=[）)，。；])'
            partial = f"{_run(stems, _COMPACT_SEPARATOR, short=1)[0]}{re.escape(suffix)}" if whole else ""
            out.append(Enumeration(stems, source, one, entry, compact=True, partial=partial))
    if len(prefix) >= 2 and len(items) > 1:
        stems = tuple(tuple(s[len(prefix):] for s in i if s.startswith(prefix) and len(s) - len(prefix) >= COMPACT_STEM)
                      for i in items)
        if all(stems):
            run, one = _run(stems, _COMPACT_SEPARATOR)
            out.append(Enumeration(stems, f"(?<={re.escape(prefix)}){run}", one, entry, compact=True))
    return out


def _shared(words: list[str], reverse: bool = False) -> str:
    """The longest start (``reverse``: end) all ``words`` share."""
    if reverse:
        return _shared([w[::-1] for w in words])[::-1]
    size = 0
    while all(len(w) > size and w[size] == words[0][size] for w in words):
        size += 1
    return words[0][:size]


@cache
def _altered(items: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Per item, the list in standard order with that item's slot open to any word of its
    length (对党忠诚、服务人民、执法公正、纪律严格): only lists of three or more items written
    with list marks, and only slots of four characters or more (shorter words have too many
    legitimate neighbours) — two in a list of five or more (创新、协调、绿色、开放、共赢)."""
    slots = _open_slots(items)
    if not slots:
        return ()
    least = _least_slot(items)
    out = []
    for slot, (spellings, is_open) in enumerate(zip(items, slots)):
        size, standard = len(spellings[0]), spellings[0]
        if not is_open:
            out.append("")
            continue
        # a slot of three characters only with its ends kept: 不敢腐、不能腐、不愿腐
        open_slot = (f"([\u4e00-\u9fff]{{{size}}})" if size >= least else
                     f"({re.escape(standard[0])}[\u4e00-\u9fff]{re.escape(standard[-1])})")
        pieces = [open_slot if k == slot else f"(?:{_alternatives(s)})" for k, s in enumerate(items)]
        out.append("(?:[、，,]|和|及|与|以及)".join(pieces))
    return tuple(out)


def _open_slots(items: tuple[tuple[str, ...], ...]) -> tuple[bool, ...]:
    """Per item, whether ``_altered`` opens its slot: spellings of one size, long enough."""
    if len(items) < ALTERED_MIN_ITEMS:
        return ()
    least = _least_slot(items)
    return tuple(len({len(s) for s in spellings}) == 1 and len(spellings[0]) >= min(least, 3) for spellings in items)


def _least_slot(items: tuple[tuple[str, ...], ...]) -> int:
    """The fewest characters of a slot ``_altered`` opens to any word: two in a long list."""
    return LONG_LIST_MIN_CHARS if len(items) >= LONG_LIST else ALTERED_MIN_CHARS


_CROSSED_SEPARATOR = "(、|，|,|；|和|与|及|)"
CROSSED_MAX = 8  # longer items are sentences: their words are not exchanged by a slip


def _crossed(enum: Enumeration) -> list[Literal]:
    """Two neighbouring items of a list with their first (or last) words exchanged: 口粮基本自给、
    谷物绝对安全 for 谷物基本自给、口粮绝对安全, 政府领导、党委负责 for 党委领导、政府负责 (also with
    the two items the other way round) — a literal each, a warning with the standard text as advice."""
    out = []
    spellings = {s for items in enum.items for s in items}
    for first, second in zip(enum.items, enum.items[1:]):
        a, b = first[0], second[0]
        shortest = min(len(a), len(b))
        if max(len(a), len(b)) > CROSSED_MAX:
            continue
        for k in {WORD, shortest - WORD}:
            if not WORD <= k <= shortest - WORD or a[:k] == b[:k] or a[k:] == b[k:]:
                continue
            x, y = b[:k] + a[k:], a[:k] + b[k:]
            if x in spellings or y in spellings:
                continue  # (y、x: the other words exchanged, 谷物绝对安全、口粮基本自给)
            # advice: the exchanged words may make another phrase of their own (科技保障、法治支撑)
            entry = Entry(f"{a}\\1{b}", "warning", enum.entry.basis, "两处词语位置互换，请核实", fix=False,
                          name=enum.entry.name)
            for p, q in ((x, y), (y, x)):
                out.append(Literal((p,), f"{re.escape(p)}{_CROSSED_SEPARATOR}{re.escape(q)}", entry,
                                   len(p) + 1 + len(q)))
    return out


def _collocation(raw: dict) -> Collocation:
    before, after = raw.get("before", {}), raw.get("after", {})
    right = before.get("right", [])
    correct = f"{right[0] if right else ''}“{raw['slogan']}”{(after.get('right') or [''])[0]}"
    return Collocation(raw["slogan"], tuple(right), tuple(before.get("wrong", ())),
                       tuple(after.get("right", ())), tuple(after.get("wrong", ())),
                       _entry(raw, raw.get("correct", correct)))


@cache
def compiled() -> Compiled:
    """The matchers, built from the data once per machine: building them is a third of a cold
    ``shuzhi check``, reading them back a few milliseconds (``datafiles.computed``: kept as plain
    data, keyed by the content of the data files and of the code that builds from them)."""
    sources = [DATA_DIR / f"{name}.yaml" for name in ("formulations", "enumerations", "collocations")]
    return _from_plain(computed("formulations", [*sources, __file__, nearmiss.__file__],
                                lambda: _to_plain(_build())))


def _build() -> Compiled:
    literals: list[Literal] = []
    near_entries: dict[str, Entry] = {}
    known: set[str] = set()
    documents: dict[str, tuple[str, str, Entry]] = {}
    titles: dict[str, Entry] = {}
    for raw in load("formulations"):
        entry = _entry(raw, raw["correct"])
        for wrong in raw.get("wrong", ()):
            literals.append(Literal((_needle(wrong),), literal_pattern(wrong), entry, len(wrong)))
        if "pattern" in raw:
            literals.append(Literal(tuple(raw["needles"]), raw["pattern"], entry, raw.get("reach", 0)))
        names = [raw["correct"], *raw.get("also", ())]
        names += [_short_law(n) for n in names if _short_law(n)]
        known.update(n.strip(_BRACKETS) for n in names)
        for name in names:
            if (m := DOCUMENT.fullmatch(name)) and (m["stem"] not in documents or entry.until is None):
                documents[m["stem"]] = (name, m["kind"], entry)
            if name.startswith("《") and raw.get("near", True) and near_form(name) \
                    and (name not in titles or entry.until is None):
                titles[name] = entry  # (names too short to search, 《中华人民共和国刑法》, are left out)
        if not raw.get("near", True) or "\\" in raw["correct"]:
            continue
        for name in (raw["correct"], _short_law(raw["correct"])):
            form = near_form(name) if name else None
            if form and form not in near_entries:
                near_entries[form] = Entry(form, entry.severity, entry.basis, entry.note, None, True)
    enumerations = [enum for raw in load("enumerations") for enum in _enumerations(raw)]
    literals += [literal for enum in enumerations if not enum.compact for literal in _crossed(enum)]
    for enumeration in enumerations:
        known.update(s for spellings in enumeration.items for s in spellings)
        if enumeration.compact:
            continue
        entry = enumeration.entry
        for spellings in enumeration.items:  # a long item is a fixed term too (两个维护 …), but a
            form = near_form(spellings[0])  # phrase in prose more than a name: a slip of it a warning
            if form and len(form) >= ITEM_NEAR_MIN and form not in near_entries:
                near_entries[form] = Entry(form, "warning", entry.basis, entry.note, None, True)
    collocations = [_collocation(raw) for raw in load("collocations")]
    slogans = tuple(sorted({c.slogan for c in collocations}, key=len, reverse=True))
    # a conjunction left out of a fixed name (多党合作政治协商制度) is reported, of a phrase not
    near = NearMissIndex(near_entries, known, strict=[t for t, e in near_entries.items() if e.severity == "error"])
    needles = Needles([*(n for literal in literals for n in literal.needles),
                       *(s for enum in enumerations for spellings in enum.items for s in spellings),
                       *slogans, *near.anchors, *(e.entry.name for e in enumerations if e.entry.name)])
    by_needle: dict[str, list[int]] = {}
    for index, literal in enumerate(literals):
        for needle in literal.needles:
            by_needle.setdefault(needle, []).append(index)
    items_by_spelling: dict[str, list[tuple[int, int]]] = {}
    for index, enumeration in enumerate(enumerations):
        for item, spellings in enumerate(enumeration.items):
            for spelling in dict.fromkeys(spellings):
                items_by_spelling.setdefault(spelling, []).append((index, item))
    announced: dict[str, list[int]] = {}
    for index, enumeration in enumerate(enumerations):
        if not enumeration.compact and len(enumeration.items) >= 3 and enumeration.entry.name:
            announced.setdefault(enumeration.entry.name, []).append(index)
    whole_of_a_kind = [i for i, e in enumerate(enumerations) if e.entry.whole and not e.compact and e.suffix
                       and len({len(s[0]) for s in e.items}) == 1]
    return Compiled(literals, near, near_entries, enumerations, collocations, slogans, needles, by_needle,
                    documents, {name for name, _, _ in documents.values()} | {f"《{k}》" for k in known},
                    items_by_spelling, titles, BySize(titles), announced, whole_of_a_kind)


def _to_plain(data: Compiled) -> tuple:
    """``data`` as plain data: its entries once each in a list, referred to by their index (a
    list's variants share one entry, and the rule tells them so, by identity)."""
    entries: list[tuple] = []
    index: dict[int, int] = {}

    def ref(entry: Entry) -> int:
        if id(entry) not in index:
            index[id(entry)] = len(entries)
            entries.append(astuple(entry))
        return index[id(entry)]

    return (entries,
            [(lit.needles, lit.source, ref(lit.entry), lit.reach) for lit in data.literals],
            data.near.plain(), {term: ref(e) for term, e in data.near_entries.items()},
            [(e.items, e.run, e.one, ref(e.entry), e.judged_altered, e.compact, e.partial, e.suffix)
             for e in data.enumerations],
            [(c.slogan, c.right_before, c.wrong_before, c.right_after, c.wrong_after, ref(c.entry))
             for c in data.collocations],
            data.slogans, data.needles.plain(), data.by_needle,
            {stem: (name, kind, ref(e)) for stem, (name, kind, e) in data.documents.items()},
            data.document_names, data.items_by_spelling, {name: ref(e) for name, e in data.titles.items()},
            data.announced, data.whole_of_a_kind)


def _from_plain(plain: tuple) -> Compiled:
    (entries, literals, near, near_entries, enumerations, collocations, slogans, needles, by_needle,
     documents, document_names, items_by_spelling, titles, announced, whole_of_a_kind) = plain
    entry = [Entry(*fields) for fields in entries]
    titles = {name: entry[e] for name, e in titles.items()}
    return Compiled([Literal(n, source, entry[e], reach) for n, source, e, reach in literals],
                    NearMissIndex.from_plain(near), {term: entry[e] for term, e in near_entries.items()},
                    [Enumeration(items, run, one, entry[e], judged, compact, partial, suffix)
                     for items, run, one, e, judged, compact, partial, suffix in enumerations],
                    [Collocation(slogan, rb, wb, ra, wa, entry[e]) for slogan, rb, wb, ra, wa, e in collocations],
                    slogans, Needles.from_plain(needles), by_needle,
                    {stem: (name, kind, entry[e]) for stem, (name, kind, e) in documents.items()},
                    document_names, items_by_spelling, titles, BySize(titles), announced, whole_of_a_kind)


def quoted(text: str) -> str:
    """``text`` in “”, its own double quotes turned single (“做到‘两个维护’”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def unquoted_like(correct: str, written: str) -> str:
    """``correct`` with its quotes as in ``written``: dropped when it has none, single when it
    has single ones (a slogan quoted inside a quotation)."""
    if "“" not in correct or "“" in written or '"' in written:
        return correct
    if "‘" in written or "「" in written:
        return correct.replace("“", "‘").replace("”", "’")
    return correct.translate(_QUOTES)
