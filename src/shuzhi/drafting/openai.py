"""The model backend: any OpenAI-compatible chat model, streamed through the ``openai`` SDK.

DeepSeek, Qwen (DashScope compatible mode), GLM, Kimi, OpenAI, or a local Ollama / vLLM /
llama.cpp server: all speak the same protocol, so one class with a base URL, a model name and
a key.

Why the SDK and not langchain-openai's ChatOpenAI (which wraps this same SDK): importing
langchain costs more than a second before the first request of ``shuzhi draft``, and its
chunk objects hide what we must see — ``finish_reason`` (a section cut at ``max_tokens``),
an empty 200 stream, the response's content type. Nothing here uses a chain or a tool.

Before a section is sent its prompt is fitted into the model's context window (``fit.py``):
the window from the setting, the server (``endpoint.py``) or the tables (``context.py``), the
prompt counted by the server's tokenizer where it has one, and ``max_tokens`` always sent.
A window the server reveals only in an error is learnt and the section is fitted again.

The client's own retries are off (``max_retries=0``): the pipeline retries each section
itself, with backoff that honours ``Retry-After``. Every failure becomes a ``DraftingError``
with a Chinese reason (``server_errors.py``); never the server's own text or the key.
"""

from __future__ import annotations

import asyncio
import json
import math
import weakref
from collections.abc import AsyncIterator

import openai

from shuzhi.config import ModelConfig
from shuzhi.draft import Usage
from shuzhi.drafting import server_errors as errors
from shuzhi.drafting.base import Drafter, DraftingError, SectionRequest
from shuzhi.drafting.context import CL100K_PER_CHAR, Window, known_window, output_budget, token_ratio
from shuzhi.drafting.endpoint import Endpoint, count_tokens, endpoint_for
from shuzhi.drafting.fit import Plan, fit
from shuzhi.drafting.prompts import Prompt
from shuzhi.tokens import MESSAGE_OVERHEAD, estimate_cost, usage_from_server
from shuzhi.tokens import count_tokens as cl100k

SELF_HOSTED = ("ollama", "vllm")  # presets of servers a unit runs itself


