"""The README documents every command, and its quickstart is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from shuzhi.cli import app

ROOT = Path(__file__).resolve().parents[1]

README = (ROOT / "README.md").read_text("utf-8")


def _commands(command, prefix=""):
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield prefix + name
        yield from _commands(sub, prefix + name + " ")


@pytest.mark.parametrize("name", list(_commands(typer.main.get_command(app))))
def test_every_command_is_documented(name):
    assert re.search(rf"shuzhi {re.escape(name)}\b", README), f"README 没有介绍 shuzhi {name}"


def test_quickstart_commands_are_the_ones_ci_runs():
    blocks = re.findall(r"```bash\n(.*?)```", README.split("## 快速开始", 1)[1], re.S)[:2]
    assert [b.strip() for b in blocks] == ["bash scripts/app.sh", "bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text("utf-8")
