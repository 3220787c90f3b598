"""What real OpenAI-compatible servers do when something is wrong, through the real client
against the fake server imitating each of them: every case ends in a Chinese reason that says
what to do, is retried only when a retry can help, and never reads 内部错误（…）."""

from __future__ import annotations

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
from shuzhi.testing.fake_openai import FakeOpenAI

FACTS = Path(__file__).parent / "data" / "model-facts-2022.yaml"
POLITICAL = "撰写“（一）从严抓学习入手"
FAST = RetryPolicy(max_attempts=3, base_delay=0.01)


class Retries(DraftCallback):
    def __init__(self):
        self.reasons: list[str] = []

    def on_section_retry(self, section, attempt, reason, wait):
        self.reasons.append(reason)


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake
        forget(fake.base_url)


def drafter(server, model: str = "fake-model", **config) -> OpenAIDrafter:
    # No test here is about a slow server: the timeout only has to outlast a loaded machine
    # (a tokenizer count that timed out at 5 s is never asked again, and the estimate with
    # its margin does not fit the window tests' 3000).
    return OpenAIDrafter(ModelConfig(base_url=server.base_url, model=model,
                                     api_key=SecretStr("sk-test"), timeout=60, **config))


async def draft(server, only=("political",), **config):
    facts = load_facts(FACTS)
    template = load_template(facts.template)
    d = Draft.new(facts, template)
    rec = Retries()
    await draft_sections(d, template, drafter(server, **config), rec, retry=FAST, only=list(only))
    return d, rec


def completions(server) -> int:
    return len(server.requests)


@pytest.mark.parametrize("kind, options, reason, sent", [
    # 200 and no events at all (llama-cpp-python's answer to a prompt it cannot take, or a
    # proxy that swallowed the stream): retried, then said
    ("empty", {}, "模型服务返回了空的输出（HTTP 200，没有任何内容）", 6),
    # an error object inside the SSE stream after some text (vLLM, gateways): retried
    ("stream-error", {}, "模型服务在输出过程中报告了错误（流中的 error 对象）", 3),
    # a web page where the API should be: a wrong --base-url; no retry can fix it
    ("html", {}, "该地址返回的是网页，不是模型接口：请检查 --base-url", 1),
    # a proxy's 502 page: the model behind it may come back
    ("html", {"status": 502}, "模型服务前的网关或代理出错（502，返回的是网页）", 3),
    # a data line that is not JSON: not a compatible API (or a rewriting proxy)
    ("badjson", {}, "模型服务返回的数据不是有效的 JSON", 1),
    # a stream that ends without finish_reason: retried
    ("truncate", {}, "模型输出中途中断（未收到结束标记）", 3),
])
async def test_each_server_fault_has_its_reason(server, kind, options, reason, sent):
    server.fail(kind, match=POLITICAL, times=None, **options)
    d, _rec = await draft(server)
    political = d.section("political")
    assert political.status == "failed"
    assert political.error.startswith(reason), political.error
    assert "内部错误" not in political.error
    assert completions(server) == sent, "retried only where a retry can help"


async def test_a_transient_stream_error_is_retried_and_the_section_written(server):
    server.fail("stream-error", match=POLITICAL, times=1)
    d, rec = await draft(server)
    assert d.section("political").status == "done" and len(rec.reasons) == 1
    assert "一是" in d.section("political").text


async def test_a_model_the_server_does_not_have(server):
    d, _ = await draft(server, model="qwen2.5:7b")
    error = d.section("political").error
    assert error.startswith("模型服务中没有名为“qwen2.5:7b”的模型（404）：可用 shuzhi models test")
    assert completions(server) == 1


async def test_nothing_listening(unused_tcp_port):
    class Nowhere:
        base_url = f"http://127.0.0.1:{unused_tcp_port}/v1"

    d, rec = await draft(Nowhere)
    assert d.section("political").error.startswith(f"无法连接到模型服务 {Nowhere.base_url}")
    assert len(rec.reasons) == FAST.max_attempts - 1, "the server may be starting: retried"
    forget(Nowhere.base_url)


@pytest.mark.parametrize("flavour", ["vllm", "llama.cpp", "openai", "llama-cpp-python"])
async def test_a_window_smaller_than_we_thought_is_learnt_and_the_prompt_fitted(server, flavour):
    """The user said 32768; the server has 3000 and says so only when refusing (each in its
    own words — llama-cpp-python even with an empty stream). The refusal is not the end: the
    window is learnt and the section is fitted again, at once."""
    server.flavour, server.context_window = flavour, 3000
    forget(server.base_url)  # what an earlier test's server on this port said is not this one's
    d, rec = await draft(server, context_window=32768)
    political = d.section("political")
    assert political.status == "done", political.error
    assert rec.reasons and "服务端的模型上下文为 3000 tokens" in rec.reasons[0]
    accepted = server.requests[-1]
    assert accepted.prompt_tokens + accepted.body["max_tokens"] <= 3000 or flavour.startswith("llama")
    assert political.versions[-1].usage.compacted in ("headings", "terms", "own")


async def test_a_context_refusal_that_teaches_nothing_is_said_once(server):
    """413 without a size (a gateway's body limit, or a server that will not say)."""
    server.fail("500", status=413, match=POLITICAL, times=None)
    d, _ = await draft(server)
    assert d.section("political").error.startswith("提示词超出模型上下文：可用 --context-window")
    assert completions(server) == 1


async def test_a_section_cut_at_max_tokens_is_kept_and_marked(server):
    d, _ = await draft(server, max_tokens=40)
    political = d.section("political")
    assert political.status == "done" and political.versions[-1].cut
    assert server.requests[-1].body["max_tokens"] == 40
    assert 0 < len(political.text) <= 2 * 40 + 2, "the text written before the limit is kept"


async def test_ollama_never_gets_a_prompt_it_would_cut_silently(server):
    """Ollama drops the start of a prompt longer than num_ctx without a word: the rules would
    go. Its /api/show says num_ctx, and every prompt is fitted under it."""
    server.flavour, server.context_window, server.show_num_ctx = "ollama", 3000, 3000
    server.model = "qwen2.5:7b"  # a tokenizer the table knows: Ollama has no tokenize endpoint
    d, _ = await draft(server, model="qwen2.5:7b", only=("study", "political", "safety"))
    assert all(d.section(s).status == "done" for s in ("study", "political", "safety"))
    assert server.calls.get("/api/show") == 1, "asked once for the draft"
    assert not any(r.truncated for r in server.requests)
    assert all(r.prompt_tokens + r.body["max_tokens"] <= 3000 for r in server.requests)


async def test_ollama_without_num_ctx_is_held_to_its_default(server):
    server.flavour, server.context_window = "ollama", 4096  # Ollama's default num_ctx
    server.model = "qwen2.5:7b"
    d, _ = await draft(server, model="qwen2.5:7b", provider="ollama")
    assert d.section("political").status == "done"
    assert not any(r.truncated for r in server.requests)


async def test_a_prompt_that_cannot_fit_is_refused_before_sending(server):
    server.context_window = 1200
    d, _ = await draft(server)
    error = d.section("political").error
    assert error.startswith("提示词约 ") and error.endswith(
        "超出模型上下文 1200（可用 --context-window 或换用更长上下文的模型）"), error
    assert completions(server) == 0, "nothing was sent"
