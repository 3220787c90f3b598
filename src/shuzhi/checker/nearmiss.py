"""Near-misses of fixed terms: a stretch of text one edit away from a term — one character
inserted, dropped or replaced, two neighbours swapped (习近平新时代中国特色的社会主义思想), or two
neighbouring words swapped (《中国共产党纪律检查机关执纪监督工作规则》).

No list of wrong forms is needed. Any single edit leaves one of two anchors of the term intact:
its head (the characters before the middle pair) or its tail (the characters after it), so the
text is searched only for the anchors (plain substring search), and a candidate is compared with
the term only where an anchor occurs and the term itself does not. A candidate counts only when
the edit is inside the term (first and last characters kept), changes a word character (a mark
such as 、 or “ is the punctuation rule's business; 与 for 和 is style), and the result is not
itself a known correct form (习近平经济思想 is one edit from nothing it should be confused with,
but 习近平法治思想 / 习近平法制思想 is).

``Haystack`` and ``Needles`` tell at once which of many strings occur in a text, for this search
and for the rule's other data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, product

# Characters whose insertion, removal or replacement is not a change of wording.
_MARKS = set("、，,；;：:。“”\"‘’'（）()《》〈〉 \u3000\t·-—")
# Conjunctions: one written for another (统筹发展与安全) is a matter of style, not a wrong term,
# and so is one added or left out of a phrase (把纪律规矩挺在前面; of a fixed name, see ``strict``).
_CONJUNCTIONS = "和与及同"
_SAME_CONJUNCTION = str.maketrans("与及同", "和和和")
_OPTIONAL = set("和与及")
# No character dropped from a term's first or last EDGE_WORD: a word there cut short is the edge
# of the next word (构建堪当… is not 建设堪当…; 第一责任人责任 is no slip of 第一责任人职责).
EDGE_WORD = 2
# A term's leading verb written as another is a variant of wording, not a slip (坚定中国特色社会主义
# 道路自信 is no slip of 坚持中国特色社会主义道路).
_VERBS = frozenset({"坚持", "坚定", "坚决", "推进", "推动", "加快", "加强", "建设", "建成", "构建", "实现", "实施", "落实",
                    "贯彻", "深化", "完善", "健全", "提高", "提升", "增强", "持续", "深入", "着力", "扎实", "积极", "促进",
                    "强化", "树立"})
# Two neighbouring words of WORDS characters swapped are a near-miss too (监督执纪 → 执纪监督,
# 标准化规范化 → 规范化标准化); WORD is the usual size of a word.
WORD = 2
WORDS = (WORD, 3)
# Words swapped across the middle of a term leave neither of its halves intact: a term of LONG
# characters or more is also looked for by its first and last EDGE characters, unless more than
# SHARED_EDGE terms share them (中华人民共和国…).
EDGE, LONG, SHARED_EDGE = 3, 10, 3


def one_edit(candidate: str, term: str, strict: bool = False) -> bool:
    """Whether ``candidate`` is ``term`` with exactly one word character inserted, dropped or
    replaced, or two neighbouring characters or words swapped — conjunctions aside (领导下的多党
    合作与政治协商制度 is one edit from 领导的多党合作和政治协商制度), and a conjunction added or left
    out too unless ``strict`` (把纪律规矩挺在前面 is none from 把纪律和规矩挺在前面)."""
    candidate, term = same_conjunction(candidate), same_conjunction(term)
    if candidate == term or not ends_kept(candidate, term):
        return False
    n, m = len(term), len(candidate)
    if n == m:
        diff = [i for i in range(n) if term[i] != candidate[i]]
        if len(diff) == 1:
            i = diff[0]
            if i < EDGE_WORD and term[:EDGE_WORD] in _VERBS:
                return False
            return term[i] not in _MARKS and candidate[i] not in _MARKS
        if (len(diff) == 2 and diff[1] == diff[0] + 1 and term[diff[0]] == candidate[diff[1]]
                and term[diff[1]] == candidate[diff[0]]):
            return True
        return _words_swapped(candidate, term, diff)
    if abs(n - m) != 1:
        return False
    longer, shorter = (candidate, term) if m > n else (term, candidate)
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    if m < n and not EDGE_WORD <= i < n - EDGE_WORD:
        return False  # a word at the edge cut short is another word's edge: 构建堪当… for 建设堪当…
    return longer[i] not in _MARKS and (strict or longer[i] not in _OPTIONAL) and longer[i + 1:] == shorter[i:]


def same_conjunction(text: str) -> str:
    """``text`` with every conjunction written 和 (compared so, one is as good as another)."""
    return text.translate(_SAME_CONJUNCTION)


def ends_kept(candidate: str, term: str) -> bool:
    """Whether the two (conjunctions made the same) begin or end alike, as they must to be one edit
    apart: every edit changes a stretch of at most 2 * max(WORDS) characters, so the first or the
    last ``kept`` characters are untouched — a cheap test before comparing character by character."""
    kept = _kept(len(candidate), len(term))
    return kept <= 0 or candidate[:kept] == term[:kept] or candidate[-kept:] == term[-kept:]


def _kept(a: int, b: int) -> int:
    """How many first or last characters one edit leaves untouched in texts of lengths ``a``, ``b``."""
    return (min(a, b) - 2 * max(WORDS)) // 2


class BySize:
    """Terms by length, to find the first of a length (in the order given) one edit from a text:
    only those that begin or end like it (``ends_kept``) are compared with it."""

    def __init__(self, terms: Iterable[str]):
        self.terms: dict[int, list[str]] = {}
        for term in terms:
            self.terms.setdefault(len(term), []).append(term)
        self._ends: dict[tuple[int, int], tuple[dict[str, list[int]], dict[str, list[int]]]] = {}

    def first(self, candidate: str, size: int) -> str | None:
        terms = self.terms.get(size, [])
        kept = _kept(len(candidate), size)
        if kept <= 0 or not terms:
            order: Iterable[int] = range(len(terms))
        else:
            starts, ends = self._by_ends(size, kept)
            same = same_conjunction(candidate)
            order = sorted({*starts.get(same[:kept], ()), *ends.get(same[-kept:], ())})
        return next((terms[i] for i in order if one_edit(candidate, terms[i])), None)

    def _by_ends(self, size: int, kept: int) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """The terms of a size (their indexes) by their first and by their last ``kept`` characters."""
        if (size, kept) not in self._ends:
            starts: dict[str, list[int]] = defaultdict(list)
            ends: dict[str, list[int]] = defaultdict(list)
            for i, term in enumerate(self.terms[size]):
                like = same_conjunction(term)
                starts[like[:kept]].append(i)
                ends[like[-kept:]].append(i)
            self._ends[size, kept] = (starts, ends)
        return self._ends[size, kept]


def conjunction_edit(candidate: str, term: str) -> bool:
    """Whether ``candidate`` is ``term`` with a conjunction added or left out (多党合作政治协商)."""
    longer, shorter = (candidate, term) if len(candidate) > len(term) else (term, candidate)
    if len(longer) != len(shorter) + 1:
        return False
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    return longer[i] in _OPTIONAL and longer[i + 1:] == shorter[i:]


def _words_swapped(candidate: str, term: str, diff: list[int]) -> bool:
    """Whether the characters that differ (``diff``) are two neighbouring words of two or three
    characters swapped: 执纪监督 for 监督执纪, 监察监督 for 监督监察 (their first characters alike),
    规范化标准化 for 标准化规范化."""
    for size in WORDS:
        for start in range(max(0, diff[-1] - 2 * size + 1), diff[0] + 1):
            end = start + 2 * size
            block = term[start:end]
            if end <= len(term) and candidate[start:end] == block[size:] + block[:size] \
                    and not _MARKS & set(block):
                return True
    return False


def pairs(text: str) -> set[int]:
    """The pairs of neighbouring characters of ``text``, each as one number: its two UTF-16 code
    units read as one 32-bit word, at every unit's offset (read in C, no string made per pair)."""
    units = memoryview(text.encode("utf-16-le", "surrogatepass"))  # (a lone surrogate is a unit too)
    even, odd = len(units) // 4 * 4, (len(units) - 2) // 4 * 4
    out = set(units[:even].cast("I"))
    if odd > 0:
        out.update(units[2:2 + odd].cast("I"))
    return out


