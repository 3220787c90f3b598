"""``nonstandard-term`` — a fixed political formulation written off its standard form (error;
some entries warning).

Found by form, from data (``checker/formulations.py`` says how the data is read):

* 表述不规范: a known wrong form of a fixed term (以习近平总书记为核心的党中央, 一岗两责);
* an outdated name used after the year it was replaced (《廉政准则》, 三个自信 — with that year) is
  found here, by the same forms, but reported as ``stale-reference``: it was the standard text
  once, and readers call it out of date, not misspelt;
* 多字/漏字/错字/颠倒: one character inserted, dropped, replaced or swapped, or two words swapped,
  in a fixed term of seven characters or more (习近平新时代中国特色的社会主义思想, 《…执纪监督工作
  规则》), found without a list of wrong forms, 与 for 和 and a conjunction added or left out aside;
  in 《》 at the name's first or last character too (《…工作条列》); a known name with another kind
  of document (《中国共产党廉洁自律条例》 for …准则), or without the （试行） of its full name (a warning);
* 顺序不规范: all the items of a fixed list in another order (四个意识, 五位一体, 六大纪律…), also
  written with their shared word once (理论、道路、制度、文化自信) or beside the list's name
  (“四个自信”（道路、理论、文化、制度）); one item altered in a list in order (纪律严格 for 纪律严明);
  two neighbouring items with their words exchanged (口粮基本自给、谷物绝对安全: a warning, advice);
  a list announced by its name, or only ever cited whole, with one item left out or one more
  added, or written as a run of items of its kind only some of them its own (a warning, 请核实:
  “四个自信”（道路自信、理论自信、制度自信）, …文化自信、历史自信, 政治自信、经济自信、文化自信、制度自信);
* 数字、量词被改: 三个维护, 四种意识, 中央六项规定, 十三个坚持 beside “八个明确”;
* 搭配不当: the word fixed before or after a slogan swapped with another slogan's
  (坚定“四个意识”, 协调推进“五位一体”总体布局) — not when that word governs something else
  (切实增强“两个维护”的政治自觉: 增强 governs 政治自觉).

The suggestion is the standard text. It is applied by ``--fix`` only where it is an exact
replacement that keeps the sentence's structure (a term respelled, a list reordered in place, one
word of a collocation exchanged); where it is not (a verb shared by a list of slogans, a slogan
misused as a guiding thought) it is advice. Accepted variants are not flagged: 树牢“四个意识”,
增强“四个自信”, 习近平同志/总书记 in “两个维护”, quotes present or omitted.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from shuzhi.checker.document import Document
from shuzhi.checker.formulations import (
    DOCUMENT,
    Collocation,
    Compiled,
    Entry,
    Enumeration,
    compiled,
    near_form,
    quoted,
    unquoted_like,
)
from shuzhi.checker.nearmiss import Haystack, conjunction_edit, haystack_of
from shuzhi.checker.registry import Context, make
from shuzhi.checker.rules import stale_reference
from shuzhi.patterns import compile as compile_pattern

ID = "nonstandard-term"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entry: Entry
    suggestion: str
    message: str
    fixable: bool
    rank: int  # at the same span: lower wins (a known wrong form before a near-miss)


def check(doc: Document, ctx: Context):
    data = compiled()
    year = ctx.year or doc.year
    text = doc.text
    haystack = haystack_of(text)
    present = data.needles.present(haystack)
    lists = _lists(present, data)
    hits = [*_literals(haystack, present, data), *_near_misses(haystack, present, data), *_titles(text, data),
            *_document_kinds(text, data),
            *_enumerations(haystack, lists), *_altered_items(haystack, lists), *_partial_lists(haystack, lists, present),
            *_extended_lists(haystack, lists), *_foreign_items(haystack, present, data),
            *_short_lists(text, present, data), *_collocations(haystack, present, data)]
    hits = [h for h in hits if h.entry.until is None or year is None or year > h.entry.until]
    hits.sort(key=lambda h: (h.start, h.rank, -(h.end - h.start)))  # a known form before a near-miss
    last_end = -1
    for hit in hits:
        if hit.start < last_end:
            continue
        last_end = hit.end
        note = f"，{hit.entry.note}" if hit.entry.note else ""
        rule = RULE if hit.entry.until is None else stale_reference
        yield make(doc, rule, hit.start, text[hit.start:hit.end], hit.message + note,
                   suggestion=hit.suggestion, fixable=hit.fixable, severity=hit.entry.severity,
                   basis=hit.entry.basis)


def _literals(haystack: Haystack, present: set[str], data: Compiled) -> Iterator[Hit]:
    text = haystack.text
    for index in sorted({i for n in present & data.by_needle.keys() for i in data.by_needle[n]}):
        literal = data.literals[index]
        around = haystack.windows(literal.needles, literal.reach) if literal.reach else ((0, len(text)),)
        for m in (m for start, end in around for m in literal.pattern.finditer(text, start, end)):
            entry = literal.entry
            correct = m.expand(entry.correct) if "\\" in entry.correct else entry.correct
            correct = unquoted_like(correct, m.group())
            if entry.until is not None:
                message = f"{quoted(m.group())}是{entry.until}年及以前的表述，现行规范表述为{quoted(correct)}"
            else:
                message = f"表述不规范，应为{quoted(correct)}"
            yield Hit(m.start(), m.end(), entry, correct, message, entry.fix, 0)


_TITLE = compile_pattern("《[^《》\n]{4,60}》")


def _titles(text: str, data: Compiled) -> Iterator[Hit]:
    """A name in 《》 one edit from a known one at its first or last character, which the search
    for near-misses leaves alone (the brackets say where the name ends): 《中国共产党支部工作条列》."""
    if "《" not in text:
        return
    for m in _TITLE.finditer(text):
        written = m.group()
        if written in data.document_names:
            continue
        for size in (len(written), len(written) - 1, len(written) + 1):
            title = data.titles_by_size.first(written, size)
            if not title:
                continue  # (the names compared only for a title found: most are none)
            name, standard = (near_form(t) or "" for t in (written, title))
            if name[:1] + name[-1:] != standard[:1] + standard[-1:]:  # inside: a near-miss
                entry = data.titles[title]
                yield Hit(m.start(), m.end(), entry, title, f"与规范名称相差一字，应为{title}", entry.fix, 2)
                break


def _document_kinds(text: str, data: Compiled) -> Iterator[Hit]:
    """A known law or 条例 named with another kind of document (《中国共产党廉洁自律条例》 for
    《中国共产党廉洁自律准则》): the name before the kind is known, the whole name is not."""
    if "《" not in text:
        return
    for m in DOCUMENT.finditer(text):
        found = data.documents.get(m["stem"])
        if found is None or m.group() in data.document_names or m["trial"]:
            continue
        name, kind, entry = found
        if m["kind"] == kind:  # only the （试行） of a 条例 still on trial left out: often done, advice
            yield Hit(m.start(), m.end(), replace(entry, severity="warning"), name,
                      f"文件全称为{name}，请核实", entry.fix, 0)
            continue
        yield Hit(m.start(), m.end(), entry, name, f"文件名称有误（{quoted(m['kind'])}应为{quoted(kind)}），应为{name}",
                  entry.fix, 0)


_EDIT_KIND = {1: "多字", -1: "漏字"}


def _near_misses(haystack: Haystack, present: set[str], data: Compiled) -> Iterator[Hit]:
    text = haystack.text
    for start, end, term in data.near.find(haystack, present):
        written = text[start:end]
        changed = sum(a != b for a, b in zip(written, term))
        kind = _EDIT_KIND.get(len(written) - len(term)) or ("错字" if changed == 1 else "字序颠倒" if changed == 2 else "")
        entry = data.near_entries[term]
        if conjunction_edit(written, term):  # 和 left out or added: often a variant, so advice
            yield Hit(start, end, replace(entry, severity="warning"), term,
                      f"与规范表述相比{'多' if len(written) > len(term) else '少'}了连词，规范表述为{quoted(term)}，请核实",
                      True, 1)
        elif kind:
            yield Hit(start, end, entry, term, f"与规范表述相差一字（{kind}），应为{quoted(term)}", True, 1)
        else:  # two words the other way round: sometimes a local usage (规范化标准化), so advice
            yield Hit(start, end, replace(entry, severity="warning"), term,
                      f"与规范表述相比两个词语位置颠倒，规范表述为{quoted(term)}，请核实", True, 1)


def _lists(present: set[str], data: Compiled) -> list[tuple[Enumeration, int]]:
    """(list, how many of its items the text lacks) of the lists with an item in the text and at
    most one missing (a list lacking more has none of the forms the rule looks for), in the
    data's order: counted in one pass over the spellings the text has, not list by list."""
    written: dict[int, set[int]] = defaultdict(set)  # list → its items the text has
    for spelling in present & data.items_by_spelling.keys():
        for index, item in data.items_by_spelling[spelling]:
            written[index].add(item)
    out = []
    for index in sorted(written):
        enum = data.enumerations[index]
        absent = len(enum.items) - len(written[index])
        if absent <= 1:
            out.append((enum, absent))
    return out


