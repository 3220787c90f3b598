"""What a test sets and reads back: a ``Fault`` to inject, and each request as ``Recorded``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS = ("429", "500", "hang", "cut", "truncate", "empty", "stream-error", "html", "badjson",
               "context", "forever")
FLAVOURS = ("vllm", "llama.cpp", "llama-cpp-python", "ollama", "openai")


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