class Haystack:
    """A text, with the set of its pairs of neighbouring characters (collected in one pass, in C):
    a needle is in the text only if all its pairs are, which rules most needles out without
    scanning the text for them."""

    def __init__(self, text: str):
        self.text = text
        self.pairs = pairs(text)
        # where a needle first occurs (-1: nowhere), as ``Needles.present`` found it: the search
        # for its every occurrence starts there, not again from the start of the text
        self.first: dict[str, int] = {}

    def find(self, needle: str) -> int:
        """Where ``needle`` first occurs in the text (-1: nowhere), searched once per text."""
        at = self.first.get(needle)
        if at is None:
            at = self.first[needle] = self.text.find(needle)
        return at

    def find_all(self, needle: str) -> Iterator[int]:
        """Where ``needle`` starts in the text, left to right (overlaps included)."""
        at = self.find(needle)
        while at != -1:
            yield at
            at = self.text.find(needle, at + 1)

    def windows(self, needles: tuple[str, ...], width: int) -> list[tuple[int, int]]:
        """The stretches of the text within ``width`` characters of a needle, merged: where to
        search a pattern that must contain one of ``needles`` (a plain find is far faster than a
        regular expression tried at every character)."""
        spans = sorted((max(0, at - width), at + len(needle) + width)
                       for needle in needles for at in self.find_all(needle))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


