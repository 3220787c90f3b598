"""测试连接: does this endpoint and model work, how much does it take, how fast is it.

``check_connection(config)`` lists the endpoint's models, checks the chosen one is among them,
finds its context window (as drafting would: ``OpenAIDrafter.window``) and times one short
streamed request: time to first token and tokens per second. ``shuzhi models test`` prints
its ``lines()``; the app's 测试连接 shows the same lines.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from typing import Any

from shuzhi.config import ModelConfig
from shuzhi.drafting.base import DraftingError
from shuzhi.drafting.context import Window

PROMPT = "请用一句话介绍你自己。"
MAX_TOKENS = 32


@dataclass
class ConnectionReport:
    base_url: str
    model: str
    server: str = ""  # which server it is, when it could tell
    models: list[str] | None = None
    model_listed: bool | None = None  # None: the server does not say
    window: Window | None = None
    ttft: float | None = None  # seconds to the first piece of text
    tokens_per_second: float | None = None
    completion_tokens: int = 0
    estimated: bool = False  # the server sent no usage; counted with our tokenizer
    finish_reason: str | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not in the way

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"模型服务：{self.base_url}" + (f"（{self.server}）" if self.server else "")]
        if self.models is not None:
            out.append(f"可用模型：{'、'.join(self.models) or '（无）'}")
        if self.models is not None or self.model_listed is not None:
            listed = {True: "在列表中", False: "不在列表中", None: "该服务不提供模型列表"}[self.model_listed]
            out.append(f"所选模型：{self.model}（{listed}）")
        if self.window:
            out.append(f"上下文长度：{self.window.tokens} tokens（来自{self.window.source}）")
        if self.ttft is not None:
            speed = f"，速度 {self.tokens_per_second:.1f} tokens/秒" if self.tokens_per_second else ""
            counted = "（估算）" if self.estimated else ""
            out.append(f"短请求：首个 token {self.ttft:.2f} 秒，输出 {self.completion_tokens} tokens"
                       f"{counted}{speed}")
        out.extend(f"提示：{n}" for n in self.notes)
        out.extend(f"问题：{p}" for p in self.problems)
        out.append("结论：可以用于起草" if self.ok else "结论：暂不能用于起草，请按上面的提示处理")
        return out


async def connection_report(config: ModelConfig, prompt: str = PROMPT) -> ConnectionReport:
    from shuzhi.drafting.endpoint import endpoint_for
    from shuzhi.drafting.openai import OpenAIDrafter

    drafter = OpenAIDrafter(config)
    report = ConnectionReport(config.base_url, config.model)
    ep = await endpoint_for(drafter.client(), config.base_url, config.model, config.provider, ask=True)
    report.server = ep.label if ep.kind else ""
    if not ep.reachable:
        report.problems.append(ep.problem or "无法连接到模型服务")
        return report
    report.models = ep.models
    report.model_listed = ep.has_model(config.model)
    if report.model_listed is False and ep.kind == "llama-cpp-python":
        report.notes.append("llama-cpp-python 对任何模型名都用它已加载的模型作答")
    elif report.model_listed is False:
        report.problems.append(f"该服务没有名为“{config.model}”的模型：请用 --model 指定上面列出的一个")
        return report
    report.window = drafter.window(ep)
    if ep.kind == "llama-cpp-python" and not config.context_window and not ep.window:
        report.notes.append("llama-cpp-python 不报告上下文长度；若服务启动时的 --n_ctx 与此不同，"
                            "请用 --context-window 指定（超出时也会从其报错中得知）")
    await _time_one_request(drafter, prompt, report)
    return report


async def _time_one_request(drafter, prompt: str, report: ConnectionReport) -> None:
    from shuzhi.tokens import count_tokens

    state: dict[str, Any] = {"finish": None, "usage": None, "chunks": 0}
    pieces: list[str] = []
    times: list[float] = []
    start = time.perf_counter()
    try:
        async for text in drafter.stream_messages([{"role": "user", "content": prompt}], MAX_TOKENS, state):
            times.append(time.perf_counter())
            pieces.append(text)
    except DraftingError as exc:
        report.problems.append(str(exc))
        return
    if not pieces:
        report.problems.append("模型没有输出任何内容")
        return
    report.ttft = times[0] - start
    report.finish_reason = state["finish"]
    usage = state["usage"] if isinstance(state["usage"], dict) else {}
    if usage.get("completion_tokens"):
        report.completion_tokens = int(usage["completion_tokens"])
    elif state["finish"] == "length":  # stopped at the limit: exactly that many
        report.completion_tokens = MAX_TOKENS
    else:  # a chunk is at least one token (a Chinese character is often two)
        report.completion_tokens = max(len(pieces), math.ceil(count_tokens("".join(pieces)) * drafter.ratio()))
        report.estimated = True
    if len(times) > 1 and times[-1] > times[0]:
        report.tokens_per_second = (report.completion_tokens - 1) / (times[-1] - times[0])


def check_connection(config: ModelConfig) -> ConnectionReport:
    """Synchronous wrapper for the CLI and the app."""
    return asyncio.run(connection_report(config))
