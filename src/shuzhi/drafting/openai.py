"""The model backend: any OpenAI-compatible chat model, streamed over HTTP (httpx + httpx-sse).

DeepSeek, Qwen (DashScope compatible mode), GLM, Kimi, OpenAI, or a local Ollama / vLLM /
llama.cpp server: all speak the same protocol, so one class with a base URL, a model name and
a key.

Why not langchain-openai's ChatOpenAI, nor the ``openai`` SDK it wraps: the protocol we use is
one POST and a stream of small JSON events, and both layers cost more than they give here.
Importing langchain takes over a second before the first request of ``shuzhi draft``, the
SDK alone 0.35 s of CPU (httpx + httpx-sse: 0.1 s); each streamed chunk becomes a pydantic
object (the SDK) and a message chunk with callbacks (langchain) where ``json.loads`` is
enough — and client CPU per token is what bounds how many users one app process serves
(bench/load.py). Nothing here uses a chain, a tool or structured output. Both libraries stay
available to code that wants them; this backend needs neither.

Before a section is sent its prompt is fitted into the model's context window (``fit.py``):
the window from the setting, the server (``endpoint.py``) or the tables (``context.py``), the
prompt counted by the server's tokenizer where it has one, and ``max_tokens`` always sent.
A window the server reveals only in an error is learnt and the section is fitted again.

The request itself, its stream and its failures are ``chat.py``. Nothing is retried here: the
pipeline retries each section itself, with backoff that honours ``Retry-After``. Every failure
becomes a ``DraftingError`` with a Chinese reason (``server_errors.py``); never the server's
own text or the key.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections.abc import AsyncIterator
from typing import Any

import httpx

from shuzhi.config import ModelConfig
from shuzhi.draft import Usage
from shuzhi.drafting import chat
from shuzhi.drafting import server_errors as errors
from shuzhi.drafting.base import Drafter, DraftingError, SectionRequest
from shuzhi.drafting.context import CL100K_PER_CHAR, Window, known_window, output_budget, token_ratio
from shuzhi.drafting.endpoint import Endpoint, count_tokens, endpoint_for
from shuzhi.drafting.fit import Plan, fit
from shuzhi.drafting.prompts import STEPS, Prompt, system_prompt
from shuzhi.tokens import estimate_cost, usage_from_server

SELF_HOSTED = ("ollama", "vllm")  # presets of servers a unit runs itself
TEMPLATE_TOKENS = 24  # the chat template around two messages and the reply's opening
SHARED = "headings"  # the last compaction step whose system prompt all sections share


class OpenAIDrafter(Drafter):
    name = "openai"

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._counts: dict[str, int] = {}  # text → the server's token count
        self._estimates: dict[str, int] = {}  # text → its cl100k count
        self._ratio: float | None = None  # measured model tokens per cl100k token
        self._shared: set[str] = set()  # drafts (their full system prompt) fitted at SHARED

    # -- the client ----------------------------------------------------------------------
    def client(self) -> httpx.AsyncClient:
        """One client per event loop: an HTTP connection pool belongs to the loop that opened
        it, and the app runs each session's draft in its own loop. The key goes in a header
        to this base URL's server only, never into a URL or a message."""
        loop = asyncio.get_running_loop()
        client = self._by_loop.get(loop)
        if client is None:
            config = self.config
            client = self._by_loop[loop] = httpx.AsyncClient(
                base_url=config.base_url.rstrip("/") + "/", timeout=config.timeout,
                headers={"Authorization": f"Bearer {config.api_key.get_secret_value()}"},
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=64))
        return client

    @property
    def source(self) -> str:
        return f"model:{self.config.model}"

    # -- what the endpoint takes --------------------------------------------------------
    def should_ask(self) -> bool:
        """Ask self-hosted servers (a base URL of one's own, the Ollama and vLLM presets); a
        public provider's preset is known from the tables, without extra requests."""
        return self.config.provider is None or self.config.provider in SELF_HOSTED

    async def endpoint(self) -> Endpoint:
        config = self.config
        return await endpoint_for(self.client(), config.base_url, config.model, config.provider,
                                  ask=self.should_ask())

    async def prepare(self) -> None:
        ep = await self.endpoint()
        self.concurrency_limit = ep.concurrency

    def window(self, ep: Endpoint) -> Window:
        """Learnt from the server's own error first (it is the fact), then the setting, what
        the server reports, and the tables."""
        if ep.window and ep.window_note == LEARNT:
            return Window(ep.window, "服务端报错")
        if self.config.context_window:
            return Window(self.config.context_window, "--context-window")
        if ep.window:
            return Window(ep.window, f"服务端（{ep.window_note}）")
        preset = None
        if self.config.provider:
            from shuzhi.config import provider_preset

            preset = provider_preset(self.config.provider)[1]
        return known_window(self.config.model, self.config.provider, preset)

    def ratio(self) -> float:
        return self._ratio or token_ratio(self.config.model, self.config.provider)

    def bound(self, prompt: Prompt) -> int:
        """The most tokens the prompt can take: byte-level BPE and SentencePiece with byte
        fallback never spend more than one token per UTF-8 byte. Below the window, nothing
        needs counting (no tokenizer to load before the first request)."""
        return sum(len(t.encode("utf-8")) for t in (prompt.system, prompt.user)) + TEMPLATE_TOKENS

    def estimate(self, prompt: Prompt) -> int:
        """cl100k × the model's ratio, with a margin; each text counted once."""
        from shuzhi.tokens import count_tokens as cl100k

        total = TEMPLATE_TOKENS
        for text in (prompt.system, prompt.user):
            if text not in self._estimates:
                if len(self._estimates) > 256:
                    self._estimates.clear()
                self._estimates[text] = cl100k(text)
            total += math.ceil(self._estimates[text] * self.ratio() * 1.05)
        return total

    async def count(self, prompt: Prompt, ep: Endpoint) -> int:
        """Prompt tokens: the server's tokenizer where it has one (each text asked once: the
        system message is shared), else the estimate."""
        if not ep.tokenize:
            return self.estimate(prompt)
        total = TEMPLATE_TOKENS
        for text in (prompt.system, prompt.user):
            if text not in self._counts:
                counted = await count_tokens(self.client(), ep, self.config.model, text)
                if counted is None:
                    return self.estimate(prompt)
                if len(self._counts) > 256:
                    self._counts.clear()
                self._counts[text] = counted
                if len(text) > 1000:  # long enough to measure the tokenizer by
                    from shuzhi.tokens import count_tokens as cl100k

                    self._ratio = counted / max(1, cl100k(text))
            total += self._counts[text]
        return total

    async def plan(self, request: SectionRequest) -> tuple[Plan, Endpoint, Window]:
        ep = await self.endpoint()
        window = self.window(ep)
        budget = output_budget(request.spec, self.ratio() * CL100K_PER_CHAR, self.config.max_tokens)
        # Once one section of a draft needs the step that still shares the system prompt, the
        # others start there too: alternating between two prefixes would make a server's prompt
        # cache evaluate the long shared part again for every other section.
        draft = system_prompt(request.template, request.facts)  # rendered once per draft (cached)
        start = SHARED if draft in self._shared else STEPS[0]
        plan = await fit(request, window, budget, lambda p: self.count(p, ep), self.bound, start)
        if plan.step == SHARED:
            if len(self._shared) > 64:
                self._shared.clear()
            self._shared.add(draft)
        return plan, ep, window

    # -- one section ---------------------------------------------------------------------
    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        plan, ep, window = await self.plan(request)
        messages = [{"role": "system", "content": plan.prompt.system},
                    {"role": "user", "content": plan.prompt.user}]
        pieces: list[str] = []
        state: dict[str, Any] = {"finish": None, "usage": None, "chunks": 0}
        try:
            async for text in self.stream_messages(messages, plan.max_tokens, state):
                pieces.append(text)
                yield text
        except errors.ContextExceeded as exc:
            raise self.learn(exc, ep, window, plan) from None
        if state["chunks"] == 0:  # llama-cpp-python's answer to a prompt it cannot take
            raise self.learn_or(await self.diagnose(messages), ep, window, plan)
        if state["finish"] is None:
            raise errors.cut_stream(ep.kind == "llama-cpp-python")
        if state["finish"] == "content_filter":
            raise DraftingError("模型服务的内容审核拦截了输出", retryable=False)
        request.usage = self.usage(plan, pieces, state)

    def stream_messages(self, messages: list[dict], max_tokens: int, state: dict) -> AsyncIterator[str]:
        """Text pieces as they arrive (``shuzhi.drafting.chat``)."""
        return chat.stream(self.client(), self.config, messages, max_tokens, state)

    async def diagnose(self, messages: list[dict]) -> DraftingError:
        return await chat.diagnose(self.client(), self.config.model, messages)

    def learn_or(self, error: DraftingError, ep: Endpoint, window: Window, plan: Plan) -> DraftingError:
        return self.learn(error, ep, window, plan) if isinstance(error, errors.ContextExceeded) else error

    def learn(self, exc: errors.ContextExceeded, ep: Endpoint, window: Window, plan: Plan) -> DraftingError:
        """A context-length refusal: what it teaches is kept — the server's count of this very
        prompt (its tokenizer, measured) and its window — and the section is fitted again at
        once; a refusal that teaches nothing is said as it is."""
        learnt = []
        if exc.prompt_tokens and not ep.tokenize:  # its tokenizer, measured on this prompt
            self.estimate(plan.prompt)
            cl100k = sum(self._estimates[t] for t in (plan.prompt.system, plan.prompt.user))
            measured = max(0.3, exc.prompt_tokens / max(1, cl100k))
            if abs(measured - self.ratio()) > 0.05 * self.ratio():
                self._ratio = measured
                learnt.append(f"服务端计得提示词 {exc.prompt_tokens} tokens")
        if exc.window and exc.window < window.tokens:
            ep.window, ep.window_note = exc.window, LEARNT
            learnt.append(f"服务端的模型上下文为 {exc.window} tokens（{window.source}为 {window.tokens}）")
        if not learnt:
            return exc
        return DraftingError(f"{'，'.join(learnt)}，已按此重新压缩提示词", retryable=True, retry_after=0)

    def usage(self, plan: Plan, pieces: list[str], state: dict) -> Usage:
        from shuzhi.tokens import count_tokens as cl100k

        server = usage_from_server(state["usage"]) if isinstance(state["usage"], dict) else None
        usage = server or Usage(prompt_tokens=plan.prompt_tokens if plan.counted else self.estimate(plan.prompt),
                                completion_tokens=math.ceil(cl100k("".join(pieces)) * self.ratio()),
                                estimated=True)
        usage.cost = estimate_cost(usage, self.config.model, self.config.provider)
        usage.finish_reason = state["finish"]
        usage.compacted = None if plan.step == "full" else plan.step
        return usage


LEARNT = "服务端报错中给出"
