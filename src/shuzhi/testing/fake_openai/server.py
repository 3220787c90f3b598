"""The server itself: lifecycle (a uvicorn thread on 127.0.0.1), test controls, the HTTP app."""

from __future__ import annotations

import math
import socket
import threading
import time
from typing import Any

from shuzhi.testing.fake_openai.answering import Answering
from shuzhi.testing.fake_openai.flavours import Flavours
from shuzhi.testing.fake_openai.recording import FAULT_KINDS, Fault, Recorded


class FakeOpenAI(Answering, Flavours):
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
        self.queued: list[str] = []  # answers given in order before the usual ones (queue())
        self.in_flight = 0  # streams being answered right now
        self.max_in_flight = 0  # the most at once since start / reset(): shows concurrency
        self.holding = False  # hold(): streams pause before their next token until release()
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

    def queue(self, *answers: str) -> None:
        """Answer the next requests with these texts, in order (e.g. a structured-output JSON)."""
        with self._lock:
            self.queued.extend(answers)

    def hold(self) -> None:
        """Pause every stream before its next token until ``release()``: a job cannot finish while
        a test looks at it mid-way, however slowly the browser or the machine is going."""
        self.holding = True

    def release(self) -> None:
        self.holding = False

    def reset(self) -> None:
        self.holding = False
        with self._lock:
            self.requests.clear()
            self.faults.clear()
            self.queued.clear()
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
