"""Update mode: last year's report + this year's facts → this year's draft, flags on what is old."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shuzhi import export
from shuzhi.drafting.base import Drafter, DraftingError, SectionRequest
from shuzhi.facts import Facts, load_facts
from shuzhi.outline import report_to_draft
from shuzhi.update import update_report, update_with_drafter
from shuzhi.update.model import UPDATE_INSTRUCTION

DATA = Path(__file__).parent / "data"


@pytest.fixture
def last_year(samples) -> str:
    return (samples / "report-2022.txt").read_text(encoding="utf-8")


@pytest.fixture
def facts() -> Facts:
    return load_facts(DATA / "facts-2023.yaml")


@pytest.fixture
def result(last_year, facts):
    return update_report(last_year, facts)


MARKED = re.compile(r"【上年内容，请核对：[^】]*】")


def test_the_issue_example_this_years_facts_in_last_years_out(result, last_year, facts):
    """The issue's case: last year's sample and a 2023 facts file whose content is all new."""
    old = report_to_draft(last_year)
    draft = result.draft
    assert result.last_year == 2022 and draft.year == 2023
    assert draft.title == "2023年述德述廉述职报告"
    headings = [s.heading for s in draft.sections]
    assert [s.heading for s in old.sections if s.level] == [h for h in headings[1:] if h != "上年问题整改情况"]
    text = MARKED.sub("", draft.assemble())
    for thing in [*facts.events, *facts.integrity, *facts.shortcomings, *facts.plans,
                  "深入学习党的二十大精神和二十届二中全会精神", "组织理论学习组集中学习12次",
                  "召开意识形态、基层党建、党风廉政专题会议", "交流分享3次", "支委会第一议题学习15次",
                  "全体党员集中学习10次", "【待补充：教职工集中政治理论学习（次）】", "专题会议4次"]:
        assert thing in text, thing
    assert draft.section("preamble").text.startswith("2023年，我坚持以习近平新时代中国特色社会主义思想为指导")
    for stale in ("十九届六中和七中全会精神", "十九届中央纪委六次全会精神", "十九届中纪委"):
        assert stale not in draft.assemble()  # brought forward, even inside a marker
    assert "2021年度先进基层党组织" not in text  # last year's honour: only inside a marker


def test_the_sample_gives_no_stale_error(result):
    from shuzhi.checker import check_text

    found = check_text(result.draft.assemble(), year=2023, rules=["stale-reference"])
    assert [f.text for f in found if f.severity == "error"] == []


def test_update_from_last_years_docx(last_year, facts, result, tmp_path):
    """Last year's report handed in as Word gives the same draft as its text."""
    path = tmp_path / "2022.docx"
    old = report_to_draft(last_year, facts)
    path.write_bytes(export.render(old, "docx"))
    from shuzhi.readers import read_report

    from_docx = update_report(read_report(path), facts)
    assert from_docx.draft.assemble() == result.draft.assemble()


