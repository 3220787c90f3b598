"""Shared fixtures: real sample files, an isolated state dir, and the CLI two ways."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own SHUZHI_HOME (database, config), never the user's."""
    home = tmp_path_factory.mktemp("shuzhi-home")
    monkeypatch.setenv("SHUZHI_HOME", str(home))
    monkeypatch.delenv("SHUZHI_DB", raising=False)
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SHUZHI_BACKEND"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def offline_draft():
    """``offline_draft(facts)``: the facts drafted offline with their own template — where
    most tests of what comes after drafting begin."""
    from shuzhi.draft import Draft
    from shuzhi.drafting import get_drafter
    from shuzhi.drafting.pipeline import draft_report
    from shuzhi.templates import load_template

    def make(facts):
        template = load_template(facts.template)
        return draft_report(Draft.new(facts, template), template, get_drafter("offline"))

    return make


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def cli():
    """Run ``shuzhi ARGS`` in process; returns the click Result (exit_code, stdout, stderr)."""
    from shuzhi.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def shuzhi_proc():
    """Run ``shuzhi ARGS`` as a fresh process, exactly as a user's shell would."""

    def run(*args: str, env: dict | None = None, timeout: float = 120, **kwargs):
        full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
        return subprocess.run([sys.executable, "-m", "shuzhi", *map(str, args)], capture_output=True,
                              text=True, env=full_env, timeout=timeout, **kwargs)

    return run


@pytest.fixture
def fake_openai():
    """A started local OpenAI-compatible server (``shuzhi.testing.fake_openai.FakeOpenAI``):
    ``fake_openai.base_url``, ``.fail(kind, ...)``, ``.requests``, ``.ttft``, ``.tokens_per_second``."""
    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        yield server
