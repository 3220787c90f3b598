"""The pipeline on its own: retry policy, failing alone, saving, locking, regeneration rules.

The backend here is a small scripted ``Drafter`` (the pipeline's own interface), so these run
in milliseconds; the model backend is driven end to end in test_model_openai.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.draft import Draft
from shuzhi.drafting import get_drafter
from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError
from shuzhi.drafting.pipeline import RetryPolicy, draft_sections, regenerable, regenerate_section
from shuzhi.facts import load_facts
from shuzhi.templates import load_template

FACTS = Path(__file__).parent / "data" / "model-facts-2022.yaml"
NO_WAIT = RetryPolicy(max_attempts=3, base_delay=0.0)


class Scripted(Drafter):
    """Writes "<id>正文。"; raises the scripted errors for a section first, in order."""

    name = "scripted"

    def __init__(self, errors: dict[str, list[Exception]] | None = None):
        self.errors = {k: list(v) for k, v in (errors or {}).items()}
        self.calls: list[str] = []

    async def stream_section(self, request):
        self.calls.append(request.spec.id)
        yield f"{request.spec.id}"
        pending = self.errors.get(request.spec.id)
        if pending:
            raise pending.pop(0)
        yield "正文。"


def new_draft():
    facts = load_facts(FACTS)
    template = load_template(facts.template)
    return Draft.new(facts, template), template


@pytest.mark.parametrize("attempt, retry_after, expected", [
    (1, None, (0.9, 1.1)), (2, None, (1.8, 2.2)), (3, None, (3.6, 4.4)),
    (1, 7.0, (7.0, 7.0)),  # the server's Retry-After wins over our backoff
    (9, None, (60.0, 60.0)), (1, 600.0, (60.0, 60.0)),  # both capped
])
def test_retry_waits(attempt, retry_after, expected):
    wait = RetryPolicy().wait(attempt, retry_after)
    assert expected[0] <= wait <= expected[1]


async def test_retryable_errors_are_retried_then_the_section_is_whole():
    draft, template = new_draft()
    backend = Scripted({"study": [DraftingError("限流", retryable=True, retry_after=0.0)] * 2})
    await draft_sections(draft, template, backend, retry=NO_WAIT)
    assert draft.section("study").text == "study正文。"
    assert backend.calls.count("study") == 3 and draft.status == "done"


async def test_a_final_error_marks_only_that_section_failed():
    draft, template = new_draft()
    backend = Scripted({"team": [DraftingError("密钥无效", retryable=False)],
                        "brand": [RuntimeError("bug with sk-secret in it")]})
    failed = []

    class Callback(DraftCallback):
        def on_section_failed(self, section, error):
            failed.append((section.id, error))

    await draft_sections(draft, template, backend, Callback(), retry=NO_WAIT)
    assert sorted(failed) == [("brand", "起草时发生内部错误（RuntimeError）"), ("team", "密钥无效")]
    assert backend.calls.count("team") == 1 and backend.calls.count("brand") == 1
    assert draft.section("study").status == "done"
    assert draft.section("team").text == "" and draft.section("team").versions == []


async def test_every_finished_or_failed_section_is_saved_as_it_happens():
    draft, template = new_draft()
    saved = []
    backend = Scripted({"team": [DraftingError("x", retryable=False)]})
    await draft_sections(draft, template, backend, retry=NO_WAIT,
                         on_saved=lambda d, s: saved.append((s.id, s.status)))
    assert len(saved) == 10 and ("team", "failed") in saved and ("study", "done") in saved


async def test_locked_and_finished_sections_are_left_alone():
    draft, template = new_draft()
    draft.section("study").locked = True
    await draft_sections(draft, template, Scripted(), retry=NO_WAIT)
    assert draft.section("study").versions == []
    backend = Scripted()
    await draft_sections(draft, template, backend, retry=NO_WAIT)
    assert backend.calls == [], "nothing left to do"


@pytest.mark.parametrize("section_id, message", [
    ("nope", "草稿中没有“nope”这一部分"),
    ("duties", "只有标题"),
])
def test_what_cannot_be_regenerated_says_why(section_id, message):
    draft, template = new_draft()
    with pytest.raises(DraftingError, match=message):
        regenerable(draft, template, section_id)


async def test_locked_section_is_not_regenerated():
    draft, template = new_draft()
    draft.section("study").locked = True
    with pytest.raises(DraftingError, match="已锁定"):
        await regenerate_section(draft, template, Scripted(), "study", "更精炼")


async def test_offline_regeneration_keeps_versions():
    draft, template = new_draft()
    offline = get_drafter("offline")
    await draft_sections(draft, template, offline)
    section = await regenerate_section(draft, template, offline, "integrity", "更精炼")
    assert [v.source for v in section.versions] == ["offline", "offline"]
    assert section.versions[1].instruction == "更精炼"


@pytest.mark.parametrize("raw, expected", [
    ("一是学习。\n二是落实。", "一是学习。\n二是落实。"),
    ("（一）从严抓学习入手\n一是学习。", "一是学习。"),
    ("## （一）从严抓学习入手\n\n一是学习。", "一是学习。"),
    ("**从严抓学习入手**\n一是学习。", "一是学习。"),
    ("<think>先想一想</think>\n一是学习。", "一是学习。"),
    ("```\n一是学习。\n```", "一是学习。"),
    ("从严抓学习入手，我们做了很多。", "从严抓学习入手，我们做了很多。"),  # a sentence, not the heading
])
def test_model_wrappings_are_taken_off_the_saved_text(raw, expected):
    from shuzhi.drafting.cleanup import clean_section_text

    assert clean_section_text(raw, "从严抓学习入手", "（一）") == expected


async def test_an_empty_answer_is_retried_not_saved():
    class Empty(Scripted):
        async def stream_section(self, request):
            self.calls.append(request.spec.id)
            if self.calls.count(request.spec.id) == 1:
                yield "<think>…</think>"
            else:
                yield "正文。"

    draft, template = new_draft()
    backend = Empty()
    await draft_sections(draft, template, backend, retry=NO_WAIT, only=["study"])
    assert backend.calls == ["study", "study"] and draft.section("study").text == "正文。"


async def test_default_concurrency_lets_every_section_start_at_once():
    import asyncio

    running, most = 0, 0

    class Slow(Scripted):
        async def stream_section(self, request):
            nonlocal running, most
            running += 1
            most = max(most, running)
            await asyncio.sleep(0.01)
            running -= 1
            yield "正文。"

    draft, template = new_draft()
    await draft_sections(draft, template, Slow())
    assert most == 10


async def test_queued_sections_are_not_shown_as_drafting():
    import asyncio

    seen = []

    class Callback(DraftCallback):
        def on_section_start(self, section):
            seen.append(sum(s.status == "drafting" for s in draft.sections))

    class Slow(Scripted):
        async def stream_section(self, request):
            await asyncio.sleep(0.01)
            yield "正文。"

    draft, template = new_draft()
    await draft_sections(draft, template, Slow(), Callback(), concurrency=2)
    assert len(seen) == 10 and max(seen) <= 2
