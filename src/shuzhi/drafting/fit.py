"""Fitting a section's prompt and its output budget into the model's context window.

Tried in order (``prompts.STEPS``): the largest prompt that leaves the section its whole
output budget; else the largest that leaves at least its shortest form (``max_tokens`` is then
what is left, and a section that runs out is kept and marked as cut); else the request is
refused before anything is sent, with one line that says by how much and what to do. A server
is never left to cut a prompt itself — Ollama would silently drop the rules at its start.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from shuzhi.drafting.base import DraftingError, SectionRequest
from shuzhi.drafting.context import Budget, Window
from shuzhi.drafting.prompts import STEPS, Prompt, section_prompt

Counter = Callable[[Prompt], Awaitable[int]]  # prompt tokens of both messages, template included


@dataclass(frozen=True)
class Plan:
    prompt: Prompt
    step: str
    prompt_tokens: int  # counted, or (``counted`` False) an upper bound that was enough
    max_tokens: int
    counted: bool = True


class TooLong(DraftingError):
    """Even the smallest prompt and the shortest output do not fit: not sent, not retried."""

    def __init__(self, prompt_tokens: int, window: Window, output: int):
        over = "" if prompt_tokens >= window.tokens else f"，加上输出至少 {output} tokens"
        super().__init__(f"提示词约 {prompt_tokens} tokens{over}，超出模型上下文 {window.tokens}"
                         f"（可用 --context-window 或换用更长上下文的模型）", retryable=False)
        self.prompt_tokens = prompt_tokens


def prompt_for(request: SectionRequest, step: str) -> Prompt:
    return section_prompt(request.template, request.facts, request.spec, request.number,
                          request.level, request.instruction, request.previous_text, step=step)


async def fit(request: SectionRequest, window: Window, budget: Budget, count: Counter,
              bound: Callable[[Prompt], int] | None = None, start: str = STEPS[0]) -> Plan:
    """``bound``: a cheap upper bound of a prompt's tokens; when even that leaves the whole
    budget, the prompt is not counted. ``start``: the largest step to try."""
    counted: list[tuple[str, Prompt, int]] = []
    for step in STEPS[STEPS.index(start):]:
        prompt = prompt_for(request, step)
        if bound is not None and (most := bound(prompt)) + budget.tokens <= window.tokens:
            return Plan(prompt, step, most, budget.tokens, counted=False)
        tokens = await count(prompt)
        if tokens + budget.tokens <= window.tokens:
            return Plan(prompt, step, tokens, budget.tokens)
        counted.append((step, prompt, tokens))
    for step, prompt, tokens in counted:
        room = window.tokens - tokens
        if room >= budget.least:
            return Plan(prompt, step, tokens, room)
    raise TooLong(counted[-1][2], window, budget.least)
