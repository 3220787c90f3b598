"""Full drafts against a real model server (llama-cpp-python + SmolLM2-135M, CPU only).

At 135M parameters the text is nonsense: these tests assert structure, accounting and error
behaviour — what a user would see go wrong — never prose. The server sends no usage in its
streams, answers a too-long streamed prompt with 200 and an empty body, serves one request
at a time and ends a running stream when another arrives: all of it real, none of it ours.
``--max-tokens`` keeps each section short so a CPU-only run stays within minutes; the
section deadline is raised (``DEADLINE``) because a shared 2-core machine evaluates a
shortened, unshared prompt at a few dozen tokens a second.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from shuzhi.config import ModelConfig
from shuzhi.draft import Draft
from shuzhi.drafting.base import DraftCallback
from shuzhi.drafting.endpoint import forget
from shuzhi.drafting.openai import OpenAIDrafter
from shuzhi.drafting.pipeline import RetryPolicy, draft_sections
from shuzhi.facts import load_facts
from shuzhi.templates import load_template

from .conftest import MODEL

pytestmark = [pytest.mark.slow, pytest.mark.realserver, pytest.mark.timeout(1800)]
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "facts-2022.yaml"
MINIMAL = ROOT / "samples" / "facts-minimal.yaml"
REFUSAL_END = "（可用 --context-window 或换用更长上下文的模型）"
DEADLINE = "1500"


class Seen(DraftCallback):
    def __init__(self):
        self.retries: list[str] = []

    def on_section_retry(self, section, attempt, reason, wait):
        self.retries.append(reason)


def drafter(server, **config) -> OpenAIDrafter:
    forget(server.base_url)
    return OpenAIDrafter(ModelConfig(base_url=server.base_url, model=MODEL, api_key=SecretStr("not-needed"),
                                     timeout=120, **config))


def assert_accounted(sections):
    for s in sections:
        usage = s.versions[-1].usage
        assert usage.prompt_tokens > 100 and usage.completion_tokens > 0, s.id
        assert usage.estimated, "the server sends no usage in streams: ours, and said to be ours"
        assert usage.finish_reason in ("stop", "length")
        assert s.versions[-1].cut == (usage.finish_reason == "length")


def test_cli_drafts_the_sample_at_8192(llama_server, shuzhi_proc, tmp_path):
    """9,177 tokens of full prompt on this tokenizer, in a window of 8,192: shortened, never
    sent whole (the server would answer with an empty stream), every section done."""
    server = llama_server(8192)
    out = tmp_path / "draft.json"
    result = shuzhi_proc("draft", "--facts", SAMPLE, "--base-url", server.base_url, "--model", MODEL,
                         "--max-tokens", "24", "--deadline", DEADLINE, "-o", out, timeout=1700)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    draft = Draft.model_validate_json(out.read_text("utf-8"))
    written = [s for s in draft.sections if s.versions]
    assert len(written) == 10 and draft.status == "done"
    assert_accounted(written)
    assert all(s.versions[-1].usage.compacted for s in written), "the full prompt does not fit 8192"
    assert "服务端未报告用量，按分词估算" in result.stderr
    if any(s.versions[-1].cut for s in written):
        assert "截断：" in result.stderr and "续写被截断的部分" in result.stderr
    report = draft.assemble()
    for s in draft.sections:
        assert s.heading_line in report


def test_library_drafts_in_order_on_a_server_that_takes_one_request(llama_server):
    """All ten sections are started together by default; this server would end each running
    stream when the next request came. It is recognised and given one at a time."""
    server = llama_server(8192)
    facts = load_facts(MINIMAL)
    template = load_template(facts.template)
    draft = Draft.new(facts, template)
    seen = Seen()
    backend = drafter(server, max_tokens=24)
    asyncio.run(draft_sections(draft, template, backend, seen, retry=RetryPolicy(max_attempts=2),
                               deadline=float(DEADLINE)))
    assert backend.concurrency_limit == 1
    assert draft.status == "done", [(s.id, s.error) for s in draft.sections if s.error]
    assert not any("中途中断" in r for r in seen.retries), "no stream was cut by the next request"
    written = [s for s in draft.sections if s.versions]
    assert len(written) == 10
    assert_accounted(written)
    assert all(s.versions[-1].usage.compacted is None for s in written), "small facts fit whole"


def test_cli_at_4096_every_section_done_or_refused(llama_server, shuzhi_proc, tmp_path):
    """The hard case: ~1.8 tokens a Chinese character, 4,096 in all. The server is not told
    and does not say; each section is written (cut where the window ran out) or refused
    before sending with the one line — never an internal error."""
    server = llama_server(4096)
    out = tmp_path / "draft.json"
    result = shuzhi_proc("draft", "--facts", SAMPLE, "--base-url", server.base_url, "--model", MODEL,
                         "--max-tokens", "24", "--deadline", DEADLINE, "-o", out, timeout=1700)
    assert result.returncode in (0, 3), result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    draft = Draft.model_validate_json(out.read_text("utf-8"))
    for s in draft.sections:
        if s.status == "failed":
            assert s.error.startswith("提示词约 ") and REFUSAL_END in s.error, s.error
        else:
            assert s.status == "done"
    assert_accounted([s for s in draft.sections if s.versions])


def test_a_window_claimed_too_large_is_learnt_from_the_servers_refusal(llama_server):
    """Told 32,768 while the server has 4,096: the whole prompt goes out, llama-cpp-python
    answers 200 with an empty stream, the same request unstreamed gives its window, and the
    section is fitted again and written."""
    server = llama_server(4096)
    facts = load_facts(SAMPLE)
    template = load_template(facts.template)
    draft = Draft.new(facts, template)
    seen = Seen()
    asyncio.run(draft_sections(draft, template, drafter(server, context_window=32768, max_tokens=24),
                               seen, only=["safety"], retry=RetryPolicy(max_attempts=3),
                               deadline=float(DEADLINE)))
    safety = draft.section("safety")
    assert safety.status == "done", safety.error
    assert seen.retries and "服务端的模型上下文为 4096 tokens" in seen.retries[0]
    assert safety.versions[-1].usage.compacted


def test_a_window_too_small_for_any_prompt_is_refused_before_sending(llama_server):
    server = llama_server(2048)
    facts = load_facts(SAMPLE)
    template = load_template(facts.template)
    draft = Draft.new(facts, template)
    asyncio.run(draft_sections(draft, template, drafter(server, context_window=2048), only=["safety"],
                               retry=RetryPolicy(max_attempts=2)))
    error = draft.section("safety").error
    assert error.startswith("提示词约 ") and error.endswith("超出模型上下文 2048" + REFUSAL_END), error


def test_models_test_on_the_real_server(llama_server, shuzhi_proc):
    server = llama_server(8192)
    result = shuzhi_proc("models", "test", "--base-url", server.base_url, "--model", MODEL, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"模型服务：{server.base_url}（llama-cpp-python）"
    assert "可用模型：smollm2" in lines and any(line.startswith("短请求：首个 token") for line in lines)
    assert json.dumps(lines, ensure_ascii=False).count("上下文长度：8192 tokens") == 1
