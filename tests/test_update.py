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
from shuzhi.update import UPDATE_INSTRUCTION, update_report, update_with_drafter

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


def test_keeps_last_years_structure_and_voice(result, last_year):
    old = report_to_draft(last_year)
    draft = result.draft
    assert result.last_year == 2022 and draft.year == 2023
    assert draft.title == "2023年述德述廉述职报告"
    assert [(s.number, s.heading) for s in draft.sections] == [(s.number, s.heading) for s in old.sections]
    assert draft.section("preamble").text.startswith("2023年，我坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大精神")
    # the sections carry the template's ids, so this year's facts for them apply
    assert [s.id for s in draft.sections][:4] == ["preamble", "study", "duties", "political"]
    assert all(v.source == "update" for s in draft.sections for v in s.versions)


def test_figures_come_from_this_years_facts(result):
    political = result.draft.section("political").text
    assert "理论学习组集中学习12次，支委会第一议题学习15次，全体党员集中学习10次。" in political
    # the nearest name wins: "…集中学习会上作交流分享*次" is the study section's 交流分享 = 3
    assert "在理论学习组集中学习会上作交流分享3次" in result.draft.section("study").text
    # a figure the user left empty is a visible gap named after it
    assert "组织教职工集中政治理论学习【待补充：教职工集中政治理论学习（次）】" in political
    # a number the facts contain is kept: 专题会议 4 次
    assert "党风廉政会议各4次" in result.draft.section("responsibility").text


def test_nothing_of_last_years_figures_or_year_survives(result):
    text = result.draft.assemble()
    assert "2022" not in text
    assert not re.search(r"[*＊]", text)  # every masked figure became a gap
    assert "引进硕士研究生【待补充：引进硕士研究生（名）】" in text
    assert "【待补充：日期】顺利开馆" in text
    assert "学习贯彻【待补充：地名】省第十五次党代会精神" in text
    assert "争做建设“【待补充：名称】”先行军" in text
    for number in re.findall(r"(?<![\d年])\d+(?![\d年])", text):
        assert number in {"3", "12", "15", "10", "4"}, number  # only figures from the facts


def flags_for(result, fragment: str):
    return [f for f in result.flags if fragment in f.sentence]


def test_flags_last_years_content(result):
    honour = flags_for(result, "党支部获评2021年度先进基层党组织")
    assert [(f.reason, f.section_id, f.detail) for f in honour] == [("上年内容", "responsibility", "提到2021年")]
    party_class = flags_for(result, "上党课《共同富裕与浙·丽赶考路》")
    assert party_class and party_class[0].reason == "上年内容" and "《共同富裕与浙·丽赶考路》" in party_class[0].detail
    gapped = flags_for(result, "引进硕士研究生【待补充")
    assert gapped and "上年数字已改为【待补充】" in gapped[0].detail
    # a sentence of plain voice, with nothing specific to last year, is not flagged
    assert not flags_for(result, "坚决执行民主集中制，遵循议事规则")


def test_flags_superseded_references(result):
    stale = [f for f in result.flags if f.reason == "过时提法"]
    sections = {f.section_id for f in stale}
    assert {"study", "safety", "integrity"} <= sections  # 十九届六中和七中全会, 十九届中央纪委六次全会, 十九届中纪委
    assert any("十九届六中和七中全会精神" in f.sentence for f in stale)
    assert any("疫情防控" in f.sentence for f in stale)
    assert len({(f.section_id, f.sentence, f.detail) for f in stale}) == len(stale)  # no duplicates


def test_update_from_last_years_docx(last_year, facts, result, tmp_path):
    """Last year's report handed in as Word gives the same draft as its text."""
    path = tmp_path / "2022.docx"
    old = report_to_draft(last_year, facts)
    path.write_bytes(export.render(old, "docx"))
    from shuzhi.readers import read_report

    from_docx = update_report(read_report(path), facts)
    assert from_docx.draft.assemble() == result.draft.assemble()


def test_update_another_shape_without_a_template_match():
    last = (DATA / "denengqinjilian-2023.txt").read_text(encoding="utf-8")
    facts = Facts(year=2024, unit="某学院", person="王明", date="2025年1月6日",
                  sections={"s2": {"figures": [{"name": "业务培训", "value": 5, "unit": "次"}]}})
    result = update_report(last, facts)
    draft = result.draft
    assert draft.title == "2024年度个人述职报告"
    assert "现将本人2024年度德、能、勤、绩、廉等方面情况报告如下。" in draft.section("preamble").text
    assert draft.section("s2").text.startswith("注重向书本学习、向实践学习，参加业务培训5次，撰写调研报告【待补充：撰写调研报告（篇）】")
    assert "2024年1月8日" not in draft.assemble()  # last year's signature date is gone
    assert draft.section("integrity").heading == "廉洁自律方面"


def test_report_without_a_year_in_its_title_is_taken_as_last_year(facts):
    result = update_report("述职报告\n\n2022年，我认真履职。\n一、工作情况\n完成任务7项。\n", facts)
    assert result.last_year == 2022
    assert result.draft.section("s1").text == "完成任务【待补充：任务（项）】。"


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
    assert result.draft.section("study").text == "已更新：持续学习习近平新时代中国特色社会主义思想"
    assert result.draft.section("study").versions[-1].source == "echo"
    team = result.draft.section("team")  # the failed section keeps its offline update
    assert team.status == "failed" and team.error == "模型服务暂不可用"
    assert team.text.startswith("一是强化人才意识。") and "【待补充：引进硕士研究生（名）】" in team.text


def test_cli_draft_from_report(shuzhi_proc, samples, tmp_path):
    out = tmp_path / "2023.txt"
    proc = shuzhi_proc("draft", "--from-report", samples / "report-2022.txt",
                       "--facts", DATA / "facts-2023.yaml", "--out", out)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("2023年述德述廉述职报告\n\n2023年，我坚持")
    assert "【上年内容】（二）从真抓实干入手，扎实履行抓党建第一责任人职责：党支部获评2021年度先进基层党组织。（提到2021年）" in proc.stderr
    assert "【过时提法】" in proc.stderr


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


async def test_model_hook_on_a_report_without_headings_keeps_the_offline_update(facts):
    drafter = EchoDrafter()
    result = await update_with_drafter("2022年述职报告\n\n2022年完成任务7项。\n", facts, drafter)
    assert drafter.requests == []
    assert result.draft.section("preamble").text == "2023年完成任务【待补充：任务（项）】。"