def _enumerations(haystack: Haystack, lists) -> Iterator[Hit]:
    text = haystack.text
    for enum, absent in lists:
        if absent:
            continue  # a list in any order needs every item
        pattern = enum.pattern
        for start, end in haystack.windows(enum.anchor(), enum.width):
            position = start
            while (m := pattern.search(text, position, end)) is not None:
                fixed = _reordered(enum, m.group())
                if fixed is None:
                    position = m.start() + 1
                    continue
                position = m.end()
                name = quoted(enum.entry.name) if enum.entry.name else "该固定表述"
                yield Hit(m.start(), m.end(), enum.entry, fixed,
                          f"顺序不规范，{name}的固定顺序是{quoted(enum.entry.correct)}", enum.entry.fix, 0)


def _altered_items(haystack: Haystack, lists) -> Iterator[Hit]:
    """A fixed list in its order with one item altered (纪律严明 written 纪律严格): the other
    items exact, the odd one the length of the standard item and sharing half its characters."""
    text = haystack.text
    for enum, _ in lists:
        if not enum.alterable:
            continue
        for slot, source in enumerate(enum.altered):
            if not source:
                continue
            pattern = enum.altered_pattern(slot)
            for m in (m for start, end in haystack.windows(enum.anchor(slot), enum.width)
                      for m in pattern.finditer(text, start, end)):
                written, standard = m.group(1), enum.items[slot][0]
                if any(written in spellings for spellings in enum.items) or not _alike(written, standard):
                    continue
                a, b = m.span(1)
                if standard in text[a:b + len(standard)]:
                    continue  # the item itself, after another word (…核心意识，坚持看齐意识)
                fixed = m.group()[:a - m.start()] + standard + m.group()[b - m.start():]
                name = quoted(enum.entry.name) if enum.entry.name else "该固定表述"
                yield Hit(m.start(), m.end(), enum.entry, fixed,
                          f"{quoted(written)}应为{quoted(standard)}，{name}的规范表述是{quoted(enum.entry.correct)}",
                          enum.entry.fix, 0)


