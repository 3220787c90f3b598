"""``shuzhi facts extract`` as a user runs it: the year's records of one 党支部 in, a facts file
out with every figure's source; --into merges; a model's answer is checked against the
records; bad input is one line and nothing written."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import yaml

from shuzhi.extract import extract
from shuzhi.extract.merge import merge
from shuzhi.extract.records import read_record
from shuzhi.facts import Facts, Figure, SectionFacts, Source, load_facts, parse_facts, save_facts
from shuzhi.templates import load_template

RECORDS = Path(__file__).parent / "data" / "records"
ALL = ["taizhang-2024.docx", "zongjie-2024-06.docx", "huiyi-2024-03-12.docx", "zongjie-2024-11.txt",
       "zhibiao-2024.xlsx"]
SECRET = "sk-test-SECRET-0123456789"


@pytest.fixture(autouse=True)
def no_model_in_environment(monkeypatch):
    for var in ("DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY", "ZHIPUAI_API_KEY", "MOONSHOT_API_KEY", "OPENAI_API_KEY",
                "SHUZHI_API_KEY", "SHUZHI_PROVIDER", "SHUZHI_MODEL", "SHUZHI_BASE_URL", "SHUZHI_BACKEND"):
        monkeypatch.delenv(var, raising=False)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extract", Path(__file__).parents[1] / "bench" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_records_to_facts_with_sources(shuzhi_proc, tmp_path):
    out = tmp_path / "facts.yaml"
    result = shuzhi_proc("facts", "extract", *[RECORDS / n for n in ALL], "--out", out, cwd=RECORDS)
    assert result.returncode == 0, result.stderr
    facts = load_facts(out)
    assert facts.year == 2024 and facts.template == "shudeshulian"
    meetings = next(f for f in facts.section("responsibility").figures if f.source and f.source.line == 28
                    and f.value == 12)
    assert meetings.unit == "次" and meetings.source.file == "taizhang-2024.docx"
    assert "召开支委会12次" in meetings.source.quote
    media = facts.section("safety").figure("媒体报道")
    assert media is not None and media.value is None  # the empty cell stays empty, never a number
    assert media.source.label() == "zhibiao-2024.xlsx「重点指标」第19行B列"
    values = {(f.value, f.unit) for f in facts.all_figures()}
    assert (22, "名") not in values  # 参评党员22名: last year's, in this year's minutes
    assert not any(f.value == 6 and f.source.file.startswith("huiyi") for f in facts.all_figures())  # 计划 6 次
    assert "召开支委会，研究发展党员工作，确定入党积极分子{入党积极分子}" in facts.section("team").items
    assert "← taizhang-2024.docx 第28行" in result.stdout  # where every number came from, shown
    assert "请补填单位名称和述职人姓名" in result.stderr


def test_precision_and_recall_against_the_truth():
    bench = _bench()
    template = load_template("shudeshulian")
    wanted = matched = returned = 0
    for name, figures in bench.truth_figures().items():
        keys = {f["key"] for f in figures}
        found = extract([read_record(RECORDS / name)], template, year=2024).figures
        wanted, returned = wanted + len(keys), returned + len(found)
        matched += sum(bench.found_key(f) in keys for f in found)
    assert matched / returned >= 0.95 and matched / wanted >= 0.9


def test_into_merges_without_overwriting_what_the_user_typed(shuzhi_proc, tmp_path):
    mine = Facts(year=2024, unit="临江学院图书馆直属党支部", person="周文涛", sections={
        "team": SectionFacts(items=["本人联系青年教职工3人"], figures=[Figure(name="发展党员", value=3, unit="名")]),
        "safety": SectionFacts(figures=[Figure(name="警示教育", unit="次")]),
    })
    into = tmp_path / "mine.yaml"
    save_facts(mine, into)
    out = tmp_path / "merged.json"
    result = shuzhi_proc("facts", "extract", RECORDS / "zhibiao-2024.xlsx", "--into", into, "--out", out)
    assert result.returncode == 0, result.stderr
    merged = load_facts(out)
    assert merged.unit == "临江学院图书馆直属党支部" and merged.person == "周文涛"
    assert merged.section("team").figure("发展党员").value == 3  # typed by the user: kept
    assert merged.section("team").figure("发展党员").source is None
    assert "冲突：发展党员：事实文件为 3名，zhibiao-2024.xlsx「重点指标」第15行B列 为 2名" in result.stderr
    assert merged.section("safety").figure("警示教育").value == 4  # left empty by the user: filled
    assert merged.section("team").items[0] == "本人联系青年教职工3人"
    assert merged.section("integration").figure("数字资源访问量").value == 126.5
    assert load_facts(into) == mine  # --into is read, never written


def test_merge_keeps_figures_found_twice_once():
    template = load_template("shudeshulian")
    records = [read_record(RECORDS / n) for n in ("taizhang-2024.docx", "zongjie-2024-06.docx")]
    sections = extract(records, template, year=2024).sections()
    reading = [f for f in sections["brand"].figures if f.value == 5 and f.unit == "场"]
    assert len(reading) == 1 and reading[0].source.file == "taizhang-2024.docx"
    merged, conflicts = merge(Facts(year=2024, unit="单位", person="某某"), sections)
    assert not conflicts and merged.section("brand").figures == sections["brand"].figures


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_sources_round_trip(tmp_path, suffix):
    figure = Figure(name="召开支委会", value=12, unit="次",
                    source=Source(file="台账.docx", line=28, quote="召开支委会12次"))
    facts = Facts(year=2024, unit="单位", person="某某", sections={"responsibility": SectionFacts(figures=[figure])})
    path = tmp_path / f"f{suffix}"
    save_facts(facts, path)
    assert load_facts(path) == facts
    plain = Facts(year=2024, unit="单位", person="某某", sections={"x": SectionFacts(figures=[Figure(name="a", value=1)])})
    assert "source" not in plain.to_yaml()  # facts without sources are written as before


def test_the_checker_accepts_only_numbers_the_facts_hold_not_their_sources():
    from shuzhi.checker import check_text

    figure = Figure(name="召开支委会", value=12, unit="次", source=Source(file="台账.docx", line=28,
                                                                        quote="2024年3月召开支委会12次"))
    facts = Facts(year=2024, unit="单位", person="某某", sections={"responsibility": SectionFacts(figures=[figure])})
    text = "2024年述德述廉述职报告\n全年召开支委会12次，走访党员28人，3月开展活动。\n"
    findings = check_text(text, facts=facts, rules=["unsupported-number"])
    # 28 is the source's line and 3 in its quote: neither is a fact the report may state
    assert [f.text for f in findings] == ["28", "3"]


def _answer(figures: list[dict], items: list[dict] = ()) -> str:
    return json.dumps({"figures": figures, "items": list(items)}, ensure_ascii=False)


def test_a_model_figure_must_be_in_the_record_verbatim(shuzhi_proc, fake_openai, tmp_path):
    fake_openai.queue(_answer([
        {"name": "召开支委会", "value": 12, "unit": "次", "section": "responsibility", "line": 28,
         "quote": "召开支委会12次"},
        {"name": "讲党课", "value": 5, "unit": "次", "section": "study", "line": 28, "quote": "讲党课5次"},
        {"name": "谈心谈话", "value": 40, "unit": "人次", "section": "team", "line": 3, "quote": "召开支委会"},
    ], [{"text": "召开支委会，研究发展党员工作", "section": "team", "line": 8}]))
    out = tmp_path / "facts.yaml"
    result = shuzhi_proc("facts", "extract", RECORDS / "taizhang-2024.docx", "--out", out,
                         "--base-url", fake_openai.base_url, "--model", "fake-model", "--api-key-env", "UNIT_KEY",
                         env={"UNIT_KEY": SECRET})
    assert result.returncode == 0, result.stderr
    facts = load_facts(out)
    assert [(f.name, f.value, f.source.line) for f in facts.all_figures()] == [("召开支委会", 12, 28)]
    assert "已舍弃：讲党课 5次（taizhang-2024.docx：原文在记录中找不到）" in result.stderr
    assert "已舍弃：谈心谈话 40人次（taizhang-2024.docx：原文中没有这个数字（或单位不符））" in result.stderr
    assert facts.section("team").items == ["召开支委会，研究发展党员工作"]
    request = fake_openai.requests[0].body
    assert request["response_format"]["type"] == "json_schema"
    assert "28: 全年小结" in fake_openai.requests[0].prompt  # the record, its lines numbered
    assert SECRET not in result.stdout + result.stderr + out.read_text("utf-8")


@pytest.mark.parametrize("fault, words", [("500", "模型摘录失败"), ("html", "模型摘录失败")])
def test_a_failing_model_is_one_line_and_nothing_written(shuzhi_proc, fake_openai, tmp_path, fault, words):
    fake_openai.fail(fault, times=10, status=503) if fault == "500" else fake_openai.fail(fault, times=10)
    out = tmp_path / "facts.yaml"
    result = shuzhi_proc("facts", "extract", RECORDS / "zongjie-2024-11.txt", "--out", out,
                         "--base-url", fake_openai.base_url, "--model", "fake-model", "--api-key-env", "UNIT_KEY",
                         env={"UNIT_KEY": SECRET})
    assert result.returncode == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # 使用模型 … and the one error line
    assert not out.exists()


@pytest.mark.parametrize("name, words", [
    ("bad/png-named.docx", "不是有效的 Word 文档"), ("bad/encrypted.docx", "密码"),
    ("bad/zip-bomb.docx", "解压后过大"), ("bad/empty.xlsx", "表格是空的"), ("bad/truncated.docx", "不是有效的"),
])
def test_bad_records_exit_2_one_line_nothing_written(shuzhi_proc, tmp_path, name, words):
    out = tmp_path / "facts.yaml"
    result = shuzhi_proc("facts", "extract", RECORDS / "taizhang-2024.docx", RECORDS / name, "--out", out)
    assert result.returncode == 2, result.stdout
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not out.exists()


def test_a_fifo_and_an_xls_and_a_sheet_named_xlsx(shuzhi_proc, tmp_path):
    fifo = tmp_path / "records.txt"
    os.mkfifo(fifo)
    text = tmp_path / "fake.xlsx"
    text.write_text("名称,数值\n发展党员,2\n", "utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    for path, words in ((fifo, "不是普通文件"), (text, "不是有效的 Excel 工作簿"), (old, ".xls")):
        out = tmp_path / "facts.yaml"
        result = shuzhi_proc("facts", "extract", path, "--out", out, timeout=30)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_an_upload_reads_like_a_file():
    from shuzhi.extract.records import record_from_bytes

    record = record_from_bytes((RECORDS / "zhibiao-2024.csv").read_bytes(), "指标.csv")
    template = load_template("shudeshulian")
    found = extract([record], template, year=2024).figures
    assert len(found) == 18 and found[0].figure.source.label() == "指标.csv第2行B列"
    assert yaml.safe_load(Facts(year=2024, unit="u", person="p").to_yaml())["year"] == 2024
    assert parse_facts(Facts(year=2024, unit="u", person="p").to_json()).year == 2024


def test_a_draft_from_extracted_facts_states_each_number_once(offline_draft):
    template = load_template("shudeshulian")
    extraction = extract([read_record(RECORDS / "taizhang-2024.docx")], template, year=2024)
    facts, _ = merge(Facts(year=2024, unit="临江学院图书馆直属党支部", person="周文涛"), extraction.sections())
    assert "全年小结：召开支委会{支委会}、支部党员大会{支部党员大会}，讲党课3次。" in facts.section("responsibility").items
    text = offline_draft(facts).assemble()
    assert "召开支委会12次、支部党员大会4次" in text
    assert text.count("支部党员大会4次") == 1 and text.count("签订党风廉政建设责任书8份") == 1
    assert "{" not in text


def test_an_item_whose_figure_was_rejected_keeps_its_number():
    from shuzhi.extract.suggestions import accepted_sections, suggestion_rows

    template = load_template("shudeshulian")
    extraction = extract([read_record(RECORDS / "zongjie-2024-11.txt")], template, year=2024)
    rows = suggestion_rows(extraction, template)
    for row in rows:
        row["accept"] = row["kind"] == "事项" or row["value"] != "40个"
    items = accepted_sections(extraction, rows, template)["integration"].items
    assert items == ["推进“我为师生办实事”项目，新增研讨间预约座位40个，为毕业班学生提供论文查重服务{为毕业班学生提供论文查重服务}。"]


def test_a_unit_column_and_a_word_register_with_units_in_its_header():
    template = load_template("shudeshulian")
    heldout = RECORDS / "heldout"
    csv_found = extract([read_record(heldout / "tongji-2024.csv")], template, year=2024).figures
    assert [(f.figure.value, f.figure.unit, f.figure.source.row) for f in csv_found][:2] == [(11, "次", 2), (10, "次", 3)]
    register = extract([read_record(heldout / "huodong-2024.docx")], template, year=2024)
    counts = [(f.figure.value, f.figure.unit, f.figure.source.line) for f in register.figures]
    assert counts == [(21, "人", 3), (18, "人", 4), (6, "人", 6), (3, "次", 7)]  # not 103（周年）, not “—”
    assert "赴嘉兴南湖开展红色教育" in [f.item for f in register.found]
