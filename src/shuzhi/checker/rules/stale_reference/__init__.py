"""``stale-reference`` — dates, sessions, campaigns and bodies that do not fit the report year Y
(error/warning).

Y is ``--year`` (or the facts' year), else the year in the title, else the year the preamble
declares (现将2023年度……报告如下). Sub-kinds:

* 年份矛盾 (error): the title's, the 导语's (its first lines, 现将/下面我就……报告如下) or a section
  heading's year differs from Y (2023 or 二〇二三); 下一年的打算 headed with a year other than Y+1; a 落款 date before
  Y; 今年（2023年）/去年（2022年） that contradict Y; in the plans' section, 2024年，我将…… of a
  2024 report (a warning). Warnings (请核实): 2023年是…… opening a 2024
  report, a heading of Y+1 that is not the plans, a body sentence opening with Y-1 told as this
  year's work, Y compared with itself (较2024年增长 in 2024). Y+1 is normal: the date of writing
  and next year's plans. An opening 2023年以来 (not a tenure) where the 导语 says 一年来 is an error.
* 超前年份 (warning): a year after Y+1; planning horizons (2030/2035/2049/2050/2060) and 到/至
  ranges are not flagged.
* 会议过时 (error): a session of an earlier term cited as current study content (学习/贯彻…, or
  …精神) once the next congress has met before Y — in every form authors write it (十九届六中全会,
  第十九届中央委员会第六次全体会议, 十九届中央纪委五次全会, 中央纪委十九届五次全会, 十九届中纪委第五次
  全体会议; 六中全会 / 中央纪委三次全会 without the term are read as the latest of that number, a
  warning); "即将召开的/喜迎二十大" or 即将召开的 plenum after it was held; a session held after Y+1
  January (anachronism); 全国人大/全国政协 sessions (one a year) of another year, and yearly meetings
  or documents named with an earlier year (学习贯彻2023年全国两会精神 in 2025; 中央一号文件,
  政府工作报告; 中央经济/农村工作会议 a year later) (warning).
  A session said to have met 今年/去年 when it met in another year (今年7月召开的二十届三中全会 in 2025)
  is an error. Historical mentions (十九届六中全会通过的决议, 十九大以来, 十一届三中全会) are not flagged.
* 最新全会缺失 (warning): the text lists plenums (或中央纪委全会) as study content but not the
  latest one held by the end of Y; the congress held in Y not named where its predecessor is. A
  whole year behind (a plenum before Y; last January's 中央纪委全会, each January's deploying the
  year) is an error where it is studied as …精神.
* 学习教育/专项工作/旧表述: a campaign, 教育整顿 or national survey of other years written as this
  year's work — an error where the sentence says it is done now (开展…, 今年…, …扎实开展, a section of
  its own), a warning where it may tell what it brought (通过…, 以…为契机, 在…中); 巩固/常态长效/…成果/
  …以来/…基础上 are current wording or history; (warning) outdated goals, slogans and measures as current (决胜全面建成小康社会 is an
  error; 脱贫攻坚, 贫困户, 扫黑除恶专项斗争, 疫情防控/核酸/健康码 from 2023, 系列重要讲话精神 …),
  and the campaigns' own slogans (学党史、悟思想、办实事、开新局 after 2021), a yearly action named
  with an earlier year (开展“净网2023”专项行动 in 2024), unless the sentence
  tells the past; formulations of later years in earlier reports (两个确立 before 2021,
  习近平法治思想 before 2020).
* 规划: a five-year plan's 开局/收官 or Nth year in the wrong year (以“十四五”开局为契机 in 2026; an
  error where the text says the year: 今年是“十四五”规划实施的第二年 in 2023), a finished plan as
  current (an error), a plan compiled (编制) years late; a document of a stated period applied
  after it (落实《乡村振兴战略规划（2018—2022年）》 in 2024) (warnings).
* 机构已撤并 (error; a warning for local bodies not merged alike everywhere): a body that no
  longer exists in Y named as one that does (国税局/地税局 after the 2018 merger; a local 局 also as the provincial 厅), not history
  (原地税局, 国税地税合并); 机构尚未组建: a body formed after the report was written (国家数据局 in
  a 2022 report).
* 法规/著作 (error; 新修订 a warning): a law, 党内法规 or book cited before it was passed or
  published (民法典 in 2019, 《习近平谈治国理政》第四卷 in 2021), 新修订的 before any revision, a
  revision later than its latest (2022年修订的《安全生产法》, a warning).
* 周年/之年 (error/warning): 建党/新中国成立/改革开放 X周年 off by more than one year from Y, off at
  all where the text says the year (今年是/恰逢…) or looks ahead (喜迎…), last year's celebrated as
  this year's work; 第N个 yearly day counted for another year (第八个全民国家安全教育日 in 2024, an
  error); a phrase naming one year said of another (全面贯彻党的二十大精神的开局之年; an error where
  the text says the year: 今年是…).

Data: ``checker/data/sessions.yaml`` (sessions, campaigns, plans, anniversaries, epithets,
outdated formulations) and ``checker/data/bodies.yaml``; every finding names the public document
it rests on. One module per kind: ``years``, ``sessions``, ``campaigns`` (campaigns and outdated
formulations), ``plans``, ``occasions`` (anniversaries and year epithets), ``bodies``, ``laws``
(laws and books); ``common``
holds what they share. Where two kinds find the same place, the longest finding stands.
"""

from __future__ import annotations

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context
from shuzhi.checker.rules.stale_reference import bodies, campaigns, laws, occasions, plans, sessions, years
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
    yield from campaigns.campaigns(doc, year)
    yield from campaigns.named_actions(doc, year)
    yield from campaigns.formulations(doc, year)
    yield from plans.plans(doc, year)
    yield from plans.periods(doc, year)
    yield from bodies.bodies(doc, year)
    yield from laws.laws(doc, year)
    yield from laws.books(doc, year)
    yield from occasions.anniversaries(doc, year)
    yield from occasions.days(doc, year)
    yield from occasions.epithets(doc, year)
