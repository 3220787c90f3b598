"""The app's forms as plain data: a new report, the facts form, the outline table's order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shuzhi.errors import InputError
from shuzhi.facts import load_facts
from shuzhi.forms import (
    LIST_FIELDS,
    FactsForm,
    IncompleteFacts,
    default_report_year,
    facts_fields,
    facts_from_form,
    new_facts,
    ordered_rows,
    outline_table,
    split_posts,
)
from shuzhi.templates import load_template

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


@pytest.mark.parametrize("today, year", [
    (date(2025, 12, 20), 2025), (date(2025, 11, 1), 2025),  # written at the end of the year
    (date(2026, 1, 10), 2025), (date(2026, 10, 31), 2025),  # or in the months after it
])
def test_the_report_year_a_new_report_starts_with(today, year):
    assert default_report_year(today) == year


def test_posts_are_split_on_the_separators_people_type():
    assert split_posts(" 党委书记、馆长,支部书记，委员 、") == ["党委书记", "馆长", "支部书记", "委员"]
    assert split_posts("") == []


def test_a_new_report_needs_a_unit_and_a_name():
    facts = new_facts("shudeshulian", 2024, " 图书馆 ", "张三", "党委书记、馆长")
    assert (facts.year, facts.unit, facts.person, facts.posts, facts.template) == (
        2024, "图书馆", "张三", ["党委书记", "馆长"], "shudeshulian")
    with pytest.raises(InputError, match="请填写单位和姓名"):
        new_facts("shudeshulian", 2024, "  ", "张三")
    with pytest.raises(InputError, match="暂未保存"):  # a Chinese line, not a pydantic error
        new_facts("shudeshulian", 2024, "馆" * 201, "张三")


def form_of(facts, **changes) -> FactsForm:
    values = {"unit": facts.unit, "person": facts.person, "year": facts.year,
              "posts": "、".join(facts.posts), "date": facts.date, **changes}
    return FactsForm(**values)


def test_the_facts_form_changes_only_what_it_shows():
    facts = load_facts(FIXTURE)
    form = form_of(facts, unit=" 新单位 ", year=2023.0, posts="书记,馆长", date="  ",
                   lists={"plans": "一\n\n 二 "},
                   sections={"study": ("学习一\n学习二", [{"name": "讲党课", "value": "3", "unit": "次"},
                                                        {"name": "", "value": "9", "unit": ""}])})
    changed = facts_from_form(facts, form)
    assert (changed.unit, changed.year, changed.posts, changed.date) == ("新单位", 2023, ["书记", "馆长"], None)
    assert changed.plans == ["一", "二"]
    assert changed.section("study").items == ["学习一", "学习二"]
    assert [(f.name, f.value) for f in changed.section("study").figures] == [("讲党课", 3)]
    # what the form has not drawn is kept as it was
    assert changed.section("political") == facts.section("political")
    assert changed.honours == facts.honours
    assert facts_from_form(facts, form_of(facts)) == facts


def test_an_emptied_name_is_incomplete_not_saved():
    facts = load_facts(FIXTURE)
    with pytest.raises(IncompleteFacts, match="（unit）.*暂未保存"):
        facts_from_form(facts, form_of(facts, unit="  "))
    assert issubclass(IncompleteFacts, InputError)


def test_the_facts_form_follows_the_outline():
    template = load_template("shudeshulian")
    form = facts_fields(template)
    numbers = [number for number, _spec, _fields in form]
    assert numbers[0] == "" and "一、" in numbers and "（一）" in numbers
    fields = [f for _n, _s, fs in form for f in fs]
    sections = [f.id for f in fields if f.kind == "section"]
    assert "study" in sections and "political" in sections
    assert "duties" not in sections  # a heading-only parent has no facts of its own
    lists = [f.id for f in fields if f.kind == "list"]
    assert len(lists) == len(set(lists)) and set(lists) <= set(LIST_FIELDS)


def test_a_renumbered_row_goes_before_the_row_already_there():
    template = load_template("shudeshulian")
    base = outline_table(template)
    assert [r["order"] for r in base] == list(range(1, len(base) + 1))
    rows = [dict(r) for r in base]
    rows[3]["order"] = 1  # moved to the top
    rows.append({"order": 3, "level": 1, "heading": "学法用法"})  # a new row numbered 3
    rows[1]["order"] = "abc"  # an unreadable number keeps the row where it stands
    ordered = ordered_rows(base, rows)
    assert ordered[0]["id"] == base[3]["id"] and ordered[1]["id"] == base[0]["id"]
    assert ordered[2]["id"] == base[1]["id"]
    assert ordered[3]["heading"] == "学法用法" and ordered[4]["id"] == base[2]["id"]
