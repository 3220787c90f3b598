"""Update with a model: each section rewritten from last year's text and this year's facts.

The drafter gets, for every section with text, ``SectionRequest.previous_text`` = last year's
words (the structure and voice to follow) and ``UPDATE_INSTRUCTION``; this year's facts — with
上年问题 and last year's figures (``Figure.last``) — are the only source of content, as in every
prompt. The 上年问题整改 section, new or last year's, is requested like the others. Sections
run concurrently through the ordinary pipeline (which checks each one); a section the model
fails on keeps its offline text, so nothing is lost. The whole result is checked once more.
"""

from __future__ import annotations

from shuzhi.drafting.base import DraftCallback, Drafter
from shuzhi.facts import Facts
from shuzhi.templates import Template

UPDATE_INSTRUCTION = (
    "以上是上年度报告的这一部分，只作为结构和文风的参考：保留它的层次（一是、二是……）、句式和语气。"
    "内容只能来自“本年度事实”：事项、数字、日期、活动和荣誉都取自本年度事实，事实中没有的写“【待补充：缺失内容】”；"
    "不得保留上年的事例和数字，不再使用上年的会议、学习教育和提法（改为本年度的）。"
    "数字与上年比较（如“较上年增加4次”）只能用事实中该数字的本年数值（value）和上年数值（last）计算。"
    "如本部分是上年问题整改情况，逐条写出“上年问题”（previous_issues）及其整改情况（rectification），整改情况为空的写“【待补充：整改情况】”。"
)


async def rewrite(last_text: str, facts: Facts, drafter: Drafter, *, callback: DraftCallback | None = None,
                  concurrency: int | None = 4, base: Template | None = None, **options):
    """``options``: what ``draft_sections`` takes besides (retry, deadline)."""
    from shuzhi.drafting.pipeline import draft_sections
    from shuzhi.update import result_of
    from shuzhi.update.offline import compose, prepare

    prepared = prepare(last_text, facts, base)
    draft, carried = compose(prepared)
    offline = {s.id: s.text for s in draft.sections}
    previous = {s.id: s.text for s in prepared.last.sections}
    targets = []
    for section in draft.sections:
        # what the drafter rewrites: last year's words; for a new 上年问题 part, the offline one
        section.text = previous.get(section.id) or offline[section.id]
        if section.text:
            targets.append(section.id)
    await draft_sections(draft, prepared.template, drafter, callback, concurrency=concurrency,
                         only=targets, redo_done=True, instruction=UPDATE_INSTRUCTION, **options)
    for section in draft.sections:
        if section.status != "done" or not section.versions or section.versions[-1].source == "update":
            section.text = offline[section.id]  # failed, or not rewritten: the offline update stands
    offline_kept = {s.id for s in draft.sections if s.text == offline[s.id]}
    return result_of(prepared, draft, [c for c in carried if c.section_id in offline_kept])
