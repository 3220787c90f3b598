"""What real OpenAI-compatible servers do when something is wrong, as Chinese reasons.

Each reason says what to do and whether a retry can help (``DraftingError.retryable``). The
server's own text is read here to tell the cases apart, never shown: some servers echo part
of the key, and the user needs what to do, not a stack trace of someone else's server.

Seen in practice and covered by tests (tests/test_model_server_errors.py):
  * a context-length error: OpenAI, vLLM and llama-cpp-python say "This model's maximum
    context length is N tokens" (400); llama.cpp's server sends ``exceed_context_size_error``
    with ``n_ctx`` (400, 500 in older builds); Kimi "exceeded model token limit: N"; any 413;
  * llama-cpp-python answers a too-long *streamed* prompt with 200 and an empty stream (the
    error is raised after the headers are sent) — diagnosed by ``OpenAIDrafter``;
  * a model the server does not have: 404 naming the model (vLLM, Ollama, OpenAI's
    ``model_not_found``), as opposed to a 404 for a wrong address;
  * an ``error`` object inside the SSE stream (vLLM, gateways), an HTML page (a proxy or web UI
    at the wrong path), a body that is not JSON.
"""

from __future__ import annotations

import email.utils
import re
import time
from typing import Any

from shuzhi.drafting.base import DraftingError

_STATUS_REASONS = {
    400: ("模型服务拒绝了请求（400），可能是模型名称或参数不受支持", False),
    401: ("API 密钥无效或未授权（401），请检查密钥", False),
    402: ("模型服务账户余额不足（402）", False),
    403: ("无权使用该模型（403），请检查账户权限", False),
    404: ("模型服务地址有误（404）：请检查 --base-url（兼容 OpenAI 的接口地址通常以 /v1 结尾）", False),
    408: ("模型服务请求超时（408）", True),
    409: ("模型服务暂时冲突（409）", True),
    422: ("模型服务无法处理请求参数（422）", False),
    429: ("模型服务限流（429）", True),
}
_WINDOW = [re.compile(p, re.I) for p in (
    r"maximum context length is (\d+)",  # OpenAI, vLLM, llama-cpp-python, DeepSeek
    r"context window of (\d+)",  # llama-cpp-python's own ValueError text
    r"model token limit:?\s*(\d+)",  # Moonshot (Kimi)
    r"input length should be \[\d+,\s*(\d+)\]",  # DashScope (Qwen)
)]
_PROMPT_TOKENS = re.compile(r"\((\d+) in the messages|\((\d+) in your prompt", re.I)
_CONTEXT = re.compile(r"context[ _](length|window|size)|exceed.{0,20}context|too many tokens"
                      r"|prompt is too long|input is too long|token limit", re.I)
_MODEL_MISSING = re.compile(r"model.{0,80}(does not exist|not found|not exist|unknown)"
                            r"|model_not_found|no such model|pull(ing)? it first", re.I)


class ContextExceeded(DraftingError):
    """The server refused the prompt as too long. ``window`` when it said its size."""

    def __init__(self, window: int | None, prompt_tokens: int | None = None):
        told = f"（服务端上下文为 {window} tokens）" if window else ""
        super().__init__(f"提示词超出模型上下文{told}：可用 --context-window 指定该模型实际的上下文"
                         f"长度，以便先压缩提示词，或换用更长上下文的模型", retryable=False)
        self.window = window
        self.prompt_tokens = prompt_tokens


def status_error(status: int, headers: Any, body: Any, text: str,
                 model: str) -> DraftingError:
    """A non-2xx answer. ``body`` is the parsed JSON (or None), ``text`` the raw body."""
    if context := context_error(status, body, text):
        return context
    if status == 404 and _MODEL_MISSING.search(text):
        return DraftingError(f"模型服务中没有名为“{model}”的模型（404）：可用 shuzhi models test "
                             f"查看该服务提供的模型，再用 --model 指定", retryable=False)
    if _is_html(headers, text) and status >= 500:
        return DraftingError(f"模型服务前的网关或代理出错（{status}，返回的是网页），稍后重试", retryable=True)
    reason, retryable = _STATUS_REASONS.get(status, (f"模型服务出错（{status}）", status >= 500))
    return DraftingError(reason, retryable=retryable, retry_after=retry_after(headers))


def context_error(status: int | None, body: Any, text: str) -> ContextExceeded | None:
    """A context-length refusal in any of the forms above, with the window when it is given."""
    error = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("type") == "exceed_context_size_error":  # llama.cpp
        return ContextExceeded(_int(error.get("n_ctx")), _int(error.get("n_prompt_tokens")))
    if (isinstance(error, dict) and error.get("code") == "context_length_exceeded") or status == 413 \
            or (status in (None, 400, 422, 500) and _CONTEXT.search(text)):
        counted = _PROMPT_TOKENS.search(text)  # "(P in the messages, M in the completion)"
        return ContextExceeded(_window(text), int(next(g for g in counted.groups() if g)) if counted else None)
    return None


def stream_error(body: Any, text: str) -> DraftingError:
    """An ``error`` object sent inside the SSE stream after a 200 (vLLM, some gateways)."""
    if context := context_error(None, body, text):
        return context
    return DraftingError("模型服务在输出过程中报告了错误（流中的 error 对象），稍后重试", retryable=True)


def html_page() -> DraftingError:
    return DraftingError("该地址返回的是网页，不是模型接口：请检查 --base-url（兼容 OpenAI 的接口地址"
                         "通常以 /v1 结尾，如 http://127.0.0.1:8080/v1）", retryable=False)


def not_json() -> DraftingError:
    return DraftingError("模型服务返回的数据不是有效的 JSON：该地址可能不是兼容 OpenAI 的接口，或经过了"
                         "改写响应的代理，请检查 --base-url", retryable=False)


def empty_stream() -> DraftingError:
    return DraftingError("模型服务返回了空的输出（HTTP 200，没有任何内容），稍后重试", retryable=True)


def cut_stream(serial_server: bool) -> DraftingError:
    why = "（llama-cpp-python 收到新请求时会中断正在输出的请求，请用 --concurrency 1）" if serial_server else ""
    return DraftingError(f"模型输出中途中断（未收到结束标记）{why}", retryable=True)


def _is_html(headers: Any, text: str) -> bool:
    kind = (headers.get("content-type") if headers is not None else "") or ""
    return "text/html" in kind.lower() or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def _window(text: str) -> int | None:
    for pattern in _WINDOW:
        if match := pattern.search(text):
            return int(match.group(1))
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def retry_after(headers: Any) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms``, or ``Retry-After`` as seconds
    or as an HTTP date."""
    if headers is None:
        return None
    if value := headers.get("retry-after-ms"):
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
