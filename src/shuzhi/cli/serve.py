"""``shuzhi serve``: start the Streamlit app, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
import sys

import typer

from shuzhi.bundled import app_script
from shuzhi.cli import app


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认只允许本机访问）"),
    port: int = typer.Option(8501, "--port", help="端口"),
    headless: bool = typer.Option(True, "--headless/--open-browser", help="是否不自动打开浏览器"),
) -> None:
    """启动网页版述职助手（Streamlit）。"""
    args = [sys.executable, "-m", "streamlit", "run", str(app_script()),
            "--server.address", host, "--server.port", str(port),
            "--server.headless", "true" if headless else "false",
            "--browser.gatherUsageStats", "false"]
    typer.echo(f"述职助手已启动：http://{host}:{port}")
    os.execvp(args[0], args)
