"""The model options ``shuzhi draft`` and ``shuzhi regenerate`` share, declared once.

None means "not given": the environment (SHUZHI_*, OPENAI_*), the config file and the
provider preset decide (``config.load_settings``). ``@model_options`` adds them all to a
command, which receives them as one dict, ``model_flags``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import typer

BACKEND = typer.Option(None, "--backend", help="起草方式：offline（离线）或 openai（兼容 OpenAI 接口的模型）")
PROVIDER = typer.Option(None, "--provider", help="模型服务商：deepseek、qwen、glm、kimi、openai、ollama、vllm")
BASE_URL = typer.Option(None, "--base-url", help="模型服务地址（如 http://127.0.0.1:11434/v1）")
MODEL = typer.Option(None, "--model", help="模型名称（默认取服务商预设）")
API_KEY_ENV = typer.Option(None, "--api-key-env", help="存放 API 密钥的环境变量名（密钥本身不要写在命令行上）")
CONCURRENCY = typer.Option(None, "--concurrency", help="同时起草的部分数（默认整份报告所有部分同时起草）")
TEMPERATURE = typer.Option(None, "--temperature", help="采样温度（默认 0.3）")
TIMEOUT = typer.Option(None, "--timeout", help="模型服务多少秒无响应即重试（默认 60）")
MASK_SENSITIVE = typer.Option(False, "--mask-sensitive",
                              help="发往云端模型前，把密级标注、内部资料标注、身份证号、手机号替换为 XX（默认：发现即拒绝发送）")
CONTEXT_WINDOW = typer.Option(None, "--context-window", help="模型的上下文长度（tokens）；默认询问模型服务，"
                              "再查内置的模型表。提示词放不下时先压缩，仍放不下则不发送")
MAX_TOKENS = typer.Option(None, "--max-tokens", help="每个部分最多输出多少 tokens（默认按该部分的目标篇幅）")
DEADLINE = typer.Option(None, "--deadline", help="每个部分最多用多少秒（含重试，默认 300）；超时的部分单独失败")

MODEL_OPTIONS: dict[str, tuple[Any, Any]] = {
    "backend": (str | None, BACKEND), "provider": (str | None, PROVIDER),
    "base_url": (str | None, BASE_URL), "model": (str | None, MODEL),
    "api_key_env": (str | None, API_KEY_ENV), "concurrency": (int | None, CONCURRENCY),
    "temperature": (float | None, TEMPERATURE), "timeout": (float | None, TIMEOUT),
    "mask_sensitive": (bool, MASK_SENSITIVE), "context_window": (int | None, CONTEXT_WINDOW),
    "max_tokens": (int | None, MAX_TOKENS), "deadline": (float | None, DEADLINE),
}


def model_options(command: Callable[..., None]) -> Callable[..., None]:
    """The command with every model option after its own; typer reads the signature."""
    own = inspect.signature(command, eval_str=True)
    params = [p for name, p in own.parameters.items() if name != "model_flags"]
    params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
               for name, (kind, option) in MODEL_OPTIONS.items()]

    @functools.wraps(command)
    def with_flags(**values: Any) -> None:
        flags = {name: values.pop(name) for name in MODEL_OPTIONS}
        command(**values, model_flags=flags)

    with_flags.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    return with_flags


def choose_drafter(flags: dict[str, Any]):
    """(drafter, settings, note) from the flags (``drafting.resolve_drafter``). The note (why
    the draft is offline) is shown after the run, so that an input error stays the one line
    on stderr."""
    from shuzhi.config import load_settings
    from shuzhi.drafting import resolve_drafter

    flags = dict(flags)
    mask = bool(flags.pop("mask_sensitive", False))
    settings = load_settings(**flags)
    drafter, backend = resolve_drafter(settings, mask_sensitive=mask)
    if backend.model is not None and drafter.outbound is not None:
        typer.echo(f"使用模型：{backend.model.label}（{backend.model.base_url}，"
                   f"{drafter.outbound.label}）", err=True)
    return drafter, settings, backend.note


def show_note(note: str | None) -> None:
    if note:
        typer.echo(f"提示：{note}", err=True)
