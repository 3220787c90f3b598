"""How ``FakeOpenAI`` answers a chat request: records it, applies the fault it matches or the
flavour's refusal, and streams the writer's text at the configured pace (a mixin: the
attributes are the server's)."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import threading
import time
from typing import TYPE_CHECKING, Any

from shuzhi.testing.fake_openai.recording import Fault, Recorded
from shuzhi.testing.fake_openai.writer import answer, message_text


class Answering:
    model: str
    flavour: str
    context_window: int
    ttft: float
    tokens_per_second: float | None
    chars_per_token: int
    report_usage: bool
    requests: list[Recorded]
    faults: list[Fault]
    queued: list[str]
    in_flight: int
    max_in_flight: int
    holding: bool
    last_answer: float | None
    _lock: threading.Lock
    _stopping: bool

    if TYPE_CHECKING:  # the server's and ``Flavours``'
        def count(self, text: str) -> int: ...

        def _context_refusal(self, record: Recorded, max_tokens: int) -> Any: ...

    def _record(self, body: dict[str, Any], headers: dict[str, str] | None = None
                ) -> tuple[Recorded, Fault | None]:
        prompt = "\n\n".join(message_text(m) for m in body.get("messages", []))
        with self._lock:
            record = Recorded(len(self.requests) + 1, body, prompt, headers=dict(headers or {}))
            self.requests.append(record)
            request = message_text(record.messages[-1]) if record.messages else ""
            fault = next((f for f in self.faults if f.applies(record.number, request)), None)
            if fault:
                fault.hits += 1
                record.fault = fault.kind
        record.prompt_tokens = sum(self.count(message_text(m)) + 4 for m in record.messages)
        return record, fault

    async def _completions(self, request):
        from starlette.responses import JSONResponse, StreamingResponse

        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": {"message": "invalid JSON"}}, status_code=400)
        record, fault = self._record(body, {k.lower(): v for k, v in request.headers.items()})
        if refused := await self._refusal(body, record, fault):
            return refused
        stream = bool(body.get("stream"))
        if self.flavour == "llama-cpp-python" and stream and (
                record.prompt_tokens >= self.context_window or (fault and fault.kind == "context")):
            return StreamingResponse(_nothing(), media_type="text/event-stream")  # its real answer
        if record.prompt_tokens > self.context_window and self.flavour == "ollama":
            record.truncated = True  # Ollama keeps the end of the prompt and says nothing

        with self._lock:
            queued = self.queued.pop(0) if self.queued else None
        text = queued if queued is not None else answer(body.get("messages", []))
        pieces = [text[i:i + self.chars_per_token] for i in range(0, len(text), self.chars_per_token)]
        finish = "stop"
        room = self.context_window - record.prompt_tokens
        limit = min(body.get("max_tokens") or len(pieces), room if room > 0 else len(pieces))
        if len(pieces) > limit:
            pieces, finish = pieces[:limit], "length"
        created = int(time.time())
        completion_id = "chatcmpl-" + hashlib.sha1(record.prompt.encode()).hexdigest()[:16]
        if not stream:
            await self._sleep(self.ttft + len(pieces) / self.tokens_per_second
                              if self.tokens_per_second else self.ttft)
            return JSONResponse({
                "id": completion_id, "object": "chat.completion", "created": created,
                "model": body.get("model", self.model),
                "choices": [{"index": 0, "finish_reason": finish,
                             "message": {"role": "assistant", "content": "".join(pieces)}}],
                "usage": self._usage(record, len(pieces))})
        include_usage = self.report_usage and bool((body.get("stream_options") or {}).get("include_usage"))
        # Usage is counted after the answer is streamed, as a server would, so counting never
        # delays the first token.
        usage = (lambda: self._usage(record, len(pieces))) if include_usage else None
        chunks = self._stream(body, pieces, usage, fault, completion_id, created, finish)
        return StreamingResponse(chunks, media_type="text/event-stream")

    async def _refusal(self, body: dict[str, Any], record: Recorded, fault: Fault | None):
        """An answer instead of a completion: a fault's, a missing model's, a context refusal."""
        from starlette.responses import JSONResponse

        if fault is not None and (refused := await self._fault_answer(fault)) is not None:
            return refused
        if body.get("model") != self.model and self.flavour != "llama-cpp-python":
            return JSONResponse({"error": {"message": f"The model `{body.get('model')}` does not exist.",
                                           "type": "NotFoundError", "code": "model_not_found"}},
                                status_code=404)
        too_long = record.prompt_tokens + (body.get("max_tokens") or 0) > self.context_window
        if self.flavour in ("llama.cpp", "llama-cpp-python"):
            too_long = record.prompt_tokens >= self.context_window  # they shorten max_tokens instead
        if (fault is not None and fault.kind == "context") or (too_long and self.flavour != "ollama"):
            if self.flavour == "llama-cpp-python" and body.get("stream"):
                return None  # an empty stream, above
            return self._context_refusal(record, body.get("max_tokens") or 0)
        return None

    async def _fault_answer(self, fault: Fault):
        """The answer of a fault that replaces the whole response (the others act mid-stream)."""
        from starlette.responses import HTMLResponse, JSONResponse, Response

        kind = fault.kind
        if kind == "429":
            return JSONResponse({"error": {"message": "rate limited", "type": "rate_limit"}},
                                status_code=fault.status or 429,
                                headers={"Retry-After": _seconds(fault.retry_after)})
        if kind == "500":
            return JSONResponse({"error": {"message": "server error", "type": "server_error"}},
                                status_code=fault.status or 500)
        if kind == "hang":
            await self._sleep(fault.hang_seconds)
            return JSONResponse({"error": {"message": "hung"}}, status_code=504)
        if kind == "html":
            return HTMLResponse("<!DOCTYPE html><html><head><title>Welcome</title></head>"
                                "<body><h1>It works</h1></body></html>", status_code=fault.status or 200)
        if kind == "empty":
            return Response(b"", media_type="text/event-stream")
        return None

    async def _stream(self, body, pieces, usage, fault, completion_id, created, finish="stop"):
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            async for chunk in self._chunks(body, pieces, usage, fault, completion_id, created, finish):
                yield chunk
        finally:
            with self._lock:
                self.in_flight -= 1
                self.last_answer = time.monotonic()

    async def _chunks(self, body, pieces, usage, fault, completion_id, created, finish="stop"):
        def event(delta: dict, finish: str | None = None, **extra: Any) -> str:
            chunk = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                     "model": body.get("model", self.model),
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
            return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

        cut_at = None
        if fault and fault.kind in ("cut", "truncate", "stream-error", "badjson"):
            cut_at = fault.after_tokens if fault.after_tokens is not None else len(pieces) // 2
        if fault and fault.kind == "forever":
            pieces = itertools.cycle(pieces or ["好"])
        await self._sleep(self.ttft)
        start = time.monotonic()
        yield event({"role": "assistant", "content": ""})
        for i, piece in enumerate(pieces):
            while self.holding and not self._stopping:
                await asyncio.sleep(0.05)
            if cut_at is not None and i >= cut_at:
                if fault.kind == "cut":
                    raise ConnectionAbortedError("fake OpenAI: stream cut on purpose")
                if fault.kind == "stream-error":
                    yield "data: " + json.dumps({"error": {"object": "error", "message": fault.message,
                                                           "type": "InternalServerError", "code": 500}}) + "\n\n"
                if fault.kind == "badjson":
                    yield 'data: {"id": "chatcmpl-x", "choices": [{"delta": {"content": "半\n\n'
                return  # "truncate": the body ends cleanly, with no finish_reason and no [DONE]
            if self.tokens_per_second:
                # Absolute schedule, so many concurrent streams keep the rate without drift.
                delay = start + i / self.tokens_per_second - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            elif fault and fault.kind == "forever":
                await asyncio.sleep(0.001)
            if self._stopping:
                return
            yield event({"content": piece})
        yield event({}, finish)
        if usage is not None:
            chunk = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                     "model": body.get("model", self.model), "choices": [], "usage": usage()}
            yield f"data: {json.dumps(chunk)}\n\n"
        yield "data: [DONE]\n\n"

    async def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < end:
            await asyncio.sleep(min(0.05, max(0.0, end - time.monotonic())))

    def _usage(self, record: Recorded, completion_tokens: int) -> dict[str, Any]:
        """Prompt tokens counted with cl100k; cached tokens as a provider's prefix cache would
        report them: the longest prefix shared with an earlier prompt, in blocks of 64 tokens."""
        from shuzhi.tokens import count_tokens

        prompt_tokens = record.prompt_tokens
        with self._lock:
            earlier = {r.prompt for r in self.requests[-64:] if r.number < record.number}
        shared = max((_common_prefix(record.prompt, p) for p in earlier), default=0)
        cached = (count_tokens(record.prompt[:shared]) // 64) * 64 if shared else 0
        return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": cached}}


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (fast: compared in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


async def _nothing():
    return
    yield  # an async generator that ends at once: a 200 with an empty SSE body


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
