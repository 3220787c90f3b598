"""Chinese-text basics (shuzhi.text): numerals, years, sentences, paragraphs, headings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from shuzhi.facts import section_source, source_section
from shuzhi.text.headings import inline_ordinals, match_number, runs_on, split_head, without_ordinal
from shuzhi.text.numerals import cn_digits, cn_number, cn_to_int, numbers_in, numbers_in_data
from shuzhi.text.paragraphs import clean_line, join_paragraphs, numbered_paragraphs, paragraphs, split_lines
from shuzhi.text.sentences import sentence_spans, sentences
from shuzhi.text.years import DATE_LINE, YEAR_WORD, first_year, replace_year, year_value


@pytest.mark.parametrize("n", range(1, 100))
def test_cn_number_and_cn_to_int_agree(n):
    assert cn_to_int(cn_number(n)) == n


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("一百零五", 105), ("三千", 3000),
    ("两万", 20000), ("〇", 0), ("一万二千", 12000)])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十a", "2022", "第一"])
def test_cn_to_int_refuses_what_is_not_a_numeral(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize("text, value", [("二〇二二", 2022), ("二○二三", 2023), ("二O二四", 2024),
                                         ("一九九九", 1999), ("二〇二x", None), ("", None)])
def test_years_written_digit_by_digit(text, value):
    assert cn_digits(text) == value


def test_numbers_in_text_and_in_the_facts():
    assert numbers_in("集中学习12次，覆盖3.50万人，开展三十场活动，四个意识") == {"12", "3.5", "30"}
    assert numbers_in("第4卷《习近平谈治国理政》") == {"4"}  # 第4 is the rule's business, not this
    data = {"year": 2023, "sections": {"s": {"figures": [{"name": "学习", "value": 12.0}],
                                             "items": ["讲党课5次"]}}, "flag": True, "none": None}
    assert numbers_in_data(data) == {"2023", "12", "5"}


@pytest.mark.parametrize("text, found", [
    ("2023年述职报告", (2023, 0)), ("关于2023 年度的报告", (2023, 2)), ("二〇二三年述职报告", (2023, 0)),
    ("12023年", None), ("共3.2023年", None), ("述职报告", None), ("1999年以来", (1999, 0))])
def test_first_year(text, found):
    assert first_year(text) == found


def test_year_word_and_replace_year():
    assert [m.group(1) for m in YEAR_WORD.finditer("2023年和2024 年，2025")] == ["2023", "2024"]
    assert replace_year("2023年度，2023 年底，12023年，2023", 2023, 2024) == "2024年度，2024 年底，12023年，2023"
    assert year_value("二〇二四") == 2024 and year_value("2024") == 2024


@pytest.mark.parametrize("line, year", [
    ("2024年1月8日", "2024"), ("　　2024 年 1 月 8 日　", "2024"), ("二〇二四年一月八日", "二〇二四"),
    ("二〇二四年十二月三十一日", "二〇二四")])
def test_date_lines(line, year):
    match = DATE_LINE.match(line)
    assert match is not None and match.group(1) == year


@pytest.mark.parametrize("line", ["2024年1月8日召开会议", "2024年工作打算", "1月8日"])
def test_lines_that_are_not_only_a_date(line):
    assert DATE_LINE.match(line) is None


def test_sentences_keep_closing_quotes_and_cut_clauses_only_when_asked():
    text = "他说：“好。”我们照办！一是学习；二是落实。"
    assert sentences(text) == ["他说：“好。”", "我们照办！", "一是学习；二是落实。"]
    assert sentences(text, clauses=True)[-2:] == ["一是学习；", "二是落实。"]
    assert "".join(text[a:b] for a, b in sentence_spans(text)) == text
    assert sentences("第一行。\n第二行") == ["第一行。", "第二行"]  # a line break ends a sentence


def test_paragraphs_and_lines():
    text = "　　第一段。\r\n\r\n第二段。\r第三段"
    assert split_lines(text) == ["　　第一段。", "", "第二段。", "第三段"]
    assert paragraphs("  甲 \n\n乙\n") == ["甲", "乙"]
    assert numbered_paragraphs("甲\n\n　乙") == [(0, "甲"), (2, "　乙")]  # as written, with its index
    assert clean_line("\ufeff　　## 四、盘点不足  ") == "四、盘点不足"
    assert join_paragraphs(["　　第一段。", "", "  第二段。 "]) == "第一段。\n第二段。"


@pytest.mark.parametrize("line, kind, number, value, body", [
    ("一、加强学习", "cn-dun", "一、", 1, "加强学习"),
    ("十二．其他", "cn-dun", "十二．", 12, "其他"),
    ("一.加强理论学习", "cn-dun", "一.", 1, "加强理论学习"),
    ("（三）抓好意识形态", "cn-paren", "（三）", 3, "抓好意识形态"),
    ("(二十一) 队伍建设", "cn-paren", "(二十一)", 21, "队伍建设"),
    ("（一）、从严抓学习", "cn-paren", "（一）、", 1, "从严抓学习"),  # the stray 、 is not the title's
    ("二是，压实责任", "ordinal", "二是，", 2, "压实责任"),
    ("1.抓理论武装", "arabic-dot", "1.", 1, "抓理论武装"),
    ("3、抓作风", "arabic-dot", "3、", 3, "抓作风"),
    ("2）发展党员", "arabic-dot", "2）", 2, "发展党员"),
    ("（1）落实制度", "arabic-paren", "（1）", 1, "落实制度"),
    ("③加强学习", "circled", "③", 3, "加强学习"),
    ("　　## 四、盘点不足", "cn-dun", "四、", 4, "盘点不足"),
    ("**二、认真履职**", "cn-dun", "二、", 2, "认真履职"),
])
def test_heading_numbers(line, kind, number, value, body):
    found = match_number(line)
    assert found is not None
    assert (found.kind, found.number, found.value, found.body) == (kind, number, value, body)
    assert line[found.start:found.end].strip() == number


@pytest.mark.parametrize("line", [
    "1.5万人次到馆参观", "2022年，我坚持学习", "一、", "（一）", "一方面加强学习", "十九届六中全会精神",
    "100%完成任务", "1，2，3", "**名党员参加", ""])
def test_lines_that_open_with_no_heading_number(line):
    assert match_number(line) is None


def test_levels_follow_gb_t_9704():
    assert [match_number(line).level for line in ("一、甲", "（一）乙", "1.丙", "（1）丁", "一是戊")] == \
        [1, 2, 3, 4, None]


def test_heading_parts():
    assert split_head("压紧压实党建主体责任。坚持……") == ("压紧压实党建主体责任。", "坚持……")
    assert runs_on("压紧压实责任。") and not runs_on("压紧压实责任") and not runs_on("")
    assert without_ordinal("一是加强学习") == "加强学习" and without_ordinal("（一）加强") == "（一）加强"
    body = "一是学习。二是落实；四是跳号。三是整改"
    assert [number for number, _ in inline_ordinals(body)] == ["二是", "三是"]


def test_section_sources():
    assert section_source("study") == "sections.study"
    assert source_section("sections.study") == "study" and source_section("events") is None


def test_text_imports_nothing_heavy():
    """The checker's basics: importing them must not pull in pydantic, yaml or anything big."""
    code = ("import sys, shuzhi.text.headings, shuzhi.text.numerals, shuzhi.text.paragraphs, "
            "shuzhi.text.sentences, shuzhi.text.years; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml', 'docx')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
