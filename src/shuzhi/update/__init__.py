"""Update mode: this year's draft from last year's report and this year's facts.

Most cadres start from last year's report. Its structure and voice stay; its content does not:

- offline (``update_report``): the house template made from last year's report, filled by the
  offline drafter with this year's items and figures; each of last year's sentences replaced,
  kept (framing, references brought forward), marked 【上年内容，请核对：…】 or left out
  (``carry``); last year's 不足 read out as 上年问题 and answered (``issues``); last year's
  figures of the same name beside this year's (``figures``);
- with a model (``update_with_drafter``, ``model``): each section rewritten from last year's
  text as the style reference and this year's facts as the only content, the checker run on
  the result; a section the model fails on keeps its offline text.

``UpdateResult.flags`` (``review``) lists what still needs the user's eye, with line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shuzhi.draft import Draft
from shuzhi.facts import Facts
from shuzhi.templates import Template
from shuzhi.update.carry import Carried
from shuzhi.update.review import Flag, compare, flags, listing


@dataclass
class UpdateResult:
    draft: Draft
    template: Template  # the house template made from last year's report
    outline: list[dict[str, Any]]  # its sections, as a session stores an outline
    last_year: int
    previous: dict[str, str]  # last year's text per section id
    carried: list[Carried]
    flags: list[Flag] = field(default_factory=list)
    findings: list = field(default_factory=list)  # the checker's, on the result

    @property
    def still_in_draft(self) -> int:
        """How many sentences of the draft are still last year's (``review.compare``)."""
        return sum(change.still for change in compare(self.draft))


def result_of(prepared, draft: Draft, carried: list[Carried]) -> UpdateResult:
    from shuzhi.checker import check_text

    result = UpdateResult(draft, prepared.template, prepared.outline, prepared.last_year,
                          {s.id: s.text for s in prepared.last.sections}, carried)
    result.flags = flags(draft)
    result.findings = check_text(draft.assemble(), year=draft.year)
    return result


def update_report(last_text: str, facts: Facts, *, base: Template | None = None) -> UpdateResult:
    """This year's draft from last year's report, offline."""
    from shuzhi.update.offline import compose, prepare

    prepared = prepare(last_text, facts, base)
    draft, carried = compose(prepared)
    return result_of(prepared, draft, carried)


async def update_with_drafter(last_text: str, facts: Facts, drafter, *, callback=None, concurrency: int | None = 4,
                              base: Template | None = None, **options) -> UpdateResult:
    """Each section rewritten by ``drafter`` from last year's text and this year's facts;
    ``options`` go to ``draft_sections`` (retry, deadline)."""
    from shuzhi.update.model import rewrite

    return await rewrite(last_text, facts, drafter, callback=callback, concurrency=concurrency, base=base,
                         **options)


def update_report_with(last_text: str, facts: Facts, drafter=None, **options) -> UpdateResult:
    """Synchronous entry for the CLI: offline without a drafter (or with the offline one)."""
    if drafter is None or drafter.name == "offline":
        return update_report(last_text, facts, base=options.get("base"))
    import asyncio

    return asyncio.run(update_with_drafter(last_text, facts, drafter, **options))


__all__ = ["Flag", "UpdateResult", "compare", "flags", "listing", "update_report", "update_report_with", "update_with_drafter"]
