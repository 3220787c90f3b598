"""Prompts that fit: the compaction steps, in order, each keeping what the section needs, and
the choice of the first that leaves the section its output budget."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import SecretStr

from shuzhi.config import ModelConfig
from shuzhi.draft import Draft
from shuzhi.drafting.base import SectionRequest
from shuzhi.drafting.context import Budget, Window, output_budget
from shuzhi.drafting.endpoint import forget
from shuzhi.drafting.fit import TooLong, fit, prompt_for
from shuzhi.drafting.openai import OpenAIDrafter
from shuzhi.drafting.pipeline import draft_sections
from shuzhi.drafting.prompts import STEPS, section_prompt, standard_terms
from shuzhi.facts import load_facts
from shuzhi.templates import load_template
from shuzhi.testing.fake_openai import FakeOpenAI
from shuzhi.tokens import count_tokens

FACTS = Path(__file__).resolve().parents[1] / "samples" / "facts-2022.yaml"


@pytest.fixture(scope="module")
def setting():
    facts = load_facts(FACTS)
    return facts, load_template(facts.template)


def request(setting, section_id: str) -> SectionRequest:
    facts, template = setting
    number, level, spec = next(x for x in template.walk_numbered() if x[2].id == section_id)
    return SectionRequest(template=template, facts=facts, spec=spec, number=number, level=level)


def tokens(prompt) -> int:
    return count_tokens(prompt.system) + count_tokens(prompt.user)


@pytest.mark.parametrize("section_id", ["preamble", "political", "safety", "outlook"])
def test_each_step_is_smaller_and_keeps_the_sections_own_facts(setting, section_id):
    facts, _template = setting
    req = request(setting, section_id)
    prompts = [prompt_for(req, step) for step in STEPS]
    sizes = [tokens(p) for p in prompts]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes), sizes
    own = [f.name for key in req.spec.facts if key.startswith("sections.")
           for f in facts.section(key.removeprefix("sections.")).figures]
    for p in prompts:
        assert facts.unit in p.system and facts.person in p.system, "who reports stays"
        assert "不得编造任何数字" in p.system, "the rules stay"
        assert all(name in p.text for name in own), "every figure of the section stays"
        assert p.user.rstrip().endswith("只输出本部分正文。"), "the request stays last"


def test_headings_step_drops_other_sections_facts_but_keeps_their_headings(setting):
    _facts, template = setting
    p = prompt_for(request(setting, "study"), "headings")
    assert "支委会第一议题学习" not in p.text, "a figure of (一), another section"
    assert "交流分享" in p.user, "the section's own figure, in its own request"
    for _n, _l, spec in template.walk_numbered()[1:]:
        assert spec.heading in p.system
    assert template.walk_numbered()[2][2].purpose not in p.system, "headings only"
    assert all(t in p.system for t in standard_terms()), "every formulation still"


def test_sections_still_share_the_system_message_at_the_headings_step(setting):
    facts, template = setting
    systems = {section_prompt(template, facts, spec, number, level, step="headings").system
               for number, level, spec in template.walk_numbered() if spec.facts}
    assert len(systems) == 1, "prefix caches still hit when every prompt is shortened"


def test_terms_step_keeps_only_the_formulations_the_sections_facts_touch(setting):
    p = prompt_for(request(setting, "integrity"), "terms")
    assert "中央八项规定精神；纠治“四风”（形式主义、官僚主义、享乐主义和奢靡之风）" in p.system
    assert "习近平总书记关于教育的重要论述；立德树人根本任务；为党育人、为国育才" not in p.system


def test_own_step_keeps_only_the_sections_line_of_the_outline(setting):
    p = prompt_for(request(setting, "integrity"), "own")
    assert "三、自省自律，筑牢防腐堤坝" in p.system
    assert "一、加强学习，提高政治站位" not in p.system


def count(prompt):
    async def counted():
        return tokens(prompt) + 24
    return counted()


@pytest.mark.parametrize("room, step, whole", [
    (lambda size, b: size["full"] + b.tokens, "full", True),  # room for everything
    (lambda size, b: size["headings"] + b.tokens, "headings", True),  # other sections' facts go first
    (lambda size, b: size["own"] + b.tokens, "own", True),  # down to the section alone
    # nothing leaves the whole budget: the largest prompt that leaves the shortest form, and
    # max_tokens what is left
    (lambda size, b: size["terms"] + b.least, "terms", False),
])
def test_the_first_step_that_fits_is_chosen(setting, room, step, whole):
    req = request(setting, "political")
    budget = output_budget(req.spec, 1.0)
    assert budget == Budget(1157, 332)
    size = {s: tokens(prompt_for(req, s)) + 24 for s in STEPS}
    window = room(size, budget)
    plan = asyncio.run(fit(req, Window(window, "--context-window"), budget, count))
    assert plan.step == step
    assert plan.max_tokens == (budget.tokens if whole else window - size[step])
    assert plan.prompt_tokens + plan.max_tokens <= window


def test_a_prompt_that_fits_nowhere_is_one_line(setting):
    req = request(setting, "political")
    with pytest.raises(TooLong) as caught:
        asyncio.run(fit(req, Window(2000, "服务端"), output_budget(req.spec, 1.0), count))
    assert caught.value.prompt_tokens > 2000
    assert str(caught.value) == (f"提示词约 {caught.value.prompt_tokens} tokens，超出模型上下文 2000"
                                 "（可用 --context-window 或换用更长上下文的模型）")
    assert not caught.value.retryable


def test_output_budget_follows_the_target_length_and_the_cap(setting):
    spec = request(setting, "safety").spec  # 400–1300 characters
    assert output_budget(spec, 1.0) == Budget(1657, 432)
    assert output_budget(spec, 1.6).tokens == 2632, "a tokenizer that spends more on Chinese"
    assert output_budget(spec, 1.0, cap=64) == Budget(64, 64)


def test_once_a_section_needs_the_headings_step_the_rest_share_its_prompt():
    """A server's prompt cache evaluates a shared system prompt once. At a 6,000-token window
    the sections of this draft fit whole up to the one on 安全生产, which does not (it has the
    largest output budget): from there on every section is sent at the headings step — also
    述廉 and 下一步, which would fit whole — so the system prompt does not alternate."""
    facts = load_facts(Path(__file__).parent / "data" / "model-facts-2022.yaml")
    template = load_template(facts.template)
    draft = Draft.new(facts, template)
    with FakeOpenAI() as server:
        forget(server.base_url)
        drafter = OpenAIDrafter(ModelConfig(base_url=server.base_url, model="fake-model", timeout=60,
                                            api_key=SecretStr("sk-test"), context_window=6000))
        asyncio.run(draft_sections(draft, template, drafter, concurrency=1))
        systems = [r.body["messages"][0]["content"] for r in server.requests]
        forget(server.base_url)
    written = [s for s in draft.sections if s.versions]
    steps = [s.versions[-1].usage.compacted for s in written]
    first = steps.index("headings")
    assert written[first].id == "safety"
    assert steps == [None] * first + ["headings"] * (len(steps) - first) and len(steps) - first == 3, steps
    assert len(set(systems[first:])) == 1, "one system prompt from 安全生产 on"
