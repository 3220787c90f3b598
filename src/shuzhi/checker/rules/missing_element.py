"""``missing-element`` — an element the report's type requires of its author that the author's
own text does not cover.

Which elements: the template's (picked from the title, the facts or ``--template``), gated by
who is writing (``shuzhi.roles``: 第一责任人 only for a 书记, 监督责任 for a 纪委书记, 个人有关事项
报告 from 县处级副职 up, 民主集中制 of a 副职 on no 党委/党组 from 县处级副职 up, 述法 only when the
title or the unit asks). A text whose type cannot be told gets only the generic elements, as
warnings.

Where: an element of a part (``where: shortcomings`` …) is judged on that part's section when the
report has one — a non-empty section headed 存在的问题 covers 不足 by itself; without one, only
the author's own statements count (the signals are self-criticism: 存在…不足, 还不够, 有待加强 …),
so a 短板 in the work section ("制约该村发展的短板") does not. Only the author's own account
counts: text inside note markers (【待补充：…】), the title, the sentence framing the report
(按照…通知要求，围绕…，现将本人情况报告如下; 述职内容包括…), the notice it answers, others' words
it quotes (评议指出“…还有差距”, 责任书明确“…”) cover nothing; and for each element, what is about
another kind of thing is masked (``checker/data/coverage.yaml``): others' 个人有关事项 (督促全院
干部如实报告), other secretaries' or other fields' 第一责任人 (安全生产第一责任人), others' breaches
of the 八项规定 the author dealt with, other bodies' 民主集中制, problems named to say what was
done about them (针对…不够深入的问题), what the unit helped another body with or was inspected on
(配合…开展…, 对我局…进行考核), a rule studied or passed on (学习《…规定》, 印发…通知), what a head or
a meeting said (部长在部务会上提出，…), another's named duty (主任作为第一责任人), a superior's
deployment named by its subject (按照县委关于落实全面从严治党主体责任的部署，…), a 人大's statutory
acts (常委会作出的决议决定: not the author's 民主集中制), a clause whose subject is a body or the
whole unit (处党支部组织干部集中学习…; 全镇严格落实中央八项规定精神，…: not his study, 八项规定 or 廉).
A mask may spare a clause in which the author says what he did (``unless``): 局党组严格执行民主
集中制… is the body's rule, …我坚持最后表态 his own. What the author will do (the 下一步打算
section) covers only the plans, what he admits (the 存在的问题 section: 理论学习抓得不紧) only
the problems. A heading over a section that says nothing of the author names what it should
say, not what he did (（一）履行第一责任人职责情况 over 林场党支部严格落实…), and so does a heading
run into a paragraph that is mostly others' words or another year's act (（三）个人有关事项。学校
党委组织部年初下发通知，要求…). When: what was done in a year before the report's (2022年提任时，
我已如实报告…) is no account of this year's (but 上年度问题整改 is told by it), nor is a stance the
opening paragraph takes (一年来，我始终坚持民主集中制). What: a paragraph on the network's security
(等级保护、防火墙) is no 意识形态 (whole paragraphs masked for an element: ``paragraphs``).

In a person's report a 存在的问题 section must say something of the author, not only the field's
problems (in a 书记's 抓党建 述职: 把自己摆进去, 我 or a 主观 cause), and what it says of others
(部分干部…, 少数党员…) is not the author's; with no such section, a self-criticism counts only in a
sentence that says something of the author. A report written part by part under 德能勤绩廉 or
述学述职述廉述法 headings needs the parts it leaves out (no 廉, no 述法) as sections, whatever
words occur elsewhere; a 述法 section that says nothing of the author (only the unit's figures)
is left out too, and so is a part that tells only of others' conduct (his wife's, his staff's:
``kin``; a body's or the whole unit's: 镇纪委组织…, 全镇严格落实…). A 工作总结 a person writes of his own year (个人工作总结) needs his own 不足 as a 述职
does; a plans section covers the plans only with something of substance in it, not only a
superior's asks and slogans (``hollow``).

Speed: no mask reaches over a line end or a 。 (tests check it), so a signal found in the text
is first judged on its own lines masked — a few hundred characters, not the whole text — and a
section of the plans or the problems with a sentence in it on its own lines; only when that
does not settle it is the whole text masked (the findings are the same either way).

Severity: ``error`` only when the type is known, the author is known to be one the element is
required of, and its basis is a named regulation; otherwise a ``warning`` worded 请核实.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.document import Document, Section
from shuzhi.checker.finding import Severity
from shuzhi.checker.markers import mask_markers
from shuzhi.checker.registry import Context, make_document
from shuzhi.patterns import compile as compile_pattern

ID = "missing-element"
SEVERITY = "error"
BASIS = "实务惯例"
DOCUMENT_LEVEL = True
# (pattern, unless): a match whose clause ``unless`` finds in stays; (pattern, None): every match goes
Mask = tuple[re.Pattern[str], re.Pattern[str] | None]
# what a section must say to cover its part's element by its heading, and the text masked before
Own = tuple[re.Pattern[str], Callable[[str], str]]


def check(doc: Document, ctx: Context):
    from shuzhi.roles import read_author
    from shuzhi.templates import element_library, generic_elements

    marked = mask_markers(doc.text)
    year = ctx.year or doc.year
    text = _own_text(doc, marked, year)
    # the notice the report answers may say who reports (处级领导干部述职述廉): read it for that
    author = read_author(marked, doc.title, ctx.facts)
    if ctx.template is not None:
        demands = ctx.template.elements_for(author, doc.title, ctx.require)
    elif doc.title_index is not None:  # a report of a type we cannot tell: generic checks only
        demands = [(e, "check") for e in generic_elements()]
    else:
        return
    demands += _raised(doc, ctx, demands, marked, year)
    parts = element_library()["parts"]
    left_out = _left_out_of_scheme(doc, parts)
    # (a section headed for the year's work or the problems too, 工作情况及下一步打算, is not only plans)
    aside = _part_spans(doc, parts["plans"], unless=parts["shortcomings"] + "|" + _WORK)
    aside += [(m.start() + 1, m.end()) for m in re.finditer(_PLAN_SENTENCE, text)]
    plans = list(aside)
    aside += _stances_of_preamble(doc, text)
    aside += _bodys_sections(doc)
    # a problem the author admits (理论学习抓得不紧) is no account of what he did: the problems'
    # sections cover only the problems (and a section headed for the work too, 履职情况及存在问题, stays)
    aside += _part_spans(doc, parts["shortcomings"], unless=parts["plans"] + "|" + _WORK)
    # the text without a sequence of mask entries, from the text itself (the plans and the
    # problems), without what the author will do (an element of the past, 上年度问题整改) or
    # without that and what he did in another year (the rest: 2022年提任时，我已如实报告…)
    without_plans = _without(text, aside)
    masked: dict[str, dict[tuple, str]] = {
        "text": {(): text}, "work": {(): without_plans},
        "problems": {(): _without(text, _plans_under_problems(doc, text, parts))},
        "year": {(): _without(without_plans, _other_years(text, year))}}
    for element, demand in demands:
        if element.id in _coverage()["record"]["elements"]:
            if not _recorded(_without(marked, plans), _record_places(doc, marked, year)):
                yield _finding(element, "warning", author, record=True)
            continue
        if element.id not in left_out and _own_covered(element, doc, ctx, parts, masked):
            continue
        # its words are there, only not as the author's own (others', the unit's, a notice, the
        # plans, or outside its part): that is for a reader to judge, not an error
        hidden = element.id not in left_out and element.found_in(text)
        # (raised: its words anywhere, others' and the notice's too — 院长要求班子成员落实“一岗双责”)
        if not hidden and _only_raised(element, ctx.template, author) and not element.found_in(_untitled(doc, marked)):
            continue
        error = demand == "required" and element.severity == "error" and not element.optional \
            and ctx.template is not None and not hidden and not _branchs_duty(element, ctx.template, author)
        yield _finding(element, "error" if error else "warning", author, hidden)


@cache
def _coverage() -> dict:
    from shuzhi.roles import rank_level

    data = load("coverage")
    # element id → the mask entries it takes (their indexes in "groups": tuples of patterns), the
    # most shared first: the text masked by a shared prefix is computed once for all the elements
    # that take it (indexes, not patterns, as keys: a pattern's hash is computed anew each time)
    entries = sorted(data["masks"], key=lambda entry: -len(entry["elements"]))
    masks: dict[str, tuple[int, ...]] = {}
    for index, entry in enumerate(entries):
        for element_id in entry["elements"]:
            masks[element_id] = masks.get(element_id, ()) + (index,)
    own = data["own_part"]
    years = data["other_years"]
    record = data["record"]
    return {"frame": [compile_pattern(p) for p in data["frame"]], "unsaid": tuple(map(_mask, data["unsaid"])),
            "masks": masks, "groups": [tuple(map(_mask, entry["patterns"])) for entry in entries],
            "paragraphs": _paragraph_masks(data["paragraphs"]), "stance": compile_pattern(data["stance"]),
            "body_section": compile_pattern(data["body_section"]),
            "other_years": {"exempt": frozenset(years["exempt"]), "times": years["times"],
                            "lead": compile_pattern(years["lead"])},
            "schemes": [(compile_pattern(s["heading"]), s["min"], s["required"], frozenset(s.get("own", ())))
                        for s in data["schemes"]],
            "kin": (compile_pattern(data["kin"]["words"]), compile_pattern(data["kin"]["unless"]), _mask(data["kin"]["bodies"])),
            "hollow": _hollow(data["hollow"]),
            "branch_secretary": {key: compile_pattern(value) if isinstance(value, str) else frozenset(value)
                                 for key, value in data["branch_secretary"].items()},
            "raised_only": [(frozenset(entry["templates"]), frozenset(entry["elements"]), frozenset(entry["unless"]),
                             rank_level(entry["rank"]) if "rank" in entry else None) for entry in data["raised_only"]],
            "record": {"elements": frozenset(record["elements"]), "heading": record["heading"], "mention": compile_pattern(record["mention"]),
                       "last": record["last"],
                       **{key: compile_pattern(record[key]) for key in ("source", "inspection", "problem", "hollow", "substance")}},
            "own_part": (frozenset(own["elements"]), {t: compile_pattern(p) for t, p in own["templates"].items()},
                         _others_unsaid(tuple(map(_mask, own["others"] + own["stock"]))),
                         (compile_pattern(own["personal"]["title"]), compile_pattern(own["personal"]["pattern"])))}


def _branchs_duty(element, template, author) -> bool:
    """The element is a 党委（党组）书记's by the regulation its type cites, and the author is the
    secretary of a branch only (``branch_secretary``): at most a 请核实."""
    data = _coverage()["branch_secretary"]
    if element.id not in data["elements"] or template.id not in data["templates"] or "secretary" not in author.kinds:
        return False
    posts = [post for post in author.posts if data["branch"].search(post) or data["committee"].search(post)]
    return bool(posts) and not any(data["committee"].search(post) for post in posts)


def _untitled(doc: Document, marked: str) -> str:
    """The text (its note markers masked) without its title."""
    if doc.title_index is None:
        return marked
    start = doc.line_starts[doc.title_index]
    return _without(marked, [(start, start + len(doc.lines[doc.title_index]))])


def _only_raised(element, template, author) -> bool:
    """The element is asked of this author in this type only where the report raises it
    (``raised_only``: a 乡科级 班子副职's 一岗双责 in a 德能勤绩廉 report, a 副职's 述责 in a 四述)."""
    return template is not None and any(
        template.id in templates and element.id in elements and not author.kinds & unless
        and (rank is None or author.level is None or author.level < rank)
        for templates, elements, unless, rank in _coverage()["raised_only"])


def _raised(doc: Document, ctx: Context, demands: list, text: str, year: int | None) -> list:
    """(element, "check") for each element asked only when asked (上年度述职评议问题整改) that the
    title and the unit did not ask but the report raises (a place that tells of it: a heading,
    a sentence naming last year's 评议) — once raised, it must be told with substance."""
    if ctx.template is None:
        return []
    record = _coverage()["record"]
    asked = {element.id for element, _ in demands}
    wanted = [e for e in ctx.template.elements if e.id in record["elements"] and e.id not in asked]
    return [(e, "check") for e in wanted if _record_places(doc, text, year, opening=True)]


def _record_places(doc: Document, text: str, year: int | None, opening: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each place that tells of last year's 评议 problems (``record``; ``text``:
    the document's, its note markers masked): a section headed for it (its heading with it), a
    heading run into its paragraph, a sentence that names last year's 评议 (given ``opening``,
    only as its paragraph's first: a clause in passing, …上年度述职评议反馈的4个问题全部整改销号, does
    not set out to report it) — each of the last two with the items under it, to the next
    numbered line."""
    from shuzhi.templates import element_library

    record, parts = _coverage()["record"], element_library()["parts"]
    heading = compile_pattern(record["heading"])
    spans = [(doc.text.rfind("\n", 0, max(start - 1, 0)) + 1, end) for start, end in
             _part_spans(doc, record["heading"], unless=parts["plans"] + "|" + parts["shortcomings"])]
    spans += [(head, _item_end(doc, end)) for head, start, end in _run_in_heads(doc) if heading.search(doc.text, head, start)]
    last = compile_pattern(record["last"].replace("LAST", str(year - 1) if year else "(?!)"))
    title = doc.line_starts[doc.title_index] + len(doc.lines[doc.title_index]) if doc.title_index is not None else 0
    for m in record["mention"].finditer(text, title):
        if not last.search(text[max(title, m.start() - _LAST_REACH):m.start()]):
            continue
        start = max(text.rfind("\n", 0, m.start()), text.rfind("。", 0, m.start())) + 1
        if not opening or text[start - 1:start] in ("", "\n"):
            spans.append((start, _item_end(doc, m.end())))
    return spans


_LAST_REACH = 22  # characters before a 评议 in which its year is looked for (上一年度 and 16 between)


def _item_end(doc: Document, offset: int) -> int:
    """Where the paragraph at ``offset`` ends with the lines that go on from it (一是…, 第一点…): at
    the next heading or numbered line of a heading's level."""
    index = bisect.bisect_right(doc.line_starts, offset) - 1
    for later in range(index + 1, len(doc.lines)):
        found = doc.numbered.get(later)
        if found is not None and found.level is not None:
            return doc.line_starts[later] - 1
    return len(doc.text)


def _recorded(text: str, places: list[tuple[int, int]]) -> bool:
    """One of ``places`` (in ``text``, the plans masked) tells last year's 评议 problems put right:
    its source named, a problem named, and what was done left once the formula's clauses and
    those relaying the 评议 are masked (``record``)."""
    record = _coverage()["record"]
    for start, end in places:
        place = text[start:end]
        body = place[place.find("\n") + 1:] if "\n" in place.rstrip("\n") else place
        if record["inspection"].search(body) and not record["source"].search(body):
            continue  # a 巡察's or an audit's feedback, under whatever heading
        if record["source"].search(place) and record["problem"].search(place):
            done = _without(place, _clauses(place, record["hollow"], "，。；：\n"))
            if record["substance"].search(done):
                return True
    return False


def _hollow(data: dict) -> tuple[frozenset[str], re.Pattern[str], Callable[[str], str]]:
    """(element ids, substance, the text without what is relayed and the slogans' clauses)."""
    patterns, words = tuple(map(_mask, data["patterns"])), compile_pattern(data["clauses"])

    def unsaid(text: str) -> str:
        text = _masked(text, patterns)
        return _without(text, _clauses(text, words, "，。；\n"))

    return frozenset(data["elements"]), compile_pattern(data["substance"]), unsaid


def _clauses(text: str, words: re.Pattern[str], marks: str, unless: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each clause, between two of ``marks``, that ``words`` finds in (and
    ``unless`` does not): found by its words, not by one pattern over the clause, which re would
    try from every character."""
    spans = []
    for m in words.finditer(text):
        start = max(text.rfind(mark, 0, m.start()) for mark in marks) + 1
        ends = [k for k in (text.find(mark, m.end()) for mark in marks) if k != -1]
        end = min(ends, default=len(text))
        if unless is None or unless.search(text, start, end) is None:
            spans.append((start, end))
    return spans


def _paragraph_masks(entries: list[dict]) -> dict[str, tuple[Mask, ...]]:
    """element id → (pattern, unless) of the paragraphs masked for it (``paragraphs``)."""
    out: dict[str, tuple[Mask, ...]] = {}
    for entry in entries:
        mask = (compile_pattern(entry["pattern"]), compile_pattern(entry["unless"]))
        for element_id in entry["elements"]:
            out[element_id] = out.get(element_id, ()) + (mask,)
    return out


def _without_paragraphs(text: str, element_id: str) -> str:
    """``text`` without each paragraph (line) that a ``paragraphs`` entry of the element finds in
    and its ``unless`` does not (网络安全等级保护测评、防火墙 with no word of content: not 意识形态)."""
    spans = []
    for pattern, unless in _coverage()["paragraphs"].get(element_id, ()):
        for m in pattern.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end == -1 else end
            if unless.search(text, start, end) is None:
                spans.append((start, end))
    return _without(text, spans) if spans else text


def _left_out_of_scheme(doc: Document, parts: dict[str, str]) -> set[str]:
    """The element ids of the parts a report written under a scheme (德能勤绩廉, 述学述职述廉述法)
    leaves out — or fills with what is not the author's: a 述法 section that only lists the
    unit's figures (执法案卷评查优秀率：93.5%) or what the 局党组 did says nothing of him, a 廉
    section that only tells of his wife's shop and his staff's conduct none of his own."""
    out: set[str] = set()
    headings = [section.heading for section in doc.sections if section.level == 1]
    for pattern, least, required, own in _coverage()["schemes"]:
        found = {m.group(1) or m.group(2) for heading in headings for m in pattern.finditer(heading)}
        if len(found) >= least:
            out |= {element for part, ids in required.items()
                    if not any(_his_part(doc.text[start:end], part in own)
                               for start, end in _part_spans(doc, parts[part]))
                    for element in ids}
    return out


def _his_part(body: str, of_him: bool) -> bool:
    """A scheme's part says something that is not only of others' conduct (``kin``: his wife's,
    his children's, his staff's; a body's or the whole unit's) — and, given ``of_him``, something
    of the author."""
    words, unless, bodies = _coverage()["kin"]
    # (a line end before it: a body's clause opens a line, the section's first)
    left = _masked("\n" + _without(body, _clauses(body, words, "。；\n", unless)), (bodies,))
    return _AUTHOR.search(left) is not None if of_him else _CONTENT.search(left) is not None


_CONTENT = compile_pattern("[\u4e00-\u9fff]")


# the author in a part written of him, said or implied (严格执行…, 坚持学法 have him as subject)
_AUTHOR = compile_pattern("我(?![们局校院县区市镇乡村馆厂])|本人|自己|亲自|带头|自觉|坚持|严格|始终|认真|主动|积极")


# a heading of the year's work: a section headed for it and for the problems or plans too holds both
_WORK = "情况|成效|成绩|履职|做法|开展|完成"

# a sentence that says what the author will do (下一步，我将…; 新的一年，…), after its start mark
_PLAN_SENTENCE = r"[。\n](?:下一步|下步|下一阶段|今后|明年|来年|新的一年|接下来)[^。\n]*"


def _without(text: str, aside: list[tuple[int, int]]) -> str:
    """``text`` without what the author will do or admits (``aside``: the 下一步打算 and 存在的问题
    sections and the sentences that open 下一步…): a plan to keep the 八项规定 or to report 个人有关
    事项 is not the account of having done it, nor is 学习抓得不紧 one of study. (Any spans: blanked,
    same length, in one pass.)"""
    if not aside:
        return text
    pieces, done = [], 0
    for begin, end in sorted(aside):
        start = max(begin, done)  # (spans may overlap)
        if end <= start:
            continue
        pieces += [text[done:start], " " * (end - start)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _plans_under_problems(doc: Document, text: str, parts: dict[str, str]) -> list[tuple[int, int]]:
    """(start, end) of the plans in each section headed for the problems and the plans both
    (存在的不足和下一步打算): from the first sentence that opens what the author will do (2023年，我将
    重点抓好以下工作：…; 下一步，…) to the section's end — the problems come first, the plans after
    them, and a plan is no problem of his."""
    problems, plans = compile_pattern(parts["shortcomings"]), compile_pattern(parts["plans"])
    out = []
    for start, end in _part_spans(doc, parts["shortcomings"]):
        heading = doc.text[doc.text.rfind("\n", 0, max(start - 1, 0)) + 1:start]
        if not (problems.search(heading) and plans.search(heading)):
            continue
        m = _PLANS_OPEN.search(text, start - 1 if start else 0, end)
        if m is not None:
            out.append((m.start() + 1, end))
    return out


# a sentence that opens what the author will do, after its start mark: 下一步，…; 2023年，我将…;
# an item that opens with it (一是要进一步加强理论学习…)
_PLANS_OPEN = compile_pattern(r"[。\n](?:(?:下一步|下步|下一阶段|今后|明年|来年|新的一年|接下来|(?:19|20)[0-9]{2}年|[二〇][〇零一二三四五六七八九]{3}年)"
                         r"[^。\n]{0,12}(?:将|要|计划|打算|力争)|[一二三四五六七八九十]是(?:要|将|计划|力争|继续))")


def _stances_of_preamble(doc: Document, text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the opening paragraph, before the first heading, that only
    states a stance (一年来，我始终坚持民主集中制，自觉维护班子团结…): the 导语's slogan, not an
    account of what the author did — the sections below tell that."""
    sections = doc.sections
    if not sections or sections[0].level or not any(s.level == 1 for s in sections):
        return []
    stance = _coverage()["stance"]
    return [m.span() for m in stance.finditer(text, sections[0].start, sections[0].end)]


def _other_years(text: str, year: int | None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, from its time on, that tells what was done in a year before
    the report's (2022年提任时，我已按规定如实报告了个人有关事项; 两年前…): no account of this year's
    — but 2023年度个人有关事项 is the matter's year, and 2021年以来 reaches this year."""
    data = _coverage()["other_years"]
    spans = []
    for pattern in _times_before(year):
        for m in pattern.finditer(text):
            start = min((k for k in m.regs[1:] if k[0] != -1), default=m.span())[0]  # (the group that took part)
            if not data["lead"].search("\n" + text[max(0, start - _LEAD):start]):  # not at a clause's start
                continue
            ends = [k for k in (text.find(mark, m.end()) for mark in "。；\n") if k != -1]
            spans.append((start, min(ends, default=len(text))))
    return spans


@cache
def _times_before(year: int | None) -> tuple[re.Pattern[str], ...]:
    """``other_years``' times for a report of ``year``: PAST the years before it (2024: 19xx,
    200x, 201x, 2020–2023, four digits each), so that re finds only those; none when the year is
    not known."""
    past = ["19[0-9]{2}"]
    if year is not None and 2000 <= year < 2100:
        tens, units = year // 10 % 10, year % 10
        past += [f"20[0-{tens - 1}][0-9]"] if tens else []
        past += [f"20{tens}[0-{units - 1}]"] if units else []
    elif year is None:
        past = ["(?!)...."]  # (the lookbehind's width stays four)
    return tuple(compile_pattern(time.replace("PAST", "|".join(past))) for time in _coverage()["other_years"]["times"])


_LEAD = 6  # characters: the longest lead between a clause's start and its time (三是，本人)


def _mask(entry: str | dict) -> Mask:
    """(pattern, unless) for ``{pattern: …, unless: …}``: a match that ``unless`` finds in, from
    its clause's start, stays (局党组严格执行民主集中制… is the body's, unless the author says
    what he did there); (pattern, None) for a plain pattern."""
    if isinstance(entry, dict):
        return compile_pattern(entry["pattern"]), compile_pattern(entry["unless"])
    return compile_pattern(entry), None


def _masked_by(groups: tuple[int, ...], done: dict[tuple, str]) -> str:
    """The text masked by each group of patterns (``groups``: their indexes) in turn; ``done``
    holds the text masked by every prefix computed so far (``()``: the text itself)."""
    if groups not in done:
        done[groups] = _masked(_masked_by(groups[:-1], done), _coverage()["groups"][groups[-1]])
    return done[groups]


def _masked(text: str, patterns) -> str:
    """``text`` with every match of each pattern blanked (same length: offsets stay valid). Each
    pattern on its own: re finds a pattern's first characters fast, not an alternation's."""
    for mask, unless in patterns:
        if unless is not None:
            text = mask.sub(lambda m, unless=unless: m.group() if _said(m, unless) else " " * len(m.group()), text)
        else:
            text = mask.sub(lambda m: " " * len(m.group()), text)
    return text


def _said(match: re.Match[str], unless: re.Pattern[str]) -> bool:
    """``unless`` found between the start of the match's clause and its end."""
    text = match.string
    start = max(text.rfind(mark, 0, match.start()) for mark in "，。；\n") + 1
    return unless.search(text, start, match.end()) is not None


def _own_text(doc: Document, text: str, year: int | None) -> str:
    """The author's own account: without note markers, the title (which names the type, not
    content), the sentence framing the report, others' words it quotes and the notice it answers.
    ``text`` is the document's text with its note markers masked; ``year`` the report's."""
    # the title, and a heading whose section says nothing of the author: it names what the
    # section should say (（一）履行第一责任人职责情况 over 林场党支部严格落实…), not what he did
    lines = [index for index in [doc.title_index, *_voiceless_headings(doc)] if index is not None]
    spans = [(doc.line_starts[index], doc.line_starts[index] + len(doc.lines[index])) for index in lines]
    text = _without(text, spans)
    spans = []
    for pattern in _coverage()["frame"]:
        for m in pattern.finditer(text):
            start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            ends = [k for k in (text.find("。", m.end()), text.find("\n", m.end())) if k != -1]
            spans.append((start, min(ends, default=len(text))))
    text = _masked(_without(text, spans), _coverage()["unsaid"])
    return _without(text, _unsaid_run_in_heads(doc, text, year))


def _own_covered(element, doc: Document, ctx: Context, parts: dict[str, str], masked: dict) -> bool:
    """The element is covered by the author's own account: its signals in the text without its
    masks (``masked``: the texts masked so far, from the text with or without the plans)."""
    base = masked["text" if element.where == "plans" else "problems" if element.where == "shortcomings" else
                  "work" if element.id in _coverage()["other_years"]["exempt"] else "year"]
    # (what is said of the author, before the element's masks: the problems without the plans after them)
    unmasked = masked["problems" if element.where == "shortcomings" else "text"][()]
    groups = _coverage()["masks"].get(element.id, ())
    part = parts.get(element.where)
    own = _own_part(element, ctx.template, doc.title)
    if own is not None and element.id in _coverage()["hollow"][0] and not (part and _part_spans(doc, part)):
        own = None  # (substance is asked of a section: a plan said in a sentence is one)
    if element.covered_by_heading and part:
        if _covered_by_sections(doc, base[()], part, own, unmasked):
            return True
    elif own is None and _covered_in_lines(element, doc, base[()], groups, part):
        return True
    # (no mask reaches over a line end: the whole text masked once serves every section)
    searched = _without_paragraphs(_masked_by(groups, base), element.id)
    if groups:
        searched = _without_hollow_heads(doc, searched, base[()])
    if own is None:
        return _covered(element, doc, searched, part)
    # in a person's report, what is said of others is not the author's (nor a slogan a plan)
    pattern, unsaid = own
    return _covered(element, doc, unsaid(searched), part, pattern, unsaid(unmasked))


def _covered_by_sections(doc: Document, text: str, part: str, own: Own | None, unmasked: str) -> bool:
    """A quick yes for an element a section of its part covers by itself: a section with a
    sentence's end in it (no mask blanks a 。, so it is not blank once masked) that says
    something of the author (``own``: what it must say, after what masks: in its own lines)."""
    spans = _part_spans(doc, part)
    if not any("。" in text[start:end] for start, end in spans):
        return False
    if own is None:
        return True
    pattern, unsaid = own
    return any(pattern.search(unsaid(unmasked[start:end])) for start, end in spans)


def _covered_in_lines(element, doc: Document, text: str, groups: tuple, part: str | None) -> bool:
    """A quick yes: a signal found in ``text`` (in the part's sections, if it has any) stays in
    its lines masked by ``groups`` — masks do not reach over a line end, so those lines are as
    they are in the whole text masked. Masking the few lines a signal is on, not the whole
    text, is what makes the rule fast; a no here is checked on the whole text."""
    windows = _part_spans(doc, part) if part else []
    tries = 0
    for start, end in windows or [(0, len(text))]:
        window = text[start:end]
        for signal in element.patterns:
            match = signal.search(window)
            if match is None:
                continue
            if not groups and element.id not in _coverage()["paragraphs"]:
                return True
            first = window.rfind("\n", 0, match.start()) + 1
            last = window.find("\n", max(match.end() - 1, match.start()))
            # (with the line end before them: a mask may open at a line's start, (?<=[。；\n])…)
            line = "\n" + window[first:last if last != -1 else len(window)]
            lines = _without_hollow_heads(doc, _masked_by(groups, {(): line}), line, start + first - 1)
            if element.found_in(_without_paragraphs(lines, element.id)):
                return True
            tries += 1
            if tries == 3:  # a signal masked thrice: the whole text decides
                return False
    return False


# (我们 too: a branch secretary writes of his branch so, himself among them)
_VOICE = compile_pattern("我(?![局校院县区市镇乡村馆厂])|本人|自己|亲自")


def _voiceless_sections(doc: Document) -> list[tuple[Section, int]]:
    """Each section (a level-1 one with its subsections) with no word of the author's own
    (我, 本人, 自己, 亲自), and where it ends."""
    sections = doc.sections
    out = []
    for i, section in enumerate(sections):
        if not section.level:
            continue
        end = section.end
        for later in sections[i + 1:] if section.level == 1 else ():
            if later.level == 1:
                break
            end = later.end
        if not _VOICE.search(doc.text, section.start, end):
            out.append((section, end))
    return out


def _voiceless_headings(doc: Document) -> list[int]:
    """0-based lines of the headings whose section has no word of the author's own."""
    return [section.line - 1 - doc.line_offset for section, _ in _voiceless_sections(doc)]


def _bodys_sections(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each section (a level-1 one with its subsections) that has no word of the
    author's own and opens with a body as its subject (县政府党组坚持…; 镇党委严格落实意识形态工作
    责任制，年初印发…): prose drops the subject, so its clauses without one go on with the body's —
    the section is the body's account, not the author's."""
    opening = _coverage()["body_section"]
    out = [(section.start, end) for section, end in _voiceless_sections(doc)
           if opening.match(doc.text[section.start:end].lstrip())]
    # (and a paragraph under a heading run into it: （四）抓意识形态工作。镇党委牢牢掌握…)
    for head, start, end in _run_in_heads(doc):
        body = doc.text[start:end]
        if _VOICE.search(body) is None and opening.match(body.lstrip()):
            out.append((head, end))
    return out


def _without_hollow_heads(doc: Document, masked: str, before: str, offset: int = 0) -> str:
    """``masked`` (the text, or a piece of it from ``offset``, masked for an element; ``before``:
    the same before the element's masks) without each heading run into its paragraph whose
    paragraph the masks left mostly blank: （四）个人有关事项报告。局党组严格执行…制度，我作为分管人事
    工作的班子成员，年初组织全局干部按时填报… names the element over others' reports, not his own."""
    spans = []
    for head, start, end in _run_in_heads(doc):
        if start < offset or end > offset + len(masked) or _covering_parts().search(doc.text, head, start):
            continue
        left = len(masked[start - offset:end - offset].replace(" ", ""))
        said = len(before[start - offset:end - offset].replace(" ", ""))
        if said and 2 * left < said:
            spans.append((head - offset, start - offset))
    return _without(masked, spans) if spans else masked


def _run_in_heads(doc: Document) -> list[tuple[int, int, int]]:
    """(heading start, paragraph start, paragraph end) of each heading run into its paragraph
    (（三）个人有关事项。学校党委组织部…): a short first sentence with no comma, on a numbered line."""
    key = "missing-element run-in heads"
    if key not in doc.cache:
        out = []
        for index, found in doc.numbered.items():
            if found.level is None:  # (一是…, ①…: items of a list, not headings)
                continue
            end_mark = _HEAD_END.search(found.body, 0, _RUN_IN_HEAD)
            if end_mark is None or "，" in found.body[:end_mark.end()]:
                continue
            start = doc.line_starts[index] + found.end + end_mark.end()
            out.append((doc.line_starts[index] + found.start, start, doc.line_starts[index] + len(doc.lines[index])))
        doc.cache[key] = out
    return doc.cache[key]


def _unsaid_run_in_heads(doc: Document, text: str, year: int | None) -> list[tuple[int, int]]:
    """(start, end) of each heading run into its paragraph ("（三）个人有关事项。学校党委组织部年初下发
    通知，要求全体处级干部…如实报告…") whose paragraph is mostly not the author's account (``text``:
    the own text so far, others' words and the notice masked; what he did in another year, too)
    and has no word of him: it names what the paragraph should say, not what he did. A subjectless
    paragraph of his own (（二）个人有关事项。年初按时填报…) keeps its heading, and so does one of
    the plans or the problems (a paragraph under it is theirs, as a section under a heading)."""
    out = []
    for head_start, start, end in _run_in_heads(doc):
        head = doc.text[head_start:start]
        left, written = text[start:end], doc.text[start:end]
        timed = _TIME_HINT.search(left) is not None
        if left == written and not timed:  # (nothing of it masked, no other year: his own account)
            continue
        if _VOICE.search(left):
            if not timed:
                continue
            left = _without(left, _other_years(left, year))  # (not 2022年提任时，我已…)
            if _VOICE.search(left):
                continue
        said = len(written.replace(" ", ""))
        if not said or 2 * len(left.replace(" ", "")) >= said or _covering_parts().search(head):  # (half his own)
            continue
        out.append((head_start, start))
    return out


@cache
def _covering_parts() -> re.Pattern[str]:
    """The headings of the parts whose section covers its element by itself: the plans, the problems."""
    from shuzhi.templates import element_library

    parts = element_library()["parts"]
    return compile_pattern(parts["plans"] + "|" + parts["shortcomings"])


# what every form of ``other_years``' time has (a year, 去年, 两年前, 提任 …): looked for first
_TIME_HINT = compile_pattern("[0-9]年|[去前]年|上一年|年多?前|提任|提拔|任职|到任|调任|履新")
_HEAD_END = compile_pattern("[。！？；：!?;:]")  # a run-in heading's end (text.headings.HEAD_ENDS)
_RUN_IN_HEAD = 24  # characters: a longer first sentence is the paragraph's own


def _own_part(element, template, title: str) -> Own | None:
    """What a section of the element's part must say to cover it by its heading, and what is
    masked first (``own_part`` in coverage.yaml: of the author, others' words masked, for this
    template — or for a person's own summary of a type that reports a unit's, 2020年个人工作总结;
    ``hollow``: something of substance, what is relayed or a slogan masked); None: any non-empty
    section does."""
    if template is None:
        return None
    hollow = _coverage()["hollow"]
    if element.id in hollow[0]:
        return hollow[1], hollow[2]
    elements, templates, others, (personal, of_person) = _coverage()["own_part"]
    if element.id not in elements:
        return None
    if template.id in templates:
        return templates[template.id], others
    return (of_person, others) if personal.search(title) else None


def _others_unsaid(patterns: tuple[Mask, ...]) -> Callable[[str], str]:
    return lambda text: _masked(text, patterns)


def _covered(element, doc: Document, text: str, part: str | None, own: re.Pattern[str] | None = None,
             unmasked: str = "") -> bool:
    """Signals in the element's part when the report has a section of it (a non-empty such
    section covers it by itself if ``covered_by_heading`` — and, given ``own``, if it says
    something of the author in ``unmasked``, the text before the element's masks); else signals
    anywhere — given ``own``, in a sentence that says something of the author (村里基础设施仍有
    短板 in the work part is not his 不足)."""
    spans = _part_spans(doc, part) if part else []
    if not spans:
        found = element.found_in(text)
        if own is None or not found:
            return found
        return any(element.found_in(text[start:end]) for start, end in _sentences(text)
                   if own.search(unmasked, start, end))
    bodies = [text[start:end] for start, end in spans]
    if element.covered_by_heading and any(body.strip() for body in bodies):
        return own is None or any(own.search(unmasked, start, end) for start, end in spans)
    return any(element.found_in(body) for body in bodies)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, with its end mark: signals may look for it (不够到位。)."""
    return [m.span() for m in re.finditer(r"[^。！？\n]+[。！？]?", text)]


def _part_spans(doc: Document, part: str, unless: str | None = None) -> list[tuple[int, int]]:
    """(body start, end) of every section whose heading opens ``part`` (and not ``unless``); a
    level-1 section runs on over its subsections. (Kept with the document: every element of a
    part asks again.)"""
    key = ("missing-element parts", part, unless)
    if key not in doc.cache:
        doc.cache[key] = _spans_of(doc, part, unless)
    return list(doc.cache[key])


def _spans_of(doc: Document, part: str, unless: str | None) -> list[tuple[int, int]]:
    pattern = compile_pattern(part)
    other = compile_pattern(unless) if unless else None
    sections = doc.sections
    spans = []
    for i, section in enumerate(sections):
        if not section.level or not pattern.search(section.heading):
            continue
        if other is not None and other.search(section.heading):
            continue
        end = section.end
        if section.level == 1:
            for later in sections[i + 1:]:
                if later.level == 1:
                    break
                end = later.end
        spans.append((section.start, end))
    return spans


def _finding(element, severity: Severity, author, hidden: bool = False, record: bool = False):
    if record:
        message = (f"请核实：“{element.name}”未写明上年度评议指出的具体问题，以及本年度做了哪些整改、成效如何"
                   "（巡察、审计整改和下一步整改计划不能代替）")
    elif severity == "error":
        message = f"缺少必备内容：{element.name}"
        if author.source in ("facts", "text") and (element.roles or element.min_rank):
            message += f"（述职人为{author.describe()}）"
    elif hidden:
        message = (f"请核实：“{element.name}”只见于他人或单位的工作、引述、计划、导语表态或往年情况，"
                   "未见述职人本人在相应部分的表述")
    else:
        message = f"请核实：未见“{element.name}”方面的内容"
        if element.note:
            message += f"（{element.note}）"
    return make_document(sys.modules[__name__], element.name, message, severity=severity,
                         basis=element.basis, suggestion=f"补写“{element.name}”方面的内容")