def test_a_report_without_headings_is_one_clear_line(shuzhi_proc, tmp_path):
    path = tmp_path / "2022.txt"
    path.write_text("2022年述职报告\n\n2022年完成任务7项。\n", encoding="utf-8")
    proc = shuzhi_proc("draft", "--from-report", path, "--facts", DATA / "facts-2023.yaml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "没有找到“一、”“（一）”或“1.”等层次标题" in proc.stderr


def test_a_comparison_is_written_only_from_both_numbers():
    from shuzhi.facts import Figure
    from shuzhi.update.figures import comparison

    assert comparison(Figure(name="讲党课", value=4, unit="次", last=3)) == "较上年增加1次"
    assert comparison(Figure(name="谈心谈话", value=60, unit="余人次", last=80)) == "较上年减少20人次"
    assert comparison(Figure(name="研判", value=2, unit="次", last=2)) == "与上年持平"
    assert comparison(Figure(name="研判", value=2, unit="次")) == ""


class EchoDrafter(Drafter):
    """A backend that writes each section as "已更新：" + the first clause of last year's text,
    and fails on the sections it is told to; it records what it was asked."""

    name = "echo"

    def __init__(self, fail: set[str] = frozenset()):
        self.fail = fail
        self.requests: list[SectionRequest] = []

    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        self.requests.append(request)
        if request.spec.id in self.fail:
            raise DraftingError("模型服务暂不可用")
        yield "已更新："
        yield request.previous_text.split("，")[0]


async def test_model_hook_passes_last_years_section_and_instruction(last_year, facts):
    drafter = EchoDrafter(fail={"team"})
    result = await update_with_drafter(last_year, facts, drafter, concurrency=3)
    asked = {r.spec.id: r for r in drafter.requests}
    old = report_to_draft(last_year)
    assert set(asked) == {s.id for s in result.draft.sections if s.id != "duties"}  # 二、 has no text
    assert asked["study"].previous_text == old.section("s1").text  # last year's own words
    assert all(r.instruction == UPDATE_INSTRUCTION for r in drafter.requests)
    assert all(r.facts.year == 2023 for r in drafter.requests)  # this year's facts, the only content
    assert result.draft.section("study").text == "已更新：持续学习习近平新时代中国特色社会主义思想"
    assert result.draft.section("study").versions[-1].source == "echo"
    team = result.draft.section("team")  # the failed section keeps its offline update
    assert team.status == "failed" and team.error == "模型服务暂不可用"
    assert "【待补充：加强组织建设" not in team.text and team.text  # the offline text, not nothing
    assert result.findings, "the checker ran on the result"


def test_cli_draft_from_report(shuzhi_proc, samples, tmp_path):
    out = tmp_path / "2023.txt"
    proc = shuzhi_proc("draft", "--from-report", samples / "report-2022.txt",
                       "--facts", DATA / "facts-2023.yaml", "--out", out)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("2023年述德述廉述职报告\n\n2023年，我坚持")
    listed = re.search(r"^第(\d+)行【上年内容】[^：]+：(党支部获评2021年度先进基层党组织。)", proc.stderr, re.M)
    assert listed and listed.group(2) in text.splitlines()[int(listed.group(1)) - 1]
    assert "稿中仍是上年的句子" in proc.stderr


def test_cli_draft_from_report_to_docx(cli, samples, tmp_path):
    import docx

    out = tmp_path / "2023.docx"
    result = cli("draft", "--from-report", samples / "report-2022.txt", "--facts", DATA / "facts-2023.yaml",
                 "--out", out)
    assert result.exit_code == 0
    document = docx.Document(out)
    assert document.paragraphs[0].text == "2023年述德述廉述职报告"
    assert [p.text for p in document.paragraphs[-2:]] == ["李华", "2024年1月10日"]


@pytest.mark.parametrize("content", [b"renamed text file\n", bytes(range(256))])
def test_cli_from_report_refuses_a_fake_docx(shuzhi_proc, tmp_path, content):
    path = tmp_path / "2022.docx"
    path.write_bytes(content)
    proc = shuzhi_proc("draft", "--from-report", path, "--facts", DATA / "facts-2023.yaml")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "不是有效的 Word 文档" in proc.stderr


def test_a_comparison_the_numbers_do_not_give_is_flagged():
    from shuzhi.update import flags

    pair = DATA / "update" / "gaoxiao-shudeshulian"
    result = update_report((pair / "report-2024.txt").read_text(encoding="utf-8"), load_facts(pair / "facts-2025.yaml"))
    study = result.draft.section("study")
    study.text = study.text.replace("学习13次", "学习13次，较上年增加1次").replace("交流发言4次", "交流发言4次，较上年增加3次")
    found = [f for f in flags(result.draft) if f.reason == "上年对比"]
    assert [f.detail for f in found] == ["“较上年增加3”与事实中的本年和上年数值不符"]  # 12 → 13 is right; 3 → 4 is not 3


def test_last_years_own_rectification_part_is_answered_in_place():
    pair = DATA / "update" / "xiangzhen-jiceng"
    result = update_report((pair / "report-2024.txt").read_text(encoding="utf-8"), load_facts(pair / "facts-2025.yaml"))
    tops = [s.heading for s in result.draft.sections if s.level == 1]
    assert tops == ["履行基层党建工作责任情况", "上年度述职评议反馈问题整改情况", "存在的问题及原因分析", "下一步工作思路"]
    part = result.draft.section("rectification").text
    assert "2023年度述职评议" not in part  # last year's account of the year before: not kept
    assert all(i.rectification in part for i in result.draft.facts.previous_issues)


def test_last_years_report_as_reviewed_word_gives_the_same_update():
    from shuzhi.readers import read_report

    pair = DATA / "update" / "jiguan-shuzhishulian"
    facts = load_facts(pair / "facts-2025.yaml")
    from_text = update_report((pair / "report-2024.txt").read_text(encoding="utf-8"), facts)
    from_docx = update_report(read_report(pair / "report-2024.docx"), facts)
    assert from_docx.draft.assemble() == from_text.draft.assemble()


def _updated_preamble(last_year: int, campaign: str) -> str:
    """The 导语 of last year's short report that names ``campaign``, updated to the next year."""
    last = (f"{last_year}年述德述廉述职报告\n\n{last_year}年，我坚持以习近平新时代中国特色社会主义思想为指导，"
            f"扎实开展{campaign}，较好完成了各项任务。现将有关情况报告如下。\n"
            "一、加强学习\n全年参加理论学习中心组学习12次。\n")
    facts = Facts(year=last_year + 1, unit="某学院", person="王明",
                  sections={"study": {"figures": [{"name": "理论学习中心组学习", "value": 14, "unit": "次"}]}})
    return update_report(last, facts).draft.section("preamble").text


def test_a_campaign_with_no_successor_is_marked_not_kept():
    """A 2026 update of a 2025 report: no 集中学习教育 is known for 2026 (sessions.yaml), so the
    导语's "扎实开展深入贯彻中央八项规定精神学习教育" cannot be brought forward by rule."""
    preamble = _updated_preamble(2025, "深入贯彻中央八项规定精神学习教育")
    assert "【上年内容，请核对：2025年，我坚持以习近平新时代中国特色社会主义思想为指导，扎实开展深入贯彻中央八项规定精神学习教育" in preamble
    assert preamble.endswith("现将有关情况报告如下。")


def test_a_2023_report_updated_to_2024_brings_the_2024_campaign_forward():
    """The 2023 主题教育 only closed in January 2024: 2024's campaign is 党纪学习教育."""
    preamble = _updated_preamble(2023, "学习贯彻习近平新时代中国特色社会主义思想主题教育")
    assert "扎实开展党纪学习教育" in preamble, preamble
