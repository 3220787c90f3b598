"""The offline drafter on both sample facts files: structure, figures in place, gaps visible."""

from __future__ import annotations

import re

import pytest

from shuzhi.draft import Draft
from shuzhi.drafting.offline import fill_references, ordinals, sentence
from shuzhi.facts import Figure, load_facts, parse_facts
from shuzhi.templates import load_template


@pytest.fixture
def full(samples, offline_draft) -> Draft:
    return offline_draft(load_facts(samples / "facts-2022.yaml"))


@pytest.fixture
def minimal(samples, offline_draft) -> Draft:
    return offline_draft(load_facts(samples / "facts-minimal.yaml"))


def test_full_draft_has_the_sample_structure(full, samples):
    text = full.assemble()
    sample = (samples / "report-2022.txt").read_text("utf-8").splitlines()
    headings = [line for line in sample if re.match(r"^([一二三四五六]、|（[一二三四五六]）)", line)]
    lines = text.splitlines()
    assert [line for line in lines if line in headings] == headings
    assert lines[0] == "2022年述德述廉述职报告"
    assert "现形成述职报告如下，有不当之处，请批评指正。" in lines[2]
    assert all(s.status == "done" for s in full.sections if s.id != "duties")


def test_full_draft_puts_every_figure_in_its_section(full, samples):
    facts = load_facts(samples / "facts-2022.yaml")
    for section_id, part in facts.sections.items():
        text = full.section(section_id).text
        for figure in part.figures:
            assert figure.value_text() in text, (section_id, figure.name)
    assert "【待补充" not in full.assemble()
    assert "{" not in full.assemble()


def test_full_draft_uses_the_samples_numbering(full):
    political = full.section("political").text.split("\n")
    assert political[0].startswith("一是") and political[1].startswith("二是")
    assert "党支部获评2021年度先进基层党组织" in full.section("responsibility").text


def test_minimal_draft_marks_every_gap(minimal):
    template = load_template("shudeshulian")
    for _number, _level, spec in template.walk_numbered():
        if spec.children:
            continue
        text = minimal.section(spec.id).text
        assert "【待补充：" in text, spec.id
    # no invented figure anywhere: the only digits are the year
    digits = set(re.findall(r"\d+", minimal.assemble()))
    assert digits == {"2025"}


def test_missing_figure_becomes_a_named_gap(offline_draft):
    facts = parse_facts("year: 2024\nunit: 图书馆\nperson: 张三\nsections:\n  study:\n    items: "
                        "['在理论学习组作交流分享{交流分享}']\n    figures: [{name: 交流分享, unit: 次}]\n")
    text = offline_draft(facts).section("study").text
    assert "交流分享【待补充：交流分享（次）】" in text


def test_unreferenced_figures_are_listed(offline_draft):
    facts = parse_facts("year: 2024\nunit: 图书馆\nperson: 张三\nsections:\n  political:\n"
                        "    items: ['组织理论学习']\n    figures: [{name: 理论学习组集中学习, value: 12, unit: 次}]\n")
    text = offline_draft(facts).section("political").text
    assert text.split("\n") == ["一是组织理论学习。", "全年理论学习组集中学习12次。"]


def test_drafting_is_deterministic(samples, offline_draft):
    facts = load_facts(samples / "facts-2022.yaml")
    assert offline_draft(facts).assemble() == offline_draft(facts).assemble()


@pytest.mark.parametrize("text, expected", [
    ("做到“两个维护”", "做到“两个维护”。"),
    ("他说：“好。”", "他说：“好。”"),
    ("已完成；", "已完成。"),
    ("已完成！", "已完成！"),
])
def test_sentence(text, expected):
    assert sentence(text) == expected


def test_ordinals_strip_existing_numbering():
    assert ordinals(["一是学习。", "加强监督"]) == "一是学习；二是加强监督。"


def test_reference_to_unknown_figure_is_a_gap():
    text, used = fill_references("召开会议{会议次数}", [Figure(name="别的", value=1, unit="次")])
    assert text == "召开会议【待补充：会议次数】" and used == {"会议次数"}


def test_user_text_with_braces_or_markup_is_kept_literally(offline_draft):
    facts = parse_facts("year: 2024\nunit: 图书馆\nperson: 张三\nintegrity: ['<b>廉洁</b>自律，{{ 7*7 }}']\n")
    text = offline_draft(facts).section("integrity").text
    assert "<b>廉洁</b>" in text and "49" not in text