class OpenAIDrafter(Drafter):
    name = "openai"
    needs_key = True
    streams = True

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._counts: dict[str, int] = {}  # text → the server's token count
        self._ratio: float | None = None  # measured model tokens per cl100k token

    # -- the client ----------------------------------------------------------------------
    def client(self) -> openai.AsyncOpenAI:
        """One client per event loop: an HTTP connection pool belongs to the loop that opened
        it, and the app runs each session's draft in its own loop."""
        loop = asyncio.get_running_loop()
        client = self._by_loop.get(loop)
        if client is None:
            config = self.config
            client = self._by_loop[loop] = openai.AsyncOpenAI(
                base_url=config.base_url, api_key=config.api_key.get_secret_value(),
                timeout=config.timeout, max_retries=0)
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

    async def count(self, prompt: Prompt, ep: Endpoint) -> int:
        """Prompt tokens of both messages: the server's tokenizer where it has one (each text
        counted once: the system message is shared), else cl100k × the model's ratio."""
        total = 2 * MESSAGE_OVERHEAD
        for text in (prompt.system, prompt.user):
            if ep.tokenize and text not in self._counts:
                counted = await count_tokens(self.client(), ep, self.config.model, text)
                if counted is not None:
                    self._counts[text] = counted
                    if len(text) > 1000:  # long enough to measure the tokenizer by
                        self._ratio = counted / max(1, cl100k(text))
            total += self._counts[text] if text in self._counts else \
                math.ceil(cl100k(text) * self.ratio() * 1.05)
        return total

    async def plan(self, request: SectionRequest) -> tuple[Plan, Endpoint, Window]:
        ep = await self.endpoint()
        window = self.window(ep)
        budget = output_budget(request.spec, self.ratio() * CL100K_PER_CHAR, self.config.max_tokens)
        plan = await fit(request, window, budget, lambda p: self.count(p, ep))
        return plan, ep, window

    # -- one section ---------------------------------------------------------------------
    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        plan, ep, window = await self.plan(request)
        messages = [{"role": "system", "content": plan.prompt.system},
                    {"role": "user", "content": plan.prompt.user}]
        pieces: list[str] = []
        state = {"finish": None, "usage": None, "chunks": 0}
        try:
            async for text in self._stream(messages, plan.max_tokens, state):
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

    async def _stream(self, messages, max_tokens: int, state: dict) -> AsyncIterator[str]:
        """Text pieces as they arrive; ``state`` collects finish_reason, usage and a count of
        chunks. Every client and transport failure leaves here as a DraftingError."""
        config = self.config
        try:
            stream = await self.client().chat.completions.create(
                model=config.model, messages=messages, temperature=config.temperature,
                max_tokens=max_tokens, stream=True, stream_options={"include_usage": True})
            if "text/html" in (stream.response.headers.get("content-type") or ""):
                await stream.close()
                raise errors.html_page()
            async for chunk in stream:
                state["chunks"] += 1
                if chunk.usage:
                    state["usage"] = chunk.usage
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta is not None and choice.delta.content:
                    yield choice.delta.content
                state["finish"] = choice.finish_reason or state["finish"]
        except openai.APIStatusError as exc:
            raise self.status_error(exc) from None
        except openai.APITimeoutError:
            raise DraftingError(f"模型服务超过 {config.timeout:g} 秒没有响应", retryable=True) from None
        except openai.APIConnectionError as exc:
            raise connection_error(exc, config.base_url) from None
        except openai.APIResponseValidationError:
            raise errors.not_json() from None
        except openai.APIError as exc:  # an ``error`` object inside the stream
            body = exc.body if isinstance(exc.body, dict) else None
            raise errors.stream_error({"error": body} if body else None, json.dumps(body or {})) from None
        except json.JSONDecodeError:
            raise errors.not_json() from None

    def status_error(self, exc: openai.APIStatusError) -> DraftingError:
        try:
            text = exc.response.text
        except Exception:  # noqa: BLE001 — a streamed body that cannot be read any more
            text = ""
        return errors.status_error(exc.status_code, exc.response.headers, exc.body, text,
                                   self.config.model)

    async def diagnose(self, messages) -> DraftingError:
        """After a 200 with an empty stream: the same request unstreamed, for one token, says
        why (llama-cpp-python then answers a too-long prompt with 400 and its window)."""
        try:
            await self.client().chat.completions.create(model=self.config.model, messages=messages,
                                                        max_tokens=1, stream=False)
        except openai.APIStatusError as exc:
            return self.status_error(exc)
        except (openai.OpenAIError, ValueError):
            pass
        return errors.empty_stream()

    def learn_or(self, error: DraftingError, ep: Endpoint, window: Window, plan: Plan) -> DraftingError:
        return self.learn(error, ep, window, plan) if isinstance(error, errors.ContextExceeded) else error

    def learn(self, exc: errors.ContextExceeded, ep: Endpoint, window: Window, plan: Plan) -> DraftingError:
        """A context-length refusal: when it teaches us something (a smaller window, or more
        prompt tokens than we counted), remember it and fit again at once; else say so."""
        if exc.window and exc.window < window.tokens:
            ep.window, ep.window_note = exc.window, LEARNT
            return DraftingError(f"服务端的模型上下文为 {exc.window} tokens（{window.source}为 "
                                 f"{window.tokens}），已按此重新压缩提示词", retryable=True, retry_after=0)
        if exc.prompt_tokens and exc.prompt_tokens > plan.prompt_tokens:
            self._ratio = self.ratio() * exc.prompt_tokens / plan.prompt_tokens * 1.05
            return DraftingError(f"服务端计得提示词 {exc.prompt_tokens} tokens（多于估计的 "
                                 f"{plan.prompt_tokens}），已重新压缩提示词", retryable=True, retry_after=0)
        return exc

    def usage(self, plan: Plan, pieces: list[str], state: dict) -> Usage:
        server = usage_from_server(state["usage"].model_dump()) if state["usage"] else None
        usage = server or Usage(prompt_tokens=plan.prompt_tokens,
                                completion_tokens=math.ceil(cl100k("".join(pieces)) * self.ratio()),
                                estimated=True)
        usage.cost = estimate_cost(usage, self.config.model, self.config.provider)
        usage.finish_reason = state["finish"]
        usage.compacted = None if plan.step == "full" else plan.step
        return usage


LEARNT = "服务端报错中给出"


def connection_error(exc: openai.APIConnectionError, base_url: str) -> DraftingError:
    cause = type(exc.__cause__).__name__ if exc.__cause__ else ""
    if cause == "ConnectError":
        return DraftingError(f"无法连接到模型服务 {base_url}：请确认服务已启动，地址和端口正确",
                             retryable=True)
    return DraftingError("与模型服务的连接中断", retryable=True)
