"""The model backend: any OpenAI-compatible chat model through langchain-openai's ChatOpenAI.

DeepSeek, Qwen (DashScope compatible mode), GLM, Kimi, OpenAI, or a local Ollama / vLLM
server: all speak the same protocol, so one class with a base URL, a model name and a key.

The client's own retries are off (``max_retries=0``): the pipeline retries each section
itself, with exponential backoff that honours the server's ``Retry-After``. Every failure
becomes a ``DraftingError`` with a Chinese reason and whether a retry can help; the reason
never contains the key or the server's own error text (some servers echo part of the key).
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import AsyncIterator

import httpx
import openai
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from shuzhi.config import ModelConfig
from shuzhi.drafting.base import Drafter, DraftingError, SectionRequest
from shuzhi.drafting.prompts import Prompt, section_prompt
from shuzhi.tokens import estimate_cost, estimated_usage, usage_from_server

_STATUS_REASONS = {
    400: ("模型服务拒绝了请求（400），可能是模型名称或参数不受支持", False),
    401: ("API 密钥无效或未授权（401），请检查密钥", False),
    402: ("模型服务账户余额不足（402）", False),
    403: ("无权使用该模型（403），请检查账户权限", False),
    404: ("模型服务地址或模型名称有误（404）", False),
    408: ("模型服务请求超时（408）", True),
    409: ("模型服务暂时冲突（409）", True),
    413: ("提示词过长，超出模型上下文（413）", False),
    422: ("模型服务无法处理请求参数（422）", False),
    429: ("模型服务限流（429）", True),
}


class OpenAIDrafter(Drafter):
    name = "openai"
    needs_key = True
    streams = True

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self.chat = ChatOpenAI(
            model=config.model, base_url=config.base_url, api_key=config.api_key,
            temperature=config.temperature, timeout=config.timeout, max_retries=0,
            streaming=True, stream_usage=True)  # stream_options={"include_usage": true}

    @property
    def source(self) -> str:
        return f"model:{self.config.model}"

    def prompt(self, request: SectionRequest) -> Prompt:
        return section_prompt(request.template, request.facts, request.spec, request.number,
                              request.level, request.instruction, request.previous_text)

    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        prompt = self.prompt(request)
        messages = [SystemMessage(prompt.system), HumanMessage(prompt.user)]
        pieces: list[str] = []
        finish: str | None = None
        server_usage = None
        try:
            async for chunk in self.chat.astream(messages):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    pieces.append(text)
                    yield text
                finish = chunk.response_metadata.get("finish_reason") or finish
                if chunk.usage_metadata:
                    server_usage = usage_from_server(dict(chunk.usage_metadata))
        except openai.APIStatusError as exc:
            raise status_error(exc.status_code, exc.response.headers) from None
        except openai.APITimeoutError:
            raise DraftingError(f"模型服务超过 {self.config.timeout:g} 秒没有响应", retryable=True) from None
        except (openai.APIConnectionError, httpx.TransportError):
            raise DraftingError("与模型服务的连接中断", retryable=True) from None
        if finish is None:
            raise DraftingError("模型输出中途中断（未收到结束标记）", retryable=True)
        if finish == "content_filter":
            raise DraftingError("模型服务的内容审核拦截了输出", retryable=False)
        usage = server_usage or estimated_usage([prompt.system, prompt.user], "".join(pieces))
        usage.cost = estimate_cost(usage, self.config.model, self.config.provider)
        request.usage = usage


def status_error(status: int, headers: httpx.Headers) -> DraftingError:
    reason, retryable = _STATUS_REASONS.get(status, (f"模型服务出错（{status}）", status >= 500))
    return DraftingError(reason, retryable=retryable, retry_after=retry_after(headers))


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms``, or ``Retry-After`` as seconds
    or as an HTTP date."""
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