_ANNOUNCED = "[”\"]?(?:[（(：:]|[，,]即)([^）)。；\n]{2,120}?)[）)。；]"
_ITEM_MARKS = compile_pattern("[、，,]|和|及|与")


def _short_lists(text: str, present: set[str], data: Compiled) -> Iterator[Hit]:
    """A list announced by its name with one item left out: “四个自信”（道路自信、理论自信、
    制度自信）. A warning (请核实): the author may have meant only some of them."""
    for enum in (data.enumerations[i] for name in sorted(present & data.announced.keys()) for i in data.announced[name]):
        name = enum.entry.name
        index: dict[str, int] = {}
        for m in compile_pattern(re.escape(name) + _ANNOUNCED).finditer(text):
            index = index or _spellings(data, enum)  # (only where the name is followed by a list)
            pieces = [p.strip("“”\"") for p in _ITEM_MARKS.split(m.group(1))]
            written = [index.get(p) for p in pieces]
            if None in written or len(set(written)) != len(enum.items) - 1 or len(written) != len(set(written)):
                continue
            missing = next(i for i in range(len(enum.items)) if i not in written)
            yield Hit(m.start(1), m.end(1), replace(enum.entry, severity="warning"), enum.entry.correct,
                      f"{quoted(name)}共{len(enum.items)}项，此处缺少{quoted(enum.items[missing][0])}，请核实"
                      f"（规范表述为{quoted(enum.entry.correct)}）", False, 0)


