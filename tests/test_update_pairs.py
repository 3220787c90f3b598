"""Updating last year's report on three pairs written in other people's voices (tests/data/update):
a 高校 书记's 述德述廉, a 乡镇 书记's 抓基层党建, a 机关 处长's 述职述廉 — each last year's (2024)
report with this year's (2025) facts and a truth.yaml of what the update must do (#17)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from shuzhi.facts import load_facts
from shuzhi.update import update_report

PAIRS = Path(__file__).parent / "data" / "update"
NAMES = ("gaoxiao-shudeshulian", "xiangzhen-jiceng", "jiguan-shuzhishulian")
MARKED = re.compile(r"【上年内容，请核对：[^】]*】")


def truth(name: str) -> dict:
    return yaml.safe_load((PAIRS / name / "truth.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=NAMES)
def pair(request):
    name = request.param
    folder, known = PAIRS / name, truth(name)
    facts = load_facts(folder / known["facts"])  # previous_issues and all: the model takes them
    result = update_report((folder / known["last_report"]).read_text(encoding="utf-8"), facts)
    return name, known, facts, result


def section_text(result, key: str, facts) -> str:
    """The draft text of the section this year's facts key ``key`` (a template id or a heading)."""
    by_id = {s.id: s for s in result.draft.sections}
    if key in by_id:
        return by_id[key].text
    items = facts.section(key).items  # keyed by last year's heading: find where its items went
    return next(s.text for s in result.draft.sections if items and items[0].split("{")[0] in s.text)


def test_every_fact_of_this_year_reaches_the_draft(pair):
    _name, known, facts, result = pair
    draft, text = result.draft, result.draft.assemble()
    reach = known["must_reach"]
    assert draft.title == reach["title"] and draft.facts.date == reach["date"]
    for part in ("events", "honours", "integrity", "shortcomings", "plans"):
        for entry in reach.get(part) or []:
            assert entry["key"] in MARKED.sub("", text), (part, entry["key"])
    for entry in reach["items"]:
        section = entry["section"]
        assert entry["key"] in MARKED.sub("", section_text(result, section, facts)), entry
    for section, values in reach["figures"].items():
        own = MARKED.sub("", section_text(result, section, facts))
        for figure, value in zip(facts.section(section).figures, values, strict=True):
            assert value in own, (section, figure.name, value)


def test_no_superseded_reference_left_for_the_checker(pair, cli, tmp_path):
    name, known, _facts, result = pair
    path = tmp_path / f"{name}.txt"
    path.write_text(result.draft.assemble(), encoding="utf-8")
    out = cli("check", path, "--year", known["year"], "--format", "json")
    findings = json.loads(out.stdout)["findings"]
    stale = [f for f in findings if f["rule"] == "stale-reference" and f["severity"] == "error"]
    assert stale == []
    for entry in known["superseded"]:
        if entry["action"] == "replace":
            assert entry["text"] not in MARKED.sub("", result.draft.assemble()), entry
    # each marker is a placeholder to the checker: nothing of last year's stays unseen
    placeholders = [f["text"] for f in findings if f["rule"] == "placeholder"]
    assert sum(t.startswith("【上年内容") for t in placeholders) == len(MARKED.findall(result.draft.assemble()))


def test_last_years_unsupported_sentences_are_marked_or_gone(pair):
    _name, known, facts, result = pair
    rectification = result.draft.section("rectification").text
    outside = MARKED.sub("", result.draft.assemble()).replace(rectification, "")
    facts_text = facts.to_yaml()
    for sentence in known["last_year_sentences"]:
        for phrase in sentence.get("must_not_remain") or []:
            if phrase in facts_text:  # this year's facts say it again: 建立班子成员联系青年教师制度
                continue
            assert phrase not in outside, (sentence["line"], phrase)
    marked = [c for c in result.carried if c.fate == "marked"]
    assert len(MARKED.findall(result.draft.assemble())) == len(marked) > 0
    assert result.still_in_draft >= len(marked)  # each marker, and what this year repeats of last


def test_last_years_problems_are_answered(pair):
    _name, known, facts, result = pair
    issues = [p["text"] for p in known["last_year_problems"]]
    assert [i.issue for i in result.draft.facts.previous_issues] == issues
    passage = result.draft.section("rectification").text
    for item in facts.previous_issues:
        assert item.issue.replace("“", "‘").replace("”", "’") in passage
        assert (item.rectification or "【待补充：整改情况】") in passage
    # never again as this year's 不足
    problems = next(s for s in result.draft.sections if result.draft.facts.shortcomings[0] in s.text)
    assert not any(i in problems.text for i in issues)


def test_last_years_figures_beside_this_years(pair):
    _name, known, _facts, result = pair
    figures = {f.name: f for f in result.draft.facts.all_figures()}
    for entry in known["year_on_year"]:
        if "last" in entry:
            assert figures[entry["name"]].last == entry["last"], entry
    counterparts = {e["name"] for e in known["year_on_year"] if "last" in e}
    assert all(f.last is None for n, f in figures.items() if n not in counterparts)


def test_cli_lists_what_to_check_with_line_numbers(pair, shuzhi_proc, tmp_path):
    name, known, _facts, result = pair
    folder = PAIRS / name
    out = tmp_path / "2025.txt"
    proc = shuzhi_proc("draft", "--from-report", folder / known["last_report"], "--facts",
                       folder / known["facts"], "--out", out)
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    listed = re.findall(r"^第(\d+)行【(?:上年内容|待补充|过时提法|上年对比)】", proc.stderr, re.M)
    assert len(listed) == len(result.flags) > 0
    for flag in result.flags:  # each listed with the line of the written report it is on
        assert f"第{flag.line}行【{flag.reason}】{flag.heading or '导语'}：{flag.sentence}" in proc.stderr
        assert flag.sentence[:20] in lines[flag.line - 1], flag
    assert re.search(rf"^上年报告 {len(result.carried)} 句：", proc.stderr, re.M)
    assert f"稿中仍是上年的句子 {result.still_in_draft} 句。" in proc.stderr
