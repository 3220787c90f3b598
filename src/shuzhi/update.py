"""Update mode: this year's draft from last year's report and this year's facts.

Most people start from last year's report. This keeps its structure (sections, headings)
and its voice, and makes every place that still speaks of last year visible:

- offline (``update_report``): last year's sentences are kept section by section, last
  year's year becomes this year's, each figure is taken from the facts (matched by the
  words before it: "理论学习组集中学习**次" ← figure 理论学习组集中学习 = 12 次), and every
  number the facts do not contain becomes a visible 【待补充：…】;
- with a model (``update_with_drafter``): each section is rewritten by the drafter from last
  year's text (``SectionRequest.previous_text``) with an instruction to update it to this
  year's facts; a section the model fails on keeps its offline update.

Either way ``UpdateResult.flags`` lists every sentence that still carries last year's
content (a specific such as an earlier year, a named activity or a figure the facts do not
confirm — reason 上年内容) or a superseded reference (reason 过时提法: from the checker's
``stale-reference`` rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import yaml

from shuzhi.draft import Draft, line_at
from shuzhi.drafting.base import DraftCallback, Drafter
from shuzhi.drafting.offline import gap
from shuzhi.facts import Facts, Figure
from shuzhi.templates import Template
from shuzhi.text.numerals import canonical, numbers_in_data
from shuzhi.text.paragraphs import paragraphs
from shuzhi.text.sentences import sentences
from shuzhi.text.years import YEAR, YEAR_WORD, replace_year

Reason = Literal["上年内容", "过时提法"]
LAST_YEAR_CONTENT: Reason = "上年内容"
SUPERSEDED: Reason = "过时提法"

UPDATE_INSTRUCTION = (
    "以上是上年度报告的这一部分。请保留它的结构、层次（一是、二是……）和语气，按本年度事实逐句更新："
    "年份改为本年度，数字、日期、活动和事例只取自本年度事实，事实中没有的数字写“【待补充：缺失内容】”，"
    "不得沿用上年的数字；删去上年特有而本年度事实未提及的事例，不再使用已过时的会议和提法。"
)

_UNITS = ("人次|批次|万元|余次|余篇|余项|余人|余场|余名|余个|余册|余幅|余件|"
          "次|篇|人|名|项|场|个|册|幅|批|门|份|家|元|位|天|期|件|条|本|所|%|％")
# A figure: digits or a masked run (**, *+*), not a year, not "第4", with its unit if any.
_NUMBER = re.compile(rf"(?<![\d.第])((?:\d+(?:\.\d+)?)|[*＊]+(?:\+[*＊]+)*)(?![\d.])\s*({_UNITS})?")
_DATE = re.compile(r"(?:(?:\d{4}|[*＊]+)年)?(?:\d{1,2}|[*＊]+)月(?:(?:\d{1,2}|[*＊]+)日)?")
_CONTEXT_STOP = re.compile(r"[，。；：、“”‘’（）《》〈〉,;:！？!?]")
_LEAD_WORDS = re.compile(rf"^(?:{YEAR}年度?|共|各|达|近|约|等|累计|全年|共计|分别|先后|开展|组织|完成)+")
_TRAIL_WORDS = re.compile(r"(?:达到|达|为|约|近|共|各|累计|超过|了|的)+$")
_QUOTED = re.compile(r"“([^”]{5,40})”|《([^》]{2,40})》")
_GAP = re.compile(r"【待补充[：:][^】]*】")


@dataclass
class Flag:
    """A sentence of the updated draft that still needs the user's eye."""

    section_id: str
    heading: str
    sentence: str
    reason: Reason
    detail: str


@dataclass
class UpdateResult:
    draft: Draft
    flags: list[Flag]
    last_year: int
    previous: dict[str, str] = field(default_factory=dict)  # last year's text per section id


# --- figures ----------------------------------------------------------------------------------

def _facts_text(facts: Facts) -> str:
    return yaml.safe_dump(facts.to_data(), allow_unicode=True, width=10_000)


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _context(text: str, end: int) -> str:
    """The words just before a number, back to the last punctuation: its label."""
    before = _CONTEXT_STOP.split(text[:end])[-1].strip()
    label = _TRAIL_WORDS.sub("", _LEAD_WORDS.sub("", before))
    return label or before


_BREAK_WORDS = re.compile(r"(?:的|在|为|和|与|对|向|把|将|开展|组织|完成|提供|优化|维护|发表|推荐|引进|召开)")


def _short(label: str, limit: int = 12) -> str:
    """A long label cut after its last verb or particle: "信息咨询部为师生提供生僻文献资源"
    → "生僻文献资源"; never mid-word as a plain character cut would be."""
    if len(label) <= limit:
        return label
    cuts = [m.end() for m in _BREAK_WORDS.finditer(label) if len(label) - m.end() >= 2]
    return label[cuts[-1]:] if cuts else label