def _partial_lists(haystack: Haystack, lists, present: set[str]) -> Iterator[Hit]:
    """A list only ever cited whole (四个意识, 五位一体) written with one item left out:
    增强政治意识、大局意识、核心意识 (a warning, 请核实)."""
    text = haystack.text
    for enum, _ in lists:
        entry = enum.entry
        if not enum.partial or len(enum.items) < 3:
            continue
        absent = [i for i, spellings in enumerate(enum.items) if present.isdisjoint(spellings)]
        if len(absent) > 1:
            continue
        # every run of all items but one has one of the two rarest (the absent item is not one)
        anchors = enum.anchor(absent[0]) if absent else enum.anchor() + enum.anchor(enum.rarest_first[0])
        for start, end in haystack.windows(anchors, enum.width):
            for m in enum.partial_pattern.finditer(text, start, end):
                written = {enum.index(p.group()) for p in enum.item.finditer(m.group())}
                if len(written) != len(enum.items) - 1 or _within_whole(enum, text, m.start(), m.end()):
                    continue
                missing = next(i for i in range(len(enum.items)) if i not in written)
                near = text[max(0, m.start() - NEARBY):m.end() + NEARBY]
                if any(s in near for s in enum.items[missing]):
                    continue  # written close by, not as a plain list: 从不敢腐、不能腐到不想腐
                hit_entry = replace(entry, severity="warning", until=entry.whole_after)
                yield Hit(m.start(), m.end(), hit_entry, entry.correct,
                          f"{quoted(entry.name)}共{len(enum.items)}项，此处缺少{quoted(enum.items[missing][0])}，"
                          f"请核实（规范表述为{quoted(entry.correct)}）", False, 0)


NEARBY = 12  # characters around a list with an item left out where that item may still be written


def _within_whole(enum, text: str, start: int, end: int) -> bool:
    """Whether the stretch is part of the whole list (in some order): 大局、核心、看齐意识 in
    政治、大局、核心、看齐意识."""
    return any(m.start() <= start and m.end() >= end
               for m in enum.pattern.finditer(text, max(0, start - enum.width), end + enum.width))


# one more item after a list: the same shared word after a stem as long as the list's own
_ONE_MORE = "(?:、|和|及|与|以及)[“\"]?([\u4e00-\u9fff]{%d}%s)(?![\u4e00-\u9fff])"


def _extended_lists(haystack: Haystack, lists) -> Iterator[Hit]:
    """A list only ever cited whole with one more item of its kind after it: 道路自信、理论自信、
    制度自信、文化自信、历史自信 (a warning, 请核实: 历史自信 is a term of its own)."""
    text = haystack.text
    for enum, absent in lists:
        entry = enum.entry
        if absent or not entry.whole or enum.compact or not enum.suffix \
                or len({len(spellings[0]) for spellings in enum.items}) != 1:
            continue  # items of one size only: 五位一体 goes on 和党的建设 in central texts
        more = _compile_more(len(enum.items[0][0]) - len(enum.suffix), enum.suffix)
        for start, end in haystack.windows(enum.anchor(), enum.width):
            for m in enum.pattern.finditer(text, start, end):
                extra = more.match(text, m.end())
                if extra and not any(extra[1] in spellings for spellings in enum.items):
                    yield Hit(extra.start(1), extra.end(1), replace(entry, severity="warning"), entry.correct,
                              f"{quoted(entry.name)}只有{len(enum.items)}项，{quoted(extra[1])}不在其中，请核实"
                              f"（规范表述为{quoted(entry.correct)}）", False, 0)


_SAME_KIND = "[“\"]?[\u4e00-\u9fff]{%d}%s[”\"]?"
_SAME_KIND_MARK = "(?:、|，|,|和|及|与)?"


def _foreign_items(haystack: Haystack, present: set[str], data: Compiled) -> Iterator[Hit]:
    """A list only ever cited whole written as a run of as many items of its kind, two or more its
    own and the others not: 政治自信、经济自信、文化自信、制度自信 (a warning, 请核实: the author may
    list some 自信 of his own)."""
    text = haystack.text
    for enum in map(data.enumerations.__getitem__, data.whole_of_a_kind):
        entry, n = enum.entry, len(enum.items)
        own = [s for spellings in enum.items for s in spellings if s in present]
        if len(own) < 2:
            continue
        item = _SAME_KIND % (len(enum.items[0][0]) - len(enum.suffix), re.escape(enum.suffix))
        run = compile_pattern(f"(?:{item}{_SAME_KIND_MARK}){{{n - 1}}}{item}(?!{_SAME_KIND_MARK}{item})")
        one = compile_pattern(item)
        for start, end in haystack.windows(tuple(own), enum.width):
            for m in run.finditer(text, start, end):
                if one.search(text, max(0, m.start() - len(enum.items[0][0]) - 2), m.start()):
                    continue  # a longer run: not this list
                written = [w.strip("“”\"") for w in one.findall(m.group())]
                foreign = [w for w in written if not any(w in spellings for spellings in enum.items)]
                if len(written) - len(foreign) >= 2 and foreign and len(set(written)) == n:
                    yield Hit(m.start(), m.end(), replace(entry, severity="warning"), entry.correct,
                              f"{quoted(entry.name)}是{quoted(entry.correct)}，{'、'.join(map(quoted, foreign))}"
                              f"不在其中，请核实", False, 0)