@lru_cache(maxsize=1)
def haystack_of(text: str) -> Haystack:
    """The haystack of the text being checked, made once for all the rules that look for many
    strings in it (its pairs are a pass over the whole text)."""
    return Haystack(text)


class Needles:
    """Many strings, to tell at once which of them occur in a text: each indexed by the one of its
    pairs of characters that fewest needles share (中国 is in many, 践悟 in few: a rare pair in the
    data is mostly a rare pair in a text), so only those whose key the text has are looked at."""

    def __init__(self, needles: Iterable[str]):
        needles = set(needles)
        needed_pairs = {n: frozenset(pairs(n)) for n in needles if len(n) > 1}
        shared = Counter(chain.from_iterable(needed_pairs.values()))
        # (needle, its pairs, whether having its pair is having it: two characters of the BMP)
        self.by_key: dict[int, list[tuple[str, frozenset[int], bool]]] = defaultdict(list)
        rarest = shared.__getitem__  # (any of a needle's pairs would do as its key: the rarest is fastest)
        for needle, needed in needed_pairs.items():
            self.by_key[min(needed, key=rarest)].append((needle, needed, _one_pair(needle)))
        self.keys = frozenset(self.by_key)
        self.single = [n for n in needles if len(n) == 1]

    def plain(self) -> tuple:
        """What the index is, as plain data (kept between runs: ``formulations.compiled``)."""
        return dict(self.by_key), self.single

    @classmethod
    def from_plain(cls, plain: tuple) -> Needles:
        needles = cls.__new__(cls)
        by_key, needles.single = plain
        needles.by_key = defaultdict(list, by_key)
        needles.keys = frozenset(by_key)
        return needles

    def present(self, haystack: Haystack) -> set[str]:
        """The needles in the text. A needle of two characters is there when its pair is (a third
        of those a report has: no search of the text for them); a longer one is searched for, from
        the start, once per text (``Haystack.find``: its other occurrences are searched from there)."""
        text, pairs, first = haystack.text, haystack.pairs, haystack.first
        found = {n for n in self.single if n in text}
        for key in self.keys & pairs:
            for needle, needed, exact in self.by_key[key]:
                if not needed <= pairs:
                    continue
                if not exact:  # (``Haystack.find``, inline: this runs for a hundred needles a text)
                    at = first.get(needle)
                    if at is None:
                        at = first[needle] = text.find(needle)
                    if at < 0:
                        continue
                found.add(needle)
        return found


def _one_pair(needle: str) -> bool:
    """Whether ``needle`` is one pair of ``pairs``: two characters, neither a surrogate nor beyond
    the BMP (a pair at any offset of a text's units is then the two characters written there)."""
    return len(needle) == 2 and all(ord(ch) < 0xD800 or 0xE000 <= ord(ch) <= 0xFFFF for ch in needle)


def _conjunction_variants(anchor: str) -> set[str]:
    """``anchor`` with each conjunction in it written as any other (an anchor of 多党合作和政治协商
    must be found in 多党合作与政治协商)."""
    if not any(ch in _CONJUNCTIONS for ch in anchor):
        return {anchor}
    return {"".join(chars) for chars in product(*(_CONJUNCTIONS if ch in _CONJUNCTIONS else ch for ch in anchor))}


# (first and last offset from an anchor, a character, [(offset, (use, rank of the length, length))])
Probe = tuple[int, int, str, list[tuple[int, tuple[int, int, int]]]]


