"""A local OpenAI-compatible server for tests and benchmarks: real sockets, SSE, faults.

Model-drafting code is tested through its real HTTP client against this server (and the fake
itself through the ``openai`` SDK), never through a patched client. It answers deterministically, in
Chinese, and respects the request: asked for a section it writes that section's facts
(figures echoed exactly as the facts give them, ``【待补充：…】`` for empty ones) in
``一是……二是……`` paragraphs when the request asks for them, padded to the requested length.

Usage::

    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI(ttft=0.05, tokens_per_second=200) as server:
        server.base_url            # "http://127.0.0.1:PORT/v1" — give it to ChatOpenAI / --base-url
        server.fail("429", match="从严抓学习", times=1, retry_after=0.1)
        server.fail("cut", requests=[2])          # the 2nd request's stream breaks halfway
        ...                                       # run the client
        server.requests                           # [Recorded(number, body, prompt, fault, headers)]
        server.prompts()                          # the prompt text of every request, in order

Also a pytest fixture ``fake_openai`` (tests/conftest.py) yields a started server, and
``python -m shuzhi.testing.fake_openai --port 8765 --ttft 0.5 --rate 40`` runs one in the
foreground (the benchmark runs it as a separate process so its CPU time is not the client's).

As a stand-in for a remote host: give the client ``http://model.cloud.test/v1`` as its base
URL and this server as its ``HTTP_PROXY`` (with ``NO_PROXY=127.0.0.1,localhost``); requests
arrive in absolute form and are answered as usual, ``Recorded.host`` naming the remote host.

Knobs (plain attributes, change them at any time):
  ``ttft`` seconds before the first token; ``tokens_per_second`` decode rate per stream
  (``None``: as fast as possible); ``chars_per_token`` how many characters one streamed
  token carries (Chinese models average about 1.5–2); ``report_usage`` False for a server
  that never sends usage. ``max_in_flight`` is the most streams answered at once.
  ``flavour`` which real server it imitates in what it says about itself and how it refuses
  a prompt longer than ``context_window`` (tokens: cl100k × ``token_ratio`` + 4 a message):
    "vllm"             (default) ``max_model_len`` in /v1/models, POST /tokenize; a too-long
                       request gets 400 "This model's maximum context length is N tokens…";
    "llama.cpp"        ``owned_by: llamacpp``, GET /props n_ctx and total_slots, POST /tokenize;
                       400 ``exceed_context_size_error`` with n_ctx and n_prompt_tokens;
    "llama-cpp-python" ``owned_by: me``, /openapi.json, /extras/tokenize/count, no /props;
                       a too-long streamed prompt gets 200 and an empty stream, unstreamed 400;
    "ollama"           ``owned_by: library``, /api/show (``show_num_ctx``), /api/ps; a too-long
                       prompt is cut silently from the front (``Recorded.truncated``);
    "openai"           nothing beyond the OpenAI API; 400 ``context_length_exceeded``.
  Every flavour but llama-cpp-python answers a model it does not list with 404. ``max_tokens``
  in a request is honoured: the answer stops there with ``finish_reason: "length"``.

Fault kinds for ``fail(kind, *, match=None, requests=None, times=1, ...)``:
  ``"429"``      HTTP 429 with ``Retry-After: retry_after`` seconds;
  ``"500"``      HTTP 500 (``status=`` picks another code, e.g. 502, 503, 401);
  ``"hang"``     accept the request and never answer (until ``hang_seconds`` or shutdown);
  ``"cut"``      stream half the answer (``after_tokens=`` to choose) then drop the connection;
  ``"truncate"`` stream half the answer then end cleanly but with no finish_reason / [DONE];
  ``"empty"``    200 and an SSE body with no events at all;
  ``"stream-error"`` stream half the answer, then ``data: {"error": {...}}`` (``message=``);
  ``"html"``     an HTML page, status 200 unless ``status=`` (a proxy's 502 page);
  ``"badjson"``  stream a few tokens, then a ``data:`` line that is not JSON;
  ``"context"``  the flavour's context-length refusal, whatever the prompt's length;
  ``"forever"``  content chunks forever, never a finish_reason.
A fault applies to requests whose LAST message (the section's own request; the shared prefix
is the same for every section) contains ``match`` (any request when None) and,
when ``requests`` is given, only to those 1-based request numbers; it is spent after
``times`` hits (``times=None``: never spent).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import hashlib
import itertools
import json
import math
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import yaml

from shuzhi.facts import source_section
from shuzhi.text.headings import without_ordinal
from shuzhi.text.numerals import cn_number

FAULT_KINDS = ("429", "500", "hang", "cut", "truncate", "empty", "stream-error", "html", "badjson",
               "context", "forever")
FLAVOURS = ("vllm", "llama.cpp", "llama-cpp-python", "ollama", "openai")

# Sentences in the register of the sample report, used (in a fixed order picked by the
# heading) to bring a section to the requested length.
FILLER = (
    "坚持把党的政治建设摆在首位，把学习成效转化为推动工作的实际行动。",
    "坚持问题导向和目标导向相结合，逐项明确责任、细化措施、压实任务。",
    "注重在日常工作中发现问题、解决问题，推动各项工作落地见效。",
    "坚持党建工作与业务工作同谋划、同部署、同推进、同考核。",
    "充分发挥党支部战斗堡垒作用和党员先锋模范作用。",
    "坚持以人民为中心的发展思想，用心用情为师生办实事、解难题。",
    "把严的基调、严的措施、严的氛围长期坚持下去。",
    "在工作中做到有部署、有检查、有总结、有台账，确保责任链条环环相扣。",
    "坚持严管和厚爱结合、激励和约束并重，营造风清气正的良好氛围。",
    "把制度建设贯穿始终，做到用制度管人、按制度办事。",
    "注重总结提炼经验做法，形成可复制、可推广的工作机制。",
    "主动接受党员群众监督，及时回应师生关切。",
)
LEADS = ("", "同时，", "在此基础上，", "此外，", "与此同时，", "进一步地，", "另外，", "总体上，")

_SECTION = re.compile(r"撰写“(?P<heading>.+?)”部分")
_LENGTH = re.compile(r"篇幅约(?P<low>\d+)至(?P<high>\d+)字")
_FACT_KEYS = re.compile(r"依据“本年度事实”中的：(?P<keys>[^\n。]+)")
_FACTS_YAML = re.compile(r"```yaml\n(?P<yaml>.*?)\n```", re.S)
_OUTLINE_LINE = re.compile(
    r"^\s*(?P<number>[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?(?P<heading>[^（\n]+?)"
    r"（(?:约(?P<low>\d+)至(?P<high>\d+)字|仅标题)）", re.M)
_REFERENCE = re.compile(r"\{([^{}]+)\}")


@dataclass
class Fault:
    kind: str
    match: str | None = None
    requests: set[int] | None = None
    times: int | None = 1
    retry_after: float = 1.0
    status: int | None = None
    after_tokens: int | None = None
    hang_seconds: float = 3600.0
    message: str = "engine error"
    hits: int = 0

    def applies(self, number: int, request: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.requests is not None and number not in self.requests:
            return False
        return self.match is None or self.match in request


@dataclass
class Recorded:
    """One request as the server received it."""

    number: int  # 1-based, in arrival order
    body: dict[str, Any]
    prompt: str  # every message's content, joined by blank lines
    fault: str | None = None
    received: float = field(default_factory=time.monotonic)
    prompt_tokens: int = 0  # as the fake's tokenizer counts them
    truncated: bool = False  # the prompt did not fit and was cut silently (Ollama's way)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names, as received

    @property
    def host(self) -> str:
        """The host the client addressed (its ``Host`` header): through a proxy, the remote one."""
        return self.headers.get("host", "")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])


class FakeOpenAI:
    """An OpenAI-compatible chat server on 127.0.0.1 in a background thread."""

    def __init__(self, *, ttft: float = 0.0, tokens_per_second: float | None = None,
                 chars_per_token: int = 2, model: str = "fake-model", port: int = 0,
                 flavour: str = "vllm", context_window: int = 32768) -> None:
        self.ttft = ttft
        self.tokens_per_second = tokens_per_second
        self.chars_per_token = chars_per_token
        self.model = model
        self.flavour = flavour
        self.context_window = context_window
        self.token_ratio = 1.0  # tokens of this fake model per cl100k token
        self.show_num_ctx: int | None = None  # Ollama: PARAMETER num_ctx in /api/show
        self.total_slots = 1  # llama.cpp: parallel slots reported by /props
        self.calls: dict[str, int] = {}  # path → how many requests it got
        self.last_answer: float | None = None  # time.monotonic() when the last stream ended
        self.report_usage = True  # False: a server that never reports usage (clients must count)
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.in_flight = 0  # streams being answered right now
        self.max_in_flight = 0  # the most at once since start / reset(): shows concurrency
        self._port = port
        self._lock = threading.Lock()
        self._stopping = False
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._socket is not None, "server not started"
        return self._socket.getsockname()[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAI:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", self._port))
        config = uvicorn.Config(self.app(), log_level="critical", access_log=False,
                                timeout_graceful_shutdown=1, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="fake-openai", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._stopping = True
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- test controls -----------------------------------------------------------------
    def fail(self, kind: str, *, match: str | None = None, requests: list[int] | None = None,
             times: int | None = 1, retry_after: float = 1.0, status: int | None = None,
             after_tokens: int | None = None, hang_seconds: float = 3600.0,
             message: str = "engine error") -> Fault:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {FAULT_KINDS}")
        fault = Fault(kind, match, set(requests) if requests else None, times, retry_after,
                      status, after_tokens, hang_seconds, message)
        with self._lock:
            self.faults.append(fault)
        return fault

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.faults.clear()
            self.calls.clear()
            self.max_in_flight = 0

    def prompts(self) -> list[str]:
        return [r.prompt for r in self.requests]

    # -- the HTTP app ------------------------------------------------------------------
    def app(self):
        from starlette.applications import Starlette
        from starlette.middleware import Middleware
        from starlette.routing import Route

        server = self

        class Count:  # every path asked, for tests of what a client asks and how often
            def __init__(self, app):
                self.app = app

            async def __call__(self, scope, receive, send):
                if scope["type"] == "http":
                    server.calls[scope["path"]] = server.calls.get(scope["path"], 0) + 1
                await self.app(scope, receive, send)

        routes = Starlette(middleware=[Middleware(Count)], routes=[
            Route("/v1/models", self._models),
            Route("/v1/chat/completions", self._completions, methods=["POST"]),
            Route("/props", self._props), Route("/tokenize", self._tokenize, methods=["POST"]),
            Route("/openapi.json", self._openapi),
            Route("/extras/tokenize/count", self._tokenize, methods=["POST"]),
            Route("/api/show", self._ollama_show, methods=["POST"]), Route("/api/ps", self._ollama_ps),
            Route("/_fake/stats", self._stats, methods=["GET", "DELETE"])])

        async def app(scope, receive, send):
            # An absolute-form target (``POST http://model.cloud.test/v1/…``) is what a client
            # sends to a forward proxy: answered as if this server were that remote host, so a
            # test can give the client a non-local base URL and ``HTTP_PROXY`` = this server.
            if scope["type"] == "http" and "://" in scope["path"]:
                rest = scope["path"].split("://", 1)[1]
                path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
                scope = {**scope, "path": path, "raw_path": path.encode()}
            await routes(scope, receive, send)

        return app

    async def _stats(self, request):
        """For a benchmark in another process: when requests arrived (``time.monotonic``, which
        is system-wide on Linux) and when the last stream ended; DELETE forgets them."""
        from starlette.responses import JSONResponse

        if request.method == "DELETE":
            self.reset()
            self.last_answer = None
            return JSONResponse({})
        received = [r.received for r in self.requests]
        return JSONResponse({"requests": len(received), "first": min(received, default=None),
                             "last_answer": self.last_answer})

    def count(self, text: str) -> int:
        """The fake model's tokenizer: cl100k times ``token_ratio``."""
        from shuzhi.tokens import count_tokens

        return math.ceil(count_tokens(text) * self.token_ratio)

    def _only(self, *flavours: str):
        from starlette.responses import PlainTextResponse

        return None if self.flavour in flavours else PlainTextResponse("Not Found", status_code=404)

    async def _models(self, request):
        from starlette.responses import JSONResponse

        entry = {"id": self.model, "object": "model", "created": 0, "owned_by": {
            "vllm": "vllm", "llama.cpp": "llamacpp", "llama-cpp-python": "me", "ollama": "library",
        }.get(self.flavour, "shuzhi-fake")}
        if self.flavour == "vllm":
            entry["max_model_len"] = self.context_window
        elif self.flavour == "llama.cpp":
            entry["meta"] = {"n_ctx_train": 131072, "n_vocab": 151936}
        elif self.flavour == "llama-cpp-python":
            entry = {"id": self.model, "object": "model", "owned_by": "me", "permissions": []}
        return JSONResponse({"object": "list", "data": [entry]})

    async def _props(self, request):
        from starlette.responses import JSONResponse

        return self._only("llama.cpp") or JSONResponse({
            "default_generation_settings": {"n_ctx": self.context_window}, "total_slots": self.total_slots,
            "model_path": "/models/fake.gguf", "build_info": "fake"})

    async def _openapi(self, request):
        from starlette.responses import JSONResponse

        return self._only("llama-cpp-python") or JSONResponse({
            "openapi": "3.1.0", "info": {"title": "🦙 llama.cpp Python API", "version": "0.3"},
            "paths": {p: {} for p in ("/v1/chat/completions", "/v1/models", "/extras/tokenize",
                                      "/extras/tokenize/count")}})

    async def _tokenize(self, request):
        from starlette.responses import JSONResponse

        body = await request.json()
        if request.url.path == "/extras/tokenize/count":
            return self._only("llama-cpp-python") or JSONResponse({"count": self.count(body.get("input", ""))})
        if self.flavour == "llama.cpp":
            return JSONResponse({"tokens": list(range(self.count(body.get("content", ""))))})
        return self._only("vllm") or JSONResponse({"count": self.count(body.get("prompt", "")),
                                                   "max_model_len": self.context_window})

    async def _ollama_show(self, request):
        from starlette.responses import JSONResponse

        body = await request.json()
        if body.get("model") != self.model:
            return JSONResponse({"error": f"model '{body.get('model')}' not found"}, status_code=404)
        parameters = f"num_ctx                        {self.show_num_ctx}\n" if self.show_num_ctx else ""
        return self._only("ollama") or JSONResponse({
            "parameters": parameters + 'stop                           "<|im_end|>"',
            "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768}})

    async def _ollama_ps(self, request):
        from starlette.responses import JSONResponse

        return self._only("ollama") or JSONResponse({"models": []})

    def _record(self, body: dict[str, Any], headers: dict[str, str] | None = None
                ) -> tuple[Recorded, Fault | None]:
        prompt = "\n\n".join(_content(m) for m in body.get("messages", []))
        with self._lock:
            record = Recorded(len(self.requests) + 1, body, prompt, headers=dict(headers or {}))
            self.requests.append(record)
            request = _content(record.messages[-1]) if record.messages else ""
            fault = next((f for f in self.faults if f.applies(record.number, request)), None)
            if fault:
                fault.hits += 1
                record.fault = fault.kind
        record.prompt_tokens = sum(self.count(_content(m)) + 4 for m in record.messages)
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

        text = answer(body.get("messages", []))
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
        from starlette.responses import HTMLResponse, JSONResponse, Response

        kind = fault.kind if fault else None
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
        if body.get("model") != self.model and self.flavour != "llama-cpp-python":
            return JSONResponse({"error": {"message": f"The model `{body.get('model')}` does not exist.",
                                           "type": "NotFoundError", "code": "model_not_found"}},
                                status_code=404)
        too_long = record.prompt_tokens + (body.get("max_tokens") or 0) > self.context_window
        if self.flavour in ("llama.cpp", "llama-cpp-python"):
            too_long = record.prompt_tokens >= self.context_window  # they shorten max_tokens instead
        if kind == "context" or (too_long and self.flavour != "ollama"):
            if self.flavour == "llama-cpp-python" and body.get("stream"):
                return None  # an empty stream, above
            return self._context_refusal(record, body.get("max_tokens") or 0)
        return None

    def _context_refusal(self, record: Recorded, max_tokens: int):
        """The flavour's own words (llama.cpp PR #15780; vLLM and llama-cpp-python's errors.py)."""
        from starlette.responses import JSONResponse

        asked = record.prompt_tokens + max_tokens
        told = (f"This model's maximum context length is {self.context_window} tokens. However, you "
                f"requested {asked} tokens ({record.prompt_tokens} in the messages, {max_tokens} in the "
                f"completion). Please reduce the length of the messages or completion.")
        if self.flavour == "llama.cpp":
            return JSONResponse({"error": {
                "code": 400, "type": "exceed_context_size_error", "n_prompt_tokens": record.prompt_tokens,
                "n_ctx": self.context_window,
                "message": "the request exceeds the available context size, try increasing it"}},
                status_code=400)
        if self.flavour == "vllm":
            return JSONResponse({"object": "error", "message": told, "type": "BadRequestError",
                                 "param": None, "code": 400}, status_code=400)
        return JSONResponse({"error": {"message": told, "type": "invalid_request_error",
                                       "param": "messages", "code": "context_length_exceeded"}},
                            status_code=400)

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


# -- the deterministic writer ------------------------------------------------------------
def answer(messages: list[dict[str, Any]]) -> str:
    """The text the fake model writes for these messages."""
    prompt = "\n\n".join(_content(m) for m in messages)
    request = _content(messages[-1]) if messages else ""
    facts = _facts(prompt)
    if "一次写出完整" in request:
        return _whole(prompt, facts)
    section = _SECTION.search(request)
    if section:
        length = _LENGTH.search(request)
        low, high = (int(length["low"]), int(length["high"])) if length else (200, 400)
        keys = _FACT_KEYS.search(request)
        return section_text(section["heading"], facts, keys["keys"].split("、") if keys else [],
                            enumerated="一是" in request, target=(low + high) // 2,
                            instruction=request)
    return "好的。"


def section_text(heading: str, facts: dict[str, Any], keys: list[str], *, enumerated: bool,
                 target: int, instruction: str = "") -> str:
    if "更精炼" in instruction:
        target = max(60, target // 2)
    points = _points(facts, [k.strip() for k in keys if k.strip()])
    seed = int(hashlib.sha1(heading.encode()).hexdigest(), 16)
    # Every filler sentence distinct within a section (a repeated sentence is a checker finding).
    filler = [LEADS[i // len(FILLER) % len(LEADS)] + FILLER[(seed + i) % len(FILLER)]
              for i in range(len(FILLER) * len(LEADS))]
    if not enumerated:
        text = "".join(points)
        i = 0
        while len(text) < target and i < len(filler):
            text += filler[i]
            i += 1
        return text
    paragraphs = points + filler[:max(0, 2 - len(points))]  # 一是 and at least 二是
    i = 2
    while sum(map(len, paragraphs)) < target and i < len(filler):
        paragraphs[i % len(paragraphs)] += filler[i]
        i += 1
    return "\n".join(f"{cn_number(n + 1)}是{p}" for n, p in enumerate(paragraphs))


def _points(facts: dict[str, Any], keys: list[str]) -> list[str]:
    """One sentence per fact item, figures written exactly as given (or as a gap)."""
    out: list[str] = []
    for key in keys:
        section_id = source_section(key)
        if section_id is not None:
            part = (facts.get("sections") or {}).get(section_id) or {}
            figures = {f.get("name"): f for f in part.get("figures") or [] if isinstance(f, dict)}
            used: set[str] = set()
            for item in part.get("items") or []:
                out.append(_sentence(_REFERENCE.sub(
                    lambda m, figures=figures, used=used: _figure(figures, m[1], used), str(item))))
            rest = [f"{name}{_figure(figures, name, used)}" for name in list(figures) if name not in used]
            if rest:
                out.append("全年" + "，".join(rest) + "。")
        else:
            out.extend(_sentence(str(i)) for i in facts.get(key) or [])
    return out


def _figure(figures: dict[str, dict], name: str, used: set[str]) -> str:
    used.add(name)
    figure = figures.get(name) or {}
    value = figure.get("value")
    if value is None or str(value).strip() == "":
        return f"【待补充：{name}】"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{figure.get('unit') or ''}"


def _whole(prompt: str, facts: dict[str, Any]) -> str:
    year = facts.get("year", "")
    lines = [f"{year}年{facts.get('report_type', '述职报告')}"]
    for match in _OUTLINE_LINE.finditer(prompt):
        if match["number"]:
            lines.append(f"{match['number']}{match['heading']}")
        low, high = int(match["low"] or 0), int(match["high"] or 0)
        if high:
            lines.append(section_text(match["heading"], {}, [], enumerated=match["number"] is not None
                                      and match["number"].startswith("（"), target=(low + high) // 2))
    return "\n".join(lines)


def _facts(prompt: str) -> dict[str, Any]:
    """Every YAML block of the prompt merged: a shortened prompt gives the shared facts in the
    system message and the section's own in its request."""
    facts: dict[str, Any] = {}
    for block in _FACTS_YAML.finditer(prompt):
        for key, value in _parse_facts(block["yaml"]).items():
            if isinstance(value, dict) and isinstance(facts.get(key), dict):
                facts[key] = {**facts[key], **value}
            else:
                facts[key] = value
    return facts


@functools.lru_cache(maxsize=16)
def _parse_facts(text: str) -> dict[str, Any]:
    """Every section of a draft carries the same facts: parse them once."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _sentence(text: str) -> str:
    text = without_ordinal(text.strip()).rstrip("；;，,。")
    return text + "。" if text else ""


def _content(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):  # the structured form: [{"type": "text", "text": ...}]
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Local OpenAI-compatible fake server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ttft", type=float, default=0.0, help="seconds to first token")
    parser.add_argument("--rate", type=float, default=None, help="tokens per second per stream")
    parser.add_argument("--chars-per-token", type=int, default=2)
    parser.add_argument("--flavour", choices=FLAVOURS, default="vllm")
    parser.add_argument("--context-window", type=int, default=32768)
    args = parser.parse_args(argv)
    server = FakeOpenAI(ttft=args.ttft, tokens_per_second=args.rate, chars_per_token=args.chars_per_token,
                        port=args.port, flavour=args.flavour, context_window=args.context_window).start()
    print(server.base_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
