"""Model drafting end to end: the real openai client against the local fake server.

Concurrency, streaming, retries on every fault kind, failing alone, regeneration, usage and
the key's secrecy — each asserted on what the user gets (sections, versions, reasons) and on
what the server received.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import SecretStr

from shuzhi.config import ModelConfig
from shuzhi.draft import Draft
from shuzhi.drafting.base import DraftCallback
from shuzhi.drafting.openai import OpenAIDrafter
from shuzhi.drafting.pipeline import RetryPolicy, draft_report, draft_sections, regenerate_section
from shuzhi.facts import load_facts
from shuzhi.templates import load_template
from shuzhi.testing.fake_openai import answer

FACTS = Path(__file__).parent / "data" / "model-facts-2022.yaml"
SECRET = "sk-test-SECRET-0123456789"
FAST = RetryPolicy(max_attempts=4, base_delay=0.05)
POLITICAL = "撰写“（一）从严抓学习入手"  # matches only that section's own request
SECTIONS = 10


class Recorder(DraftCallback):
    def __init__(self):
        self.deltas: dict[str, list[str]] = {}
        self.retries: list[tuple[str, int, str, float]] = []
        self.failed: list[tuple[str, str]] = []

    def on_section_delta(self, section, delta):
        self.deltas.setdefault(section.id, []).append(delta)

    def on_section_retry(self, section, attempt, reason, wait):
        self.retries.append((section.id, attempt, reason, wait))
        self.deltas[section.id] = []  # what a UI does: drop the partial text

    def on_section_failed(self, section, error):
        self.failed.append((section.id, error))


def drafter(server, timeout: float = 5.0) -> OpenAIDrafter:
    return OpenAIDrafter(ModelConfig(base_url=server.base_url, model="fake-model",
                                     api_key=SecretStr(SECRET), provider=None, timeout=timeout))


def new_draft():
    facts = load_facts(FACTS)
    template = load_template(facts.template)
    return Draft.new(facts, template), template


def requested(server, heading_fragment: str) -> int:
    return sum(heading_fragment in r.messages[-1]["content"] for r in server.requests)


async def test_full_draft_is_concurrent_streamed_and_accounted(fake_openai):
    fake_openai.ttft, fake_openai.tokens_per_second = 0.5, 400  # streams long enough to overlap
    draft, template = new_draft()
    rec = Recorder()
    await draft_sections(draft, template, drafter(fake_openai), rec, retry=FAST)

    done = [s for s in draft.sections if s.versions]
    assert len(done) == SECTIONS and draft.status == "done"
    assert fake_openai.max_in_flight == SECTIONS, "all sections were streamed at the same time"
    for section in done:
        assert len(rec.deltas[section.id]) > 10, "text arrives in many small pieces"
        assert "".join(rec.deltas[section.id]).strip() == section.text
        usage = section.versions[-1].usage
        assert usage.prompt_tokens > 3000 and usage.completion_tokens > 50 and not usage.estimated
        assert usage.cost and usage.cost > 0
        assert section.versions[-1].source == "model:fake-model"
    assert sum(s.versions[-1].usage.cached_tokens for s in done) > 0, "shared prefix was cached"
    bodies = [r.body for r in fake_openai.requests]
    assert all(b["stream"] and b["stream_options"] == {"include_usage": True} for b in bodies)
    assert len({b["messages"][0]["content"] for b in bodies}) == 1, "one shared system prompt"


async def test_concurrency_bounds_the_requests_in_flight(fake_openai):
    fake_openai.ttft = 0.05
    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), concurrency=2, retry=FAST)
    assert draft.status == "done" and fake_openai.max_in_flight <= 2


async def test_sections_keep_to_the_facts(fake_openai):
    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST)
    political = draft.section("political").text
    assert political.startswith("一是") and "\n二是" in political
    assert "理论学习组集中学习12次" in political and "【待补充：专题研讨】" in political
    assert "【待补充：谈心谈话】" in draft.section("team").text


@pytest.mark.parametrize("kind, options, reason", [
    ("429", {"retry_after": 0.3}, "限流（429）"),
    ("500", {}, "模型服务出错（500）"),
    ("500", {"status": 503}, "模型服务出错（503）"),
    ("hang", {}, "没有响应"),
    ("cut", {}, "连接中断"),
    ("truncate", {}, "中途中断"),
])
async def test_each_fault_is_retried_and_no_finished_section_is_lost(fake_openai, kind, options, reason):
    fake_openai.fail(kind, match=POLITICAL, **options)
    draft, template = new_draft()
    rec = Recorder()
    # A short timeout only where a hang is expected: elsewhere a busy CI machine could trip it.
    timeout = 1.5 if kind == "hang" else 10.0
    await draft_sections(draft, template, drafter(fake_openai, timeout=timeout), rec, retry=FAST)

    assert draft.status == "done" and not rec.failed
    assert [(sid, n) for sid, n, _, _ in rec.retries] == [("political", 1)], rec.retries
    assert reason in rec.retries[0][2]
    if kind == "429":
        assert rec.retries[0][3] == pytest.approx(0.3), "Retry-After is honoured"
    assert len(fake_openai.requests) == SECTIONS + 1, "only the faulty section was asked again"
    # The retried section is whole, with nothing of the broken attempt left in it.
    last = [r for r in fake_openai.requests if POLITICAL in r.messages[-1]["content"]][-1]
    assert draft.section("political").text == answer(last.messages).strip()
    assert "".join(rec.deltas["political"]).strip() == draft.section("political").text


async def test_a_section_that_keeps_failing_fails_alone_and_can_be_retried(fake_openai):
    fault = fake_openai.fail("500", match=POLITICAL, times=None)
    draft, template = new_draft()
    rec = Recorder()
    await draft_sections(draft, template, drafter(fake_openai), rec,
                         retry=RetryPolicy(max_attempts=3, base_delay=0.01))
    political = draft.section("political")
    assert political.status == "failed" and political.error == "模型服务出错（500）（已尝试3次）"
    assert rec.failed == [("political", political.error)]
    assert sum(s.status == "done" and bool(s.versions) for s in draft.sections) == SECTIONS - 1
    assert draft.status == "failed"

    fake_openai.faults.remove(fault)
    before = len(fake_openai.requests)
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST)
    assert draft.status == "done" and political.error is None
    assert len(fake_openai.requests) == before + 1, "finished sections are not redone"


async def test_a_rejected_key_is_not_retried_and_never_shown(fake_openai, caplog):
    caplog.set_level(logging.DEBUG)
    fake_openai.fail("500", status=401, times=None)
    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST)
    assert len(fake_openai.requests) == SECTIONS, "no retry can fix a bad key"
    errors = {s.error for s in draft.sections if s.status == "failed"}
    assert errors == {"API 密钥无效或未授权（401），请检查密钥"}
    auth = {r.body.get("model") for r in fake_openai.requests}
    assert auth == {"fake-model"}
    client = drafter(fake_openai).client()
    for shown in (draft.model_dump_json(), caplog.text, repr(client)):
        assert SECRET not in shown


async def test_the_client_does_not_retry_on_its_own(fake_openai):
    """One 429 reaches our retry (with its Retry-After): the HTTP client sends it once."""
    fake_openai.fail("429", match=POLITICAL, retry_after=0.1)
    draft, template = new_draft()
    rec = Recorder()
    await draft_sections(draft, template, drafter(fake_openai), rec, retry=FAST)
    assert len(rec.retries) == 1
    assert sum(r.fault == "429" for r in fake_openai.requests) == 1


async def test_usage_is_counted_when_the_server_reports_none(fake_openai):
    fake_openai.report_usage = False
    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST, only=["study"])
    usage = draft.section("study").versions[-1].usage
    assert usage.estimated and usage.prompt_tokens > 3000 and usage.completion_tokens > 50


async def test_regeneration_keeps_every_version_and_restores_any(fake_openai):
    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST)
    first = draft.section("political").text
    before = len(fake_openai.requests)

    section = await regenerate_section(draft, template, drafter(fake_openai), "political", "更精炼",
                                       retry=FAST)
    assert len(fake_openai.requests) == before + 1, "only that section is asked for"
    request = fake_openai.requests[-1].messages[-1]["content"]
    assert "修改要求：更精炼" in request and first in request
    assert [v.instruction for v in section.versions] == [None, "更精炼"]
    assert len(section.text) < len(first) and section.versions[0].text == first

    section.restore(0)
    assert section.text == first and len(section.versions) == 3
    assert all(s.status == "done" for s in draft.sections if s.versions)


async def test_gaps_in_generated_sections_are_found_in_their_section(fake_openai):
    from shuzhi.session.checking import check_draft

    draft, template = new_draft()
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST)
    political = check_draft(draft, template).for_section("political")
    assert any(f.finding.rule == "placeholder" and "专题研讨" in f.finding.text for f in political)


def test_sync_wrapper_drafts_the_sample_facts_through_the_model(fake_openai, samples):
    facts = load_facts(samples / "facts-2022.yaml")
    template = load_template(facts.template)
    draft = Draft.new(facts, template)
    draft_report(draft, template, drafter(fake_openai), retry=FAST)
    report = draft.assemble()
    assert draft.status == "done" and "理论学习组集中学习12次" in report
    for _number, _level, spec in template.walk_numbered()[1:]:
        assert spec.heading in report


@pytest.mark.parametrize("headers, expected", [
    ({"retry-after": "3"}, 3.0),
    ({"retry-after": "0.25"}, 0.25),
    ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past: no wait
    ({"retry-after": "soon"}, None),
    ({}, None),
])
def test_retry_after_header_forms(headers, expected):
    import httpx

    from shuzhi.drafting.server_errors import retry_after

    assert retry_after(httpx.Headers(headers)) == expected


async def test_a_store_plugs_in_through_on_saved(fake_openai):
    from shuzhi.store import Store

    store = Store()
    draft, template = new_draft()
    store.create(draft)
    save = lambda d, s: store.save_section(d.id, s, status=d.status)  # noqa: E731
    await draft_sections(draft, template, drafter(fake_openai), retry=FAST, on_saved=save)
    await regenerate_section(draft, template, drafter(fake_openai), "political", "突出意识形态工作",
                             retry=FAST, on_saved=save)

    stored = store.get(draft.id)
    assert stored.assemble() == draft.assemble()
    political = stored.section("political")
    assert [v.instruction for v in political.versions] == [None, "突出意识形态工作"]
    assert political.versions[0].usage.completion_tokens > 0


async def test_a_failed_save_does_not_stop_the_other_sections(fake_openai):
    draft, template = new_draft()

    def flaky(d, s):
        if s.id == "study":
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        await draft_sections(draft, template, drafter(fake_openai), retry=FAST, on_saved=flaky)
    assert sum(bool(s.versions) for s in draft.sections) == SECTIONS
