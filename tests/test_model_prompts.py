"""Section prompts: what all sections share comes first (prefix caches hit), the request last."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.drafting.prompts import draft_prompts, section_prompt, shared_prefix_share, standard_terms, whole_prompt
from shuzhi.facts import load_facts
from shuzhi.templates import load_template

DATA = Path(__file__).parent / "data"


@pytest.fixture(params=["model-facts-2022.yaml", "samples"])
def facts(request, samples):
    """Our fixture facts, and the lead's sample facts once main has them."""
    if request.param == "samples":
        found = sorted(samples.glob("facts-*.yaml"))
        if not found:
            pytest.skip("samples/facts-*.yaml not merged yet")
        return load_facts(found[0])
    return load_facts(DATA / request.param)


def test_every_section_prompt_is_at_least_80_percent_shared_prefix(facts):
    template = load_template(facts.template)
    prompts = draft_prompts(template, facts)
    assert len(prompts) == 10  # the preamble and every section with text of its own
    smallest, _mean = shared_prefix_share(prompts)
    assert smallest >= 0.80


def test_system_message_is_identical_and_carries_facts_terms_and_outline(facts):
    template = load_template(facts.template)
    prompts = draft_prompts(template, facts)
    assert len({p.system for p in prompts}) == 1
    system = prompts[0].system
    assert facts.unit in system and facts.person in system
    for figure in facts.all_figures():
        assert figure.name in system
    for term in standard_terms():
        assert term in system
    for _number, _level, spec in template.walk_numbered()[1:]:
        assert spec.heading in system, "the outline names every other section"


def test_the_section_request_comes_last_and_names_only_that_section():
    facts = load_facts(DATA / "model-facts-2022.yaml")
    template = load_template("shudeshulian")
    number, level, spec = next(x for x in template.walk_numbered() if x[2].id == "political")
    prompt = section_prompt(template, facts, spec, number, level)
    assert [role for role, _ in prompt.messages()] == ["system", "user"]
    assert prompt.user.startswith("现在请撰写“（一）从严抓学习入手，持续加强党的政治建设”部分")
    assert "sections.political" in prompt.user and "一是" in prompt.user
    assert "篇幅约300至900字" in prompt.user
    assert "修改要求" not in prompt.user


def test_regeneration_puts_instruction_and_current_text_in_the_request_only():
    facts = load_facts(DATA / "model-facts-2022.yaml")
    template = load_template("shudeshulian")
    number, level, spec = next(x for x in template.walk_numbered() if x[2].id == "study")
    first = section_prompt(template, facts, spec, number, level)
    again = section_prompt(template, facts, spec, number, level, instruction="更精炼",
                           previous_text="原来的正文。")
    assert again.system == first.system
    assert "修改要求：更精炼" in again.user and "原来的正文。" in again.user


def test_grounding_rules_are_in_the_shared_prompt():
    facts = load_facts(DATA / "model-facts-2022.yaml")
    system = draft_prompts(load_template("shudeshulian"), facts)[0].system
    assert "不得编造任何数字" in system and "【待补充：" in system
    assert "name: 专题研讨\n      value: null" in system  # an empty figure stays visibly empty


def test_whole_report_prompt_shares_the_same_system_message():
    facts = load_facts(DATA / "model-facts-2022.yaml")
    template = load_template("shudeshulian")
    whole = whole_prompt(template, facts)
    assert whole.system == draft_prompts(template, facts)[0].system
    assert "一次写出完整的2022年述德述廉述职报告" in whole.user


def test_an_edited_outline_gets_its_own_system_prompt(facts):
    """Both share the template's id and the facts: the cached prompt must follow the outline."""
    from shuzhi.drafting.prompts import system_prompt
    from shuzhi.forms import outline_from_rows, outline_rows, outline_template

    template = load_template(facts.template)
    rows = outline_rows(template)
    rows[0]["heading"] = "改过的标题"
    edited = outline_template(template, outline_from_rows(template, rows))
    assert "改过的标题" in system_prompt(edited, facts)
    plain = system_prompt(template, facts)
    assert "改过的标题" not in plain and template.sections[0].heading in plain
