"""``stale-reference`` — dates, sessions, campaigns and bodies that do not fit the report year Y
(error/warning).

Y is ``--year`` (or the facts' year), else the year in the title, else the year the preamble
declares (现将2023年度……报告如下). Sub-kinds:

* 年份矛盾 (error): the title's, the preamble's or a section heading's year differs from Y;
  下一年的打算 headed with a year other than Y+1; a 落款 date before Y. Y+1 is normal: the date of
  writing and next year's plans.
* 超前年份 (warning): a year after Y+1; planning horizons (2030/2035/2049/2050/2060) and 到/至
  ranges are not flagged.
* 会议过时 (error): a session of an earlier term (十九大, 十九届X中全会, 十九届中央纪委X次全会)
  cited as current study content (学习/贯彻…, or …精神) once the next congress has met before Y;
  "即将召开的/喜迎二十大" after the congress; a session held after Y+1 January (anachronism).
  Historical mentions (十九届六中全会通过的决议, 十九大以来) are not flagged.
* 最新全会缺失 (warning): the text lists plenums (或中央纪委全会) as study content but not the
  latest one held by the end of Y.
* 学习教育/规划/旧表述 (warning): a campaign of another year as "开展…" (巩固/常态长效… are
  current wording), a five-year plan's 开局/收官 in the wrong year (以“十四五”开局为契机 in 2026) or
  a finished plan as current, outdated goals (决胜全面建成小康社会…).
* 机构已撤并 (warning; error for central bodies): a body that no longer exists in Y named as one
  that does (国税局/地税局 after the 2018 merger), not history (原地税局, 国税地税合并).
* 周年 (error): 建党/新中国成立/改革开放 X周年 off by more than one year from Y.

Data: ``checker/data/sessions.yaml`` (sessions, campaigns, plans, anniversaries, goals) and
``checker/data/bodies.yaml``; every finding names the public document it rests on. One module
per kind: ``years``, ``sessions``, ``dated`` (campaigns, plans, outdated formulations,
anniversaries), ``bodies``; ``common`` holds what they share.
"""

from __future__ import annotations

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context
from shuzhi.checker.rules.stale_reference import bodies, dated, sessions, years
from shuzhi.checker.rules.stale_reference.common import BASIS, DOCUMENT_LEVEL, ID, SEVERITY

__all__ = ["BASIS", "DOCUMENT_LEVEL", "ID", "SEVERITY", "check"]


def check(doc: Document, ctx: Context):
    year = ctx.year or doc.year or years.declared_year(doc)
    if year is None:
        return
    spans: list[tuple[int, int]] = []
    # one finding per place, the longest: 常态化疫情防控 is not also 疫情防控
    for finding in sorted(_all(doc, ctx, year), key=lambda f: ((f.offset or 0), -len(f.text))):
        start = finding.offset or 0
        end = start + len(finding.text)
        if any(start < e and s < end for s, e in spans):
            continue
        spans.append((start, end))
        yield finding


def _all(doc: Document, ctx: Context, year: int):
    yield from years.report_years(doc, ctx, year)
    yield from years.future_years(doc, year)
    yield from sessions.sessions(doc, year)
    yield from dated.campaigns_and_formulations(doc, year)
    yield from dated.plans(doc, year)
    yield from bodies.bodies(doc, year)
    yield from dated.anniversaries(doc, year)
    yield from dated.epithets(doc, year)
