"""The API key never leaves the process: not in the database, the logs (at DEBUG, every
library's), stdout/stderr, any export format, a backup file, or what the server was sent
in URLs and bodies — on success and on every failure path."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from shuzhi import export
from shuzhi.config import user_dir

from .conftest import SAMPLE_FACTS

pytestmark = pytest.mark.reliability

KEY = "sk-shuzhi-LEAKCHECK-7f3a9c2e1b5d"
POLITICAL = "撰写“（一）从严抓学习入手"


def everything_written(home: Path, out_dir: Path) -> dict[str, bytes]:
    files = [p for p in [*home.rglob("*"), *out_dir.rglob("*")] if p.is_file()]
    return {str(p): p.read_bytes() for p in files}


@pytest.mark.parametrize("fault", [None, "401", "500", "cut"])
def test_the_key_is_nowhere(cli, fake_openai, tmp_path, monkeypatch, caplog, fault):
    monkeypatch.setenv("UNIT_MODEL_KEY", KEY)
    monkeypatch.setenv("OPENAI_LOG", "debug")
    monkeypatch.setenv("SHUZHI_MAX_ATTEMPTS", "2")
    caplog.set_level(logging.DEBUG)
    if fault == "401":
        fake_openai.fail("500", status=401, times=None)
    elif fault:
        fake_openai.fail(fault, match=POLITICAL, times=None)
    outputs = tmp_path / "out"
    outputs.mkdir()
    results = []
    formats = export.formats() if fault is None else ["json"]  # every format once is enough
    for fmt in formats:
        results.append(cli("draft", "--facts", SAMPLE_FACTS, "--base-url", fake_openai.base_url,
                           "--model", "fake-model", "--api-key-env", "UNIT_MODEL_KEY",
                           "-o", outputs / f"report.{fmt}"))
    assert all(r.exit_code in (0, 3) for r in results), [r.stderr for r in results]
    assert "使用模型" in results[0].stderr and fake_openai.requests  # the model was really used
    assert any(r.levelname == "DEBUG" for r in caplog.records)  # DEBUG logging was on

    haystacks = {"logs": caplog.text.encode(),
                 **{f"stdout{i}": r.stdout.encode() for i, r in enumerate(results)},
                 **{f"stderr{i}": r.stderr.encode() for i, r in enumerate(results)},
                 **everything_written(user_dir(), outputs),
                 "server": repr([(r.body, r.prompt) for r in fake_openai.requests]).encode(),
                 "url": fake_openai.base_url.encode()}
    assert any(name.endswith("shuzhi.db") for name in haystacks)  # the database was searched
    assert len([n for n in haystacks if "report." in n]) == len(formats)
    for needle in (KEY, KEY[-12:]):  # nor a recognisable tail of it
        leaked = [name for name, data in haystacks.items() if needle.encode() in data]
        assert leaked == [], f"API key found in {leaked}"