class NearMissIndex:
    """Finds near-misses of many terms at once. ``known``: correct forms never reported."""

    def __init__(self, terms: Iterable[str], known: Iterable[str] = (), strict: Iterable[str] = ()):
        self.anchors: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # anchor → (term, is head)
        self.terms = set(terms)
        self.known = self.terms | set(known)
        self.strict = set(strict)  # terms where a conjunction added or left out counts as an edit
        self._tests: dict[str, tuple[list[tuple[str, int]], list[Probe]]] = {}  # by anchor, made as texts need them
        long = [t for t in self.terms if len(t) >= LONG]
        # edges many terms share (中华人民共和国…) would make every law a candidate at every mention
        edges = Counter([t[:EDGE] for t in long] + [t[-EDGE:] for t in long])
        for term in self.terms:
            half = len(term) // 2
            head, tail = term[:half - 1], term[half + 1:]
            if len(head) < 2 or len(tail) < 2:
                raise ValueError(f"too short for near-miss matching: {term}")
            heads, tails = {head}, {tail}
            if len(term) >= LONG:
                heads |= {term[:EDGE]} if edges[term[:EDGE]] <= SHARED_EDGE else set()
                tails |= {term[-EDGE:]} if edges[term[-EDGE:]] <= SHARED_EDGE else set()
            for anchor in {a for h in heads for a in _conjunction_variants(h)}:
                self.anchors[anchor].append((term, True))
            for anchor in {a for t in tails for a in _conjunction_variants(t)}:
                self.anchors[anchor].append((term, False))

    def plain(self) -> tuple:
        """What the index is, as plain data (its tests are made per process, as texts need them)."""
        return dict(self.anchors), self.terms, self.known, self.strict

    @classmethod
    def from_plain(cls, plain: tuple) -> NearMissIndex:
        index = cls.__new__(cls)
        anchors, index.terms, index.known, index.strict = plain
        index.anchors = defaultdict(list, anchors)
        index._tests = {}
        return index

    def find(self, haystack: Haystack, present: set[str] | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of every near-miss in the text, each span once. ``present``: the
        anchors known to occur in it (else they are looked for)."""
        text, size = haystack.text, len(haystack.text)
        if present is None:
            present = Needles(self.anchors).present(haystack)
        seen: set[tuple[int, int]] = set()
        for anchor in sorted(present & self.anchors.keys()):
            uses, width = self.anchors[anchor], len(anchor)
            shifts, probes = self._tests_of(anchor)
            # Plain loops below, not all() or a comprehension: this runs at every occurrence of
            # every anchor (tens per report), and a generator or comprehension made per
            # occurrence costs more than the tests themselves.
            for at in haystack.find_all(anchor):
                # cheap tests first: most anchors sit in the term itself, or in other words
                for term, shift in shifts:
                    if not text.startswith(term, at + shift):
                        break
                else:
                    continue  # every term written where it is (``_candidates`` passes over it)
                found = []
                for first, last, char, hits in probes:
                    low = at + first
                    if text.find(char, low if low > 0 else 0, at + last + 1) < 0:
                        continue
                    for offset, hit in hits:
                        i = at + offset
                        if 0 <= i < size and text[i] == char:
                            found.append(hit)
                if not found:
                    continue
                for use, span in self._candidates(text, at, at + width, uses, found):
                    if span not in seen:
                        seen.add(span)
                        yield span[0], span[1], uses[use][0]

    def _tests_of(self, anchor: str) -> tuple[list[tuple[str, int]], list[Probe]]:
        """The tests at an occurrence of ``anchor``: where each of its terms would start, from the
        anchor's start (a head: there; a tail: before it), and the probes — the character a
        candidate must end with (a head; a tail: begin with) and where, from the anchor's start,
        for each length it may have: (first and last of those offsets, the character, [(offset,
        (use, rank of the length, length))]). One search of a few characters of the text per
        character tells which of the anchor's terms may be there. Made the first time the anchor
        is in a text (a document has few of the anchors), kept for the next texts."""
        if anchor not in self._tests:
            by_char: dict[str, list[tuple[int, tuple[int, int, int]]]] = defaultdict(list)
            for use, (term, is_head) in enumerate(self.anchors[anchor]):
                n = len(term)
                for rank, length in enumerate((n, n + 1, n - 1)):
                    offset = length - 1 if is_head else len(anchor) - length
                    by_char[term[-1] if is_head else term[0]].append((offset, (use, rank, length)))
            probes = [(min(o for o, _ in hits), max(o for o, _ in hits), char, hits) for char, hits in by_char.items()]
            shifts = [(term, 0 if is_head else len(anchor) - len(term)) for term, is_head in self.anchors[anchor]]
            self._tests[anchor] = (shifts, probes)
        return self._tests[anchor]

    def _candidates(self, text: str, start: int, end: int, uses: list[tuple[str, bool]],
                    found: list[tuple[int, int, int]]) -> Iterator[tuple[int, tuple[int, int]]]:
        """(use, span): per term of the anchor at ``start``…``end`` whose first and last characters
        are ``found`` there at some length, in order, the first candidate one edit from it (at the
        term's length first, then one more, then one less); none where the term itself is written."""
        done = set()
        for use, _, length in sorted(found):
            term, is_head = uses[use]
            if use in done:
                continue
            if text.startswith(term, start if is_head else end - len(term)):
                done.add(use)
                continue
            a, b = (start, start + length) if is_head else (end - length, end)
            candidate = text[a:b]
            if candidate[0] == term[0] and candidate[-1] == term[-1] and "\n" not in candidate \
                    and candidate not in self.known and one_edit(candidate, term, term in self.strict):
                done.add(use)
                yield use, (a, b)
