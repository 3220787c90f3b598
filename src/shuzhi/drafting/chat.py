"""One chat completion over HTTP: the request, its SSE events turned into text pieces, and
every way it can fail turned into a ``DraftingError`` with a Chinese reason
(``server_errors.py``) — never the server's own text or the key."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx

from shuzhi.config import ModelConfig
from shuzhi.drafting import server_errors as errors
from shuzhi.drafting.base import DraftingError

ERROR_BODY_LIMIT = 65536  # bytes of an error answer read to tell the cases apart


async def stream(client: httpx.AsyncClient, config: ModelConfig, messages: list[dict], max_tokens: int,
                 state: dict) -> AsyncIterator[str]:
    """Text pieces as they arrive; ``state`` collects finish_reason, usage and a count of
    events. Every transport failure and every odd answer leaves here as a DraftingError."""
    from httpx_sse import EventSource

    body = {"model": config.model, "messages": messages, "temperature": config.temperature,
            "max_tokens": max_tokens, "stream": True, "stream_options": {"include_usage": True}}
    try:
        async with client.stream("POST", "chat/completions", json=body) as response:
            kind = response.headers.get("content-type", "")
            if response.status_code >= 400:
                raise await status_error(response, config.model)
            if "text/html" in kind:
                raise errors.html_page()
            if "text/event-stream" not in kind:  # a gateway that answered in one piece
                async for text in _whole(response, state):
                    yield text
                return
            async for event in EventSource(response).aiter_sse():
                if event.data.startswith("[DONE]"):
                    break
                chunk = json.loads(event.data)
                state["chunks"] += 1
                if piece := _take(chunk, state, event.data):
                    yield piece
    except httpx.TimeoutException:
        raise DraftingError(f"模型服务超过 {config.timeout:g} 秒没有响应", retryable=True) from None
    except httpx.ConnectError:
        raise DraftingError(f"无法连接到模型服务 {config.base_url}：请确认服务已启动，地址和端口正确",
                            retryable=True) from None
    except httpx.TransportError:
        raise DraftingError("与模型服务的连接中断", retryable=True) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise errors.not_json() from None


async def _whole(response: httpx.Response, state: dict) -> AsyncIterator[str]:
    """A 200 that is not a stream: a whole completion, an error object, or nothing usable."""
    raw = await response.aread()
    if not raw.strip():
        return  # no events at all: the caller diagnoses the empty answer
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("error"):
        raise errors.stream_error(data if isinstance(data, dict) else None, raw.decode("utf-8", "replace"))
    message = ((data.get("choices") or [{}])[0] or {}).get("message") or {}
    state["chunks"] += 1
    state["finish"] = (data.get("choices") or [{}])[0].get("finish_reason")
    state["usage"] = data.get("usage")
    if message.get("content"):
        yield message["content"]


async def status_error(response: httpx.Response, model: str) -> DraftingError:
    text = ""
    try:
        raw = b""
        async for part in response.aiter_bytes():
            raw += part
            if len(raw) > ERROR_BODY_LIMIT:
                break
        text = raw.decode("utf-8", "replace")
    except httpx.HTTPError:
        pass
    try:
        body = json.loads(text) if text else None
    except json.JSONDecodeError:
        body = None
    return errors.status_error(response.status_code, response.headers, body, text, model)


async def diagnose(client: httpx.AsyncClient, model: str, messages: list[dict]) -> DraftingError:
    """After a 200 with an empty stream: the same request unstreamed, for one token, says
    why (llama-cpp-python then answers a too-long prompt with 400 and its window)."""
    body = {"model": model, "messages": messages, "max_tokens": 1, "stream": False}
    for _ in range(2):  # llama-cpp-python resets the connection its empty stream came on
        try:
            async with client.stream("POST", "chat/completions", json=body) as response:
                if response.status_code >= 400:
                    return await status_error(response, model)
                break
        except httpx.TransportError:
            continue
        except httpx.HTTPError:
            break
    return errors.empty_stream()


def _take(chunk: dict, state: dict, raw: str) -> str | None:
    """One streamed chunk: its text, and what it says about the end (finish_reason, usage),
    or an ``error`` object sent inside the stream (vLLM, gateways)."""
    if not isinstance(chunk, dict):
        raise errors.not_json()
    if chunk.get("error"):
        raise errors.stream_error(chunk, raw)
    if chunk.get("usage"):
        state["usage"] = chunk["usage"]
    choices = chunk.get("choices")
    if not choices:
        return None
    choice = choices[0]
    state["finish"] = choice.get("finish_reason") or state["finish"]
    return (choice.get("delta") or {}).get("content")