def _compile_more(stem: int, suffix: str) -> re.Pattern[str]:
    return compile_pattern(_ONE_MORE % (stem, re.escape(suffix)))


def _spellings(data: Compiled, enum) -> dict[str, int]:
    """Every way an item of the list is written, with or without the list's shared word → its index."""
    out: dict[str, int] = {}
    for other in data.enumerations:
        if other.entry is enum.entry:
            for i, spellings in enumerate(other.items):
                out.update(dict.fromkeys(spellings, i))
    return out


def _alike(written: str, standard: str) -> bool:
    """At least half the characters of ``standard`` (by count) also occur in ``written``."""
    pool = list(written)
    shared = 0
    for ch in standard:
        if ch in pool:
            pool.remove(ch)
            shared += 1
    return 2 * shared >= len(standard)


def _reordered(enum, written: str) -> str | None:
    """The list with its items in standard order (separators and spellings kept); None if it
    is in order or is not the whole list once."""
    pieces = list(enum.item.finditer(written))
    order = [enum.index(p.group()) for p in pieces]
    if sorted(order) != list(range(len(enum.items))) or order == sorted(order):
        return None
    by_index = {i: p.group() for i, p in zip(order, pieces)}
    out, position = [], 0
    for k, piece in enumerate(pieces):
        out.append(written[position:piece.start()])
        out.append(by_index[k])
        position = piece.end()
    out.append(written[position:])
    return "".join(out)


def _collocations(haystack: Haystack, present: set[str], data: Compiled) -> Iterator[Hit]:
    for colloc in data.collocations:
        if colloc.slogan not in present:
            continue
        for at in haystack.find_all(colloc.slogan):
            hit = _collocation_at(haystack.text, at, colloc, data.slogans)
            if hit:
                yield hit


def _ends_with(text: str, end: int, words: tuple[str, ...]) -> str | None:
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w, end - len(w))), None)


# After a slogan, what shows the word before it governs another noun (增强“两个维护”的政治自觉).
_GOVERNED = compile_pattern(r"[”\"’」]?(?:的|[^，。；、\n]{0,2}?(?:自觉|定力|坚定性|自觉性|责任感|使命感|信念|信心|决心|意识))")


@cache
def _next_slogan(slogans: tuple[str, ...]) -> re.Pattern[str]:
    """Another slogan right after one (坚定“四个意识”“四个自信”: the verb is shared)."""
    return compile_pattern(r"[、和与及]?\s*[“\"‘「]?(?:" + "|".join(map(re.escape, slogans)) + ")")


def _collocation_at(text: str, at: int, colloc: Collocation, slogans: tuple[str, ...]) -> Hit | None:
    """A wrong word before or after the slogan at ``at``, judged with the grammar around it."""
    open_quote = 1 if at and text[at - 1] in "“\"‘「" else 0
    end = at + len(colloc.slogan)
    close_quote = 1 if text[end:end + 1] in ("”", '"', "’", "」") else 0
    after = text[end + close_quote:end + close_quote + 12]
    start, stop = at - open_quote, end + close_quote
    verb = _ends_with(text, start, colloc.wrong_before)
    if verb and _ends_with(text, start, colloc.right_before):
        verb = None  # 坚决做到 ends with 做到: a right word that contains a wrong one
    if verb and _GOVERNED.match(text, end):
        verb = None  # 增强“两个维护”的政治自觉: the verb governs 政治自觉, not the slogan
    noun = next((w for w in colloc.wrong_after if after.startswith(w)), None)
    wrong_word = verb or noun
    if not wrong_word:
        return None
    shared = bool(_next_slogan(slogans).match(after))
    span_start = start - len(verb) if verb else start
    span_end = stop + len(noun) if noun else stop
    written = text[span_start:span_end]
    right = (colloc.right_before[0] if verb else "") + text[start:stop] + (colloc.right_after[0] if noun else "")
    entry = colloc.entry
    fixable = entry.fix and not (verb and shared)
    if not entry.fix:
        right = unquoted_like(entry.correct, written)
    message = f"搭配不当：{quoted(wrong_word)}不与{quoted(colloc.slogan)}搭配，应为{quoted(right)}"
    if verb and shared:
        message += "（此处一个动词带了几个提法，请分别搭配）"
    return Hit(span_start, span_end, entry, right, message, fixable, 0)
