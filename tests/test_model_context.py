"""Where a model's context window comes from (setting, server, table, preset, default), the
server asked once, what it says about concurrency, and `shuzhi models test`."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from pydantic import SecretStr

from shuzhi.config import ModelConfig, load_settings, model_config
from shuzhi.draft import Draft
from shuzhi.drafting.connection import check_connection
from shuzhi.drafting.context import known_window, token_ratio
from shuzhi.drafting.endpoint import forget
from shuzhi.drafting.openai import OpenAIDrafter
from shuzhi.drafting.pipeline import RetryPolicy, draft_sections
from shuzhi.facts import load_facts
from shuzhi.templates import load_template
from shuzhi.testing.fake_openai import FakeOpenAI

FACTS = Path(__file__).parent / "data" / "model-facts-2022.yaml"


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        forget(fake.base_url)  # another test's server on the same port, cached as another kind
        yield fake
        forget(fake.base_url)


def config(server, **kw) -> ModelConfig:
    kw.setdefault("timeout", 5)
    return ModelConfig(base_url=server.base_url, model=kw.pop("model", "fake-model"),
                       api_key=SecretStr("sk-test"), **kw)


def window_of(server, **kw):
    drafter = OpenAIDrafter(config(server, **kw))

    async def ask():
        return drafter.window(await drafter.endpoint())

    return asyncio.run(ask())


@pytest.mark.parametrize("flavour, setup, tokens, source", [
    ("vllm", {}, 20000, "服务端（/v1/models 的 max_model_len）"),
    ("llama.cpp", {}, 20000, "服务端（GET /props 的 n_ctx）"),
    ("ollama", {"show_num_ctx": 6144}, 6144, "服务端（POST /api/show 的 num_ctx）"),
    ("ollama", {}, 4096, "服务端（Ollama 的默认 num_ctx（未在模型中设置））"),
    ("llama-cpp-python", {}, 8192, "默认值"),  # it does not say: learnt from its error instead
    ("openai", {}, 8192, "默认值"),
])
def test_the_server_is_asked_where_it_says(server, flavour, setup, tokens, source):
    server.flavour, server.context_window = flavour, 20000
    for key, value in setup.items():
        setattr(server, key, value)
    window = window_of(server)
    assert (window.tokens, window.source) == (tokens, source)


def test_the_setting_overrides_the_server(server, monkeypatch):
    assert window_of(server, context_window=4096).tokens == 4096
    monkeypatch.setenv("SHUZHI_CONTEXT_WINDOW", "6000")
    settings = load_settings(base_url=server.base_url, model="fake-model")
    assert model_config(settings).context_window == 6000


def test_tables_for_models_the_server_does_not_describe():
    assert known_window("deepseek-chat", "deepseek").tokens == 131072
    assert known_window("moonshot-v1-8k", "kimi").tokens == 8192
    assert known_window("qwen2.5:7b", "ollama").tokens == 4096, "Ollama's default wins"
    assert known_window("my-own-model", None).source == "默认值"
    preset = {"context_window": 32768}
    assert known_window("my-own-model", "kimi", preset).source == "服务商预设"
    assert token_ratio("SmolLM2-135M-Instruct", None) == 1.6 and token_ratio("qwen-plus", "qwen") == 1.0


def test_the_server_is_asked_once_per_endpoint_and_model(server):
    facts = load_facts(FACTS)
    template = load_template(facts.template)
    drafter = OpenAIDrafter(config(server))
    asyncio.run(draft_sections(Draft.new(facts, template), template, drafter))
    asyncio.run(draft_sections(Draft.new(facts, template), template, OpenAIDrafter(config(server))))
    assert server.calls["/v1/models"] == 1
    assert all(r.body["max_tokens"] > 0 for r in server.requests), "max_tokens is always sent"


class Gathering(FakeOpenAI):
    """Holds the first answers until ``most`` streams are open together (30 s at most): how
    many the client sends at once is then seen whatever the machine's load — one section
    finishing before the last one was sent no longer hides it."""

    most = 1
    until: float | None = None  # one deadline for all: a client that sends fewer waits once

    async def _sleep(self, seconds: float) -> None:
        self.until = self.until or time.monotonic() + 30
        while self.max_in_flight < self.most and time.monotonic() < self.until and not self._stopping:
            await asyncio.sleep(0.02)
        await super()._sleep(seconds)


@pytest.mark.parametrize("flavour, slots, most", [("llama.cpp", 2, 2), ("llama-cpp-python", 1, 1),
                                                  ("vllm", 1, 10)])
def test_a_server_that_takes_fewer_requests_at_once_gets_fewer(flavour, slots, most):
    """llama.cpp says its slots; llama-cpp-python serves one at a time and ends a running
    stream when another request arrives, so it gets one."""
    facts = load_facts(FACTS)
    template = load_template(facts.template)
    d = Draft.new(facts, template)
    with Gathering(flavour=flavour) as server:
        server.total_slots, server.ttft, server.most = slots, 0.05, most
        forget(server.base_url)
        # timeout: the probe that learns the concurrency must not time out on a loaded machine
        asyncio.run(draft_sections(d, template, OpenAIDrafter(config(server, timeout=60)),
                                   retry=RetryPolicy(max_attempts=1)))
        forget(server.base_url)
    assert d.status == "done" and server.max_in_flight == most


def test_check_connection_reports_what_the_app_shows(server):
    server.ttft, server.tokens_per_second = 0.1, 200
    report = check_connection(config(server))
    assert report.ok and report.models == ["fake-model"] and report.model_listed
    assert report.window.tokens == 32768 and 0.1 <= report.ttft < 2
    assert report.tokens_per_second and report.completion_tokens > 1
    lines = report.lines()
    assert lines[0] == f"模型服务：{server.base_url}（vLLM）" and lines[-1] == "结论：可以用于起草"
    assert "上下文长度：32768 tokens（来自服务端（/v1/models 的 max_model_len））" in lines


def test_check_connection_says_when_the_model_is_missing(server):
    report = check_connection(config(server, model="qwen-max"))
    assert not report.ok and "没有名为“qwen-max”的模型" in report.problems[0]
    assert len(server.requests) == 0, "no completion asked of a model that is not there"


def test_models_test_command(cli, server):
    ok = cli("models", "test", "--base-url", server.base_url, "--model", "fake-model")
    assert ok.exit_code == 0 and "结论：可以用于起草" in ok.stdout and "首个 token" in ok.stdout
    missing = cli("models", "test", "--base-url", server.base_url, "--model", "nope")
    assert missing.exit_code == 1 and "可用模型：fake-model" in missing.stdout
    assert cli("models", "test").exit_code == 2


def test_a_stream_that_never_ends_fails_its_section_alone(cli, server, tmp_path):
    """Content forever, no finish_reason (issue 11 item 4): the section's deadline stops it;
    the others are written, exit 3."""
    server.fail("forever", match="撰写“（一）从严抓学习入手", times=None)
    result = cli("draft", "--facts", FACTS, "--base-url", server.base_url, "--model", "fake-model",
                 "--deadline", "2", "-o", tmp_path / "r.txt")
    assert result.exit_code == 3, result.stderr
    assert "失败：（一）从严抓学习入手，持续加强党的政治建设（political）：超过 2 秒仍未写完" in result.stderr
    assert "（二）从真抓实干入手" in (tmp_path / "r.txt").read_text("utf-8")
    assert all("max_tokens" in r.body for r in server.requests)


def test_a_cut_section_is_said_and_kept(cli, server, tmp_path):
    result = cli("draft", "--facts", FACTS, "--base-url", server.base_url, "--model", "fake-model",
                 "--max-tokens", "30", "-o", tmp_path / "r.json")
    assert result.exit_code == 0, result.stderr
    assert "截断：（一）从严抓学习入手，持续加强党的政治建设（political）输出达到长度上限" in result.stderr
    assert f"shuzhi regenerate {tmp_path / 'r.json'} --section" in result.stderr
    draft = Draft.model_validate_json((tmp_path / "r.json").read_text("utf-8"))
    assert all(s.versions[-1].cut and s.text for s in draft.sections if s.versions)