def _figure_for(context: str, figures: list[Figure]) -> Figure | None:
    """The figure named by the words just before a number: the name ending nearest to the
    number wins ("…集中学习会上作交流分享*次" is 交流分享, not 集中学习), then the section's
    own figures (listed first), then the longer name."""
    named = [(context.rfind(f.name) + len(f.name), -i, len(f.name), f)
             for i, f in enumerate(figures) if f.name and f.name in context]
    return max(named, key=lambda t: t[:3])[3] if named else None


class _Numbers:
    """Replace last year's figures in sentences with this year's, or with gaps."""

    def __init__(self, facts: Facts, own: list[Figure]):
        self.figures = own + [f for f in facts.all_figures() if f not in own]
        self.known = numbers_in_data(facts.to_data())  # what the checker accepts as supported
        self.facts_text = _facts_text(facts)
        self.gapped = False

    def dates(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            if match.group(0) in self.facts_text:
                return match.group(0)
            self.gapped = True
            return gap("日期")

        return _DATE.sub(replace, text)

    def numbers(self, text: str) -> str:
        out, last = [], 0
        for match in _NUMBER.finditer(text):
            if _inside_gap(text, match.start()) or text[match.end(1):match.end(1) + 1] == "年":
                continue
            out.append(text[last:match.start()])
            out.append(self._replace(text, match))
            last = match.end()
        return "".join(out) + text[last:]

    def _replace(self, text: str, match: re.Match[str]) -> str:
        value, unit = match.group(1), match.group(2) or ""
        label = _context(text, match.start())
        figure = _figure_for(label, self.figures)
        if figure is not None:
            if figure.filled:
                return figure.value_text() if figure.unit else f"{_plain(figure.value)}{unit}"
            self.gapped = True
            return gap(f"{figure.name}（{figure.unit or unit}）" if figure.unit or unit else figure.name)
        if value[0].isdigit() and canonical(value) in self.known:
            return match.group(0)
        self.gapped = True
        if not value[0].isdigit() and not unit:  # a masked name: **省, “**”先行军
            after = text[match.end():match.end() + 1]
            if after and after in "省市县区乡镇村":
                return gap("地名")
            if text[match.start() - 1:match.start()] == "“":
                return gap("名称")
        what = _short(label) or "数字"
        return gap(f"{what}（{unit}）" if unit and unit not in "%％" else f"{what}{unit and '（%）'}")


def _inside_gap(text: str, index: int) -> bool:
    opened = text.rfind("【", 0, index)
    return opened != -1 and text.find("】", opened) > index


# --- flags ------------------------------------------------------------------------------------

def _specifics(sentence: str, last_year_text: str, facts: Facts, facts_text: str) -> list[str]:
    """Things in a sentence that come from last year's report and not from this year's facts."""
    found = []
    for match in YEAR_WORD.finditer(sentence):
        if int(match.group(1)) < facts.year:
            found.append(f"提到{match.group(1)}年")
    for match in _QUOTED.finditer(sentence):
        name = match.group(1) or match.group(2)
        if name in last_year_text and name not in facts_text:
            found.append(f"“{name}”" if match.group(1) else f"《{name}》")
    return found


def _stale_findings(text: str, year: int) -> list[tuple[int | None, str, str]]:
    """(line, matched text, message) of superseded references, from the checker's
    ``stale-reference`` rule (its data is the one list of them)."""
    from shuzhi.checker import check_text

    return [(f.line, f.text, f.message) for f in check_text(text, year=year, rules=["stale-reference"])]


def flag_sentences(draft: Draft, last_year_text: str, gapped: set[tuple[str, str]] | None = None) -> list[Flag]:
    """Every sentence of ``draft`` that still carries last year's content or a superseded
    reference. ``gapped``: (section id, sentence) pairs whose figures were replaced by gaps."""
    facts_text = _facts_text(draft.facts)
    flags: list[Flag] = []
    lines = draft.lines()
    for line in (line for line in lines if line.kind == "paragraph"):
        section = line.section
        for sentence in sentences(line.text, clauses=True):
            details = _specifics(sentence, last_year_text, draft.facts, facts_text)
            if gapped and (section.id, sentence) in gapped:
                details.append("上年数字已改为【待补充】")
            if details:
                flags.append(Flag(section.id, section.heading_line, sentence.strip(),
                                  LAST_YEAR_CONTENT, "；".join(details)))
    for number, text, message in _stale_findings(draft.assemble(), draft.year):
        line = line_at(lines, number)
        if line is None or line.section is None:
            continue  # the title, or a finding on no line
        sentence = next((s for s in sentences(line.text, clauses=True) if text and text in s), line.text)
        flag = Flag(line.section.id, line.section.heading_line, sentence.strip(), SUPERSEDED, message)
        if flag not in flags:  # 十九届中纪委 twice in one sentence is one flag
            flags.append(flag)
    return flags


# --- the update ---------------------------------------------------------------------------------

def update_section_text(text: str, facts: Facts, own: list[Figure], last_year: int
                        ) -> tuple[str, list[str]]:
    """Last year's section text for this year: (text, sentences whose figures became gaps)."""
    numbers = _Numbers(facts, own)
    updated, gapped = [], []
    for paragraph in paragraphs(text):
        parts = []
        for sentence in sentences(paragraph, clauses=True):
            numbers.gapped = False
            new = numbers.numbers(numbers.dates(replace_year(sentence, last_year, facts.year)))
            if numbers.gapped:
                gapped.append(new)
            parts.append(new)
        updated.append("".join(parts))
    return "\n".join(updated), gapped


def update_report(last_text: str, facts: Facts, *, base: Template | None = None) -> UpdateResult:
    """This year's draft from last year's report, offline: structure and voice kept, figures
    from the facts, gaps where the facts are silent, every doubtful sentence flagged."""
    from shuzhi.house_template import assign_ids, closest_template
    from shuzhi.outline import report_to_draft, report_year

    draft = report_to_draft(last_text, facts)
    last_year = report_year(draft.title, last_text) or facts.year - 1
    base = base or _base_template(facts, draft.title, closest_template)
    assign_ids(draft, base)
    previous = {s.id: s.text for s in draft.sections}

    draft.title = replace_year(draft.title, last_year, facts.year)
    draft.year = facts.year
    draft.template = base.id if base else facts.template
    gapped: set[tuple[str, str]] = set()
    for section in draft.sections:
        section.heading = replace_year(section.heading, last_year, facts.year)
        if not section.text:
            continue
        text, flagged = update_section_text(section.text, facts, facts.section(section.id).figures, last_year)
        gapped |= {(section.id, s) for s in flagged}
        section.versions = []
        section.add_version(text, "update", instruction=f"由{last_year}年报告更新")
    flags = flag_sentences(draft, last_text, gapped)
    return UpdateResult(draft=draft, flags=flags, last_year=last_year, previous=previous)


def _base_template(facts: Facts, title: str, closest) -> Template | None:
    from shuzhi.templates import TemplateError, load_template

    try:
        return load_template(facts.template)
    except TemplateError:
        return closest(title)


async def update_with_drafter(last_text: str, facts: Facts, drafter: Drafter, *,
                              callback: DraftCallback | None = None, concurrency: int = 4,
                              base: Template | None = None) -> UpdateResult:
    """The model hook: each section rewritten by ``drafter`` from last year's text.

    The drafter receives ``SectionRequest.previous_text`` = last year's section and
    ``instruction`` = ``UPDATE_INSTRUCTION``. Sections are drafted concurrently by the
    ordinary pipeline; one that fails keeps its offline update (status "failed", with the
    reason) so nothing is lost. Flags are computed on the final text.
    """
    from shuzhi.drafting.pipeline import draft_sections
    from shuzhi.house_template import build_template, closest_template, template_data

    offline = update_report(last_text, facts, base=base)
    draft = offline.draft
    if len(draft.sections) < 2:
        return offline  # no headings: nothing to rewrite section by section
    base = base or _base_template(facts, draft.title, closest_template)
    template = build_template(template_data(draft, "update", base), base.prompts if base else {})
    updated = {s.id: s.text for s in draft.sections}
    for section in draft.sections:  # what the drafter rewrites: last year's words
        section.text = offline.previous.get(section.id, "")
    await draft_sections(draft, template, drafter, callback, concurrency=concurrency,
                         only=[s.id for s in draft.sections if s.text], instruction=UPDATE_INSTRUCTION)
    for section in draft.sections:
        if section.status != "done" or not section.versions or section.versions[-1].source == "update":
            section.text = updated[section.id]
    flags = flag_sentences(draft, last_text)
    return UpdateResult(draft=draft, flags=flags, last_year=offline.last_year, previous=offline.previous)


def update_report_with(last_text: str, facts: Facts, drafter: Drafter | None = None, **options) -> UpdateResult:
    """Synchronous entry for the CLI: offline without a drafter (or with the offline one)."""
    if drafter is None or drafter.name == "offline":
        return update_report(last_text, facts, base=options.get("base"))
    import asyncio

    return asyncio.run(update_with_drafter(last_text, facts, drafter, **options))
