"""Faults of the model server, end to end through ``shuzhi draft``: 429 storms, 500s, hangs
past the timeout, streams cut halfway, the server dying mid-draft. Each ends in a Chinese
reason, every finished section is in the database, and ``--resume`` finishes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from shuzhi.store import Store

from .conftest import ROOT, SAMPLE_FACTS

pytestmark = pytest.mark.reliability

POLITICAL = "撰写“（一）从严抓学习入手"  # only that section's own request contains this


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setenv("SHUZHI_MAX_ATTEMPTS", "2")


def draft(cli, base_url, *extra, out):
    return cli("draft", "--facts", SAMPLE_FACTS, "--base-url", base_url, "--model", "fake-model",
               "-o", out, *extra)


def stored():
    (summary,) = Store().list()
    return Store().get(summary.id)


@pytest.mark.parametrize("fault, options, extra, reason", [
    ("429", {"times": None, "retry_after": 0.05}, [], "模型服务限流（429）"),
    ("500", {"times": None, "match": POLITICAL}, [], "模型服务出错（500）"),
    ("500", {"times": None, "match": POLITICAL, "status": 503}, [], "模型服务出错（503）"),
    ("hang", {"times": None, "match": POLITICAL, "hang_seconds": 30}, ["--timeout", "0.5"], "没有响应"),
    ("cut", {"times": None, "match": POLITICAL}, [], "连接中断"),
    ("truncate", {"times": None, "match": POLITICAL}, [], "中途中断"),
], ids=["429-storm", "500", "503", "hang", "cut", "truncate"])
def test_fault_is_explained_work_kept_and_resumable(cli, fake_openai, tmp_path, fault, options, extra, reason):
    fake_openai.fail(fault, **options)
    result = draft(cli, fake_openai.base_url, *extra, out=tmp_path / "a.txt")
    assert result.exit_code == 3, result.stderr
    assert reason in result.stderr and "Traceback" not in result.stderr
    first = stored()
    failed = {s.id for s in first.sections if s.status == "failed"}
    assert failed and all(reason in first.section(i).error for i in failed)
    kept = {s.id: s.text for s in first.sections if s.status == "done" and s.versions}
    assert len(kept) + len(failed) == 10
    assert f"shuzhi draft --resume {first.id}" in result.stderr  # the way on

    fake_openai.reset()
    again = cli("draft", "--resume", first.id, "--base-url", fake_openai.base_url, "--model",
                "fake-model", "-o", tmp_path / "b.txt")
    assert again.exit_code == 0, again.stderr
    final = stored()
    assert final.status == "done" and len(fake_openai.requests) == len(failed)
    assert all(final.section(k).text == v for k, v in kept.items())


def test_a_short_429_burst_is_absorbed_by_retries(cli, fake_openai, tmp_path):
    fake_openai.fail("429", times=4, retry_after=0.05)
    result = draft(cli, fake_openai.base_url, out=tmp_path / "a.txt")
    assert result.exit_code == 0, result.stderr
    assert stored().status == "done"


def test_the_server_dying_mid_draft(cli, tmp_path):
    """A real server process, killed while sections are streaming."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "shuzhi.testing.fake_openai", "--rate", "150"],
                              env=env, stdout=subprocess.PIPE, text=True)
    try:
        base_url = server.stdout.readline().strip()

        def kill_when_something_is_saved():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                drafts = Store().list()
                if drafts and drafts[0].done >= 3:
                    break
                time.sleep(0.05)
            os.kill(server.pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_when_something_is_saved)
        killer.start()
        result = draft(cli, base_url, "--concurrency", "2", out=tmp_path / "a.txt")
        killer.join()
    finally:
        server.kill()
        server.wait()
    assert result.exit_code == 3, result.stderr
    assert "连接" in result.stderr and "Traceback" not in result.stderr
    first = stored()
    kept = {s.id: s.text for s in first.sections if s.status == "done" and s.versions}
    assert len(kept) >= 2 and first.status == "failed"
    assert (tmp_path / "a.txt").read_text("utf-8") == first.assemble()  # what exists is written

    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI() as revived:
        again = cli("draft", "--resume", first.id, "--base-url", revived.base_url, "--model",
                    "fake-model", "-o", tmp_path / "b.txt")
    assert again.exit_code == 0, again.stderr
    final = stored()
    assert final.status == "done" and all(final.section(k).text == v for k, v in kept.items())


def test_many_drafts_in_one_process_at_once(fake_openai):
    """What an app server does: several sessions drafting in their own threads and event
    loops, then drafting again — the model client must not be tied to a dead loop."""
    from shuzhi.config import load_settings
    from shuzhi.drafting import resolve_drafter
    from shuzhi.facts import load_facts
    from shuzhi.session import DraftSession

    facts = load_facts(SAMPLE_FACTS)
    settings = load_settings(base_url=fake_openai.base_url, model="fake-model")
    drafter = resolve_drafter(settings).drafter  # one per app process, shared by sessions
    store = Store()
    results: list[str] = []

    def session():
        for _ in range(2):
            d = DraftSession.new(facts, store=store).draft_all(drafter, redo_done=False)
            results.append(d.status)

    threads = [threading.Thread(target=session) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["done"] * 4
    assert all(d.status == "done" for d in store.list())
