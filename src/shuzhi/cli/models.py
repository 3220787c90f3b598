"""``shuzhi models test``: try a model endpoint before drafting with it — its models, whether
the chosen one is there, its context window, and the time to first token and tokens per
second of one short request. Exit 0 when it can draft, 1 when it cannot (the lines say why),
2 on bad usage."""

from __future__ import annotations

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors
from shuzhi.cli.options import API_KEY_ENV, BASE_URL, CONTEXT_WINDOW, MODEL, PROVIDER, TIMEOUT

models_app = typer.Typer(help="模型服务：测试连接、查看模型和上下文长度。", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(models_app, name="models")


@models_app.command("test")
def test_command(
    provider: str | None = PROVIDER, base_url: str | None = BASE_URL, model: str | None = MODEL,
    api_key_env: str | None = API_KEY_ENV, timeout: float | None = TIMEOUT,
    context_window: int | None = CONTEXT_WINDOW,
) -> None:
    """测试模型服务：列出模型，检查所选模型，报告上下文长度、首个 token 用时和输出速度。"""
    from shuzhi.config import load_settings, model_config
    from shuzhi.drafting.connection import check_connection

    with user_errors():
        settings = load_settings(provider=provider, base_url=base_url, model=model,
                                 api_key_env=api_key_env, timeout=timeout, context_window=context_window)
        if not (settings.provider or settings.base_url or settings.model):
            raise fail("请用 --provider 指定服务商，或用 --base-url 和 --model 指定模型服务")
        config = model_config(settings)
    report = check_connection(config)
    for line in report.lines():
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)
