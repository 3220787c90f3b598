"""``shuzhi draft`` is durable: the draft is in the shared database from its first second,
each section is saved as it finishes, a SIGKILL loses no finished section, and
``--resume ID`` writes only what is missing. Against the local fake OpenAI server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shuzhi.store import Store

from .conftest import ROOT, SAMPLE_FACTS

pytestmark = pytest.mark.reliability

TO_WRITE = 10  # sections of the sample template with text of their own
OUTLOOK = "撰写“四、盘点不足"  # only the last section's own request contains this


def model_args(server) -> list[str]:
    return ["--base-url", server.base_url, "--model", "fake-model"]


def done_sections(draft_id: str) -> dict[str, str]:
    draft = Store().get(draft_id)
    return {s.id: s.text for s in draft.sections if s.status == "done" and s.versions}


def only_draft_id() -> str:
    drafts = Store().list()
    assert len(drafts) == 1
    return drafts[0].id


def test_draft_is_stored_and_listed(cli, fake_openai, tmp_path):
    out = tmp_path / "r.txt"
    result = cli("draft", "--facts", SAMPLE_FACTS, *model_args(fake_openai), "-o", out)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(cli("drafts", "list", "--format", "json").stdout)
    assert [(d["status"], d["done"], d["total"]) for d in listed] == [("done", 11, 11)]
    stored = Store().get(listed[0]["id"])
    assert out.read_text("utf-8") == stored.assemble()
    assert listed[0]["id"] in result.stderr  # told how to come back to it


def test_resume_writes_only_the_failed_sections(cli, fake_openai, monkeypatch, tmp_path):
    monkeypatch.setenv("SHUZHI_MAX_ATTEMPTS", "1")
    fake_openai.fail("500", match=OUTLOOK, times=None)
    first = cli("draft", "--facts", SAMPLE_FACTS, *model_args(fake_openai), "-o", tmp_path / "a.txt")
    assert first.exit_code == 3
    draft_id = only_draft_id()
    assert f"shuzhi draft --resume {draft_id}" in first.stderr and "模型服务出错（500）" in first.stderr
    before = done_sections(draft_id)
    assert len(before) == TO_WRITE - 1 and "outlook" not in before

    fake_openai.reset()
    again = cli("draft", "--resume", draft_id, *model_args(fake_openai), "-o", tmp_path / "b.txt")
    assert again.exit_code == 0, again.stderr
    assert len(fake_openai.requests) == 1 and OUTLOOK in fake_openai.requests[0].prompt
    after = Store().get(draft_id)
    assert after.status == "done"
    assert {k: v for k, v in done_sections(draft_id).items() if k in before} == before
    assert (tmp_path / "b.txt").read_text("utf-8") == after.assemble()


@pytest.mark.parametrize("args, words", [
    ([], "二选一"),
    (["--facts", SAMPLE_FACTS, "--resume", "x"], "二选一"),
    (["--resume", "no-such-draft-id"], "找不到草稿"),
])
def test_resume_usage_errors(cli, args, words):
    result = cli("draft", *args)
    assert result.exit_code == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sigkill_mid_draft_loses_no_finished_section(fake_openai, tmp_path, isolated_home):
    """A real process, really killed: the last section hangs on the server, the others
    stream at a modest rate; once the database shows finished sections, SIGKILL."""
    fake_openai.tokens_per_second = 400
    fake_openai.fail("hang", match=OUTLOOK, times=None)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SHUZHI_CONCURRENCY": "3"}
    proc = subprocess.Popen([sys.executable, "-m", "shuzhi", "draft", "--facts", str(SAMPLE_FACTS),
                             *model_args(fake_openai), "-o", str(tmp_path / "never.txt")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        draft_id, survived = None, {}
        while time.monotonic() < deadline and len(survived) < 4:
            time.sleep(0.05)
            drafts = Store().list()
            if drafts:
                draft_id = drafts[0].id
                survived = done_sections(draft_id)
        assert proc.poll() is None, proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.stderr.close()
    assert len(survived) >= 4
    assert not (tmp_path / "never.txt").exists()

    kept = done_sections(draft_id)  # read again after the kill, by a fresh reader
    assert {k: kept[k] for k in survived} == survived and "outlook" not in kept
    missing = {s.id for s in Store().get(draft_id).sections if s.status != "done"}

    fake_openai.reset()
    fake_openai.tokens_per_second = None
    resumed = subprocess.run([sys.executable, "-m", "shuzhi", "draft", "--resume", draft_id,
                              *model_args(fake_openai), "-o", str(tmp_path / "done.txt")],
                             env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert len(fake_openai.requests) == len(missing)  # only what was missing was asked for
    final = Store().get(draft_id)
    assert final.status == "done"
    assert all(final.section(k).text == v and len(final.section(k).versions) == 1 for k, v in kept.items())
    assert (tmp_path / "done.txt").read_text("utf-8") == final.assemble()


def test_database_locked_mid_draft_keeps_everything(cli, fake_openai, tmp_path, monkeypatch):
    """Another program takes the database's write lock once drafting has started: the report
    is still written, the message says where the backup is, and importing it loses nothing."""
    import sqlite3
    import threading

    from shuzhi.config import database_url

    monkeypatch.setenv("SHUZHI_DB_TIMEOUT", "0.05")
    fake_openai.ttft = 0.3
    db_file = database_url().removeprefix("sqlite:///")
    locked, release = threading.Event(), threading.Event()

    def lock_once_the_draft_exists():
        while not release.is_set():
            try:
                other = sqlite3.connect(db_file, isolation_level=None, timeout=5)
                if other.execute("select count(*) from drafts").fetchone()[0]:
                    other.execute("BEGIN IMMEDIATE")
                    locked.set()
                    release.wait(60)
                    other.execute("ROLLBACK")
                    return
                other.close()
            except sqlite3.OperationalError:
                pass  # the table does not exist yet
            time.sleep(0.01)

    locker = threading.Thread(target=lock_once_the_draft_exists)
    locker.start()
    try:
        result = cli("draft", "--facts", SAMPLE_FACTS, *model_args(fake_openai), "-o", tmp_path / "r.txt")
    finally:
        release.set()
        locker.join()
    assert locked.is_set()
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert "未能保存到数据库" in last and "占用" in last and "shuzhi drafts import" in last
    report = (tmp_path / "r.txt").read_text("utf-8")  # the report itself was still written
    backup = last.split("shuzhi drafts import ")[1].split(" ")[0]
    assert cli("drafts", "import", backup).exit_code == 0
    (summary,) = Store().list()
    assert summary.status == "done" and Store().get(summary.id).assemble() == report


def test_database_locked_before_drafting_is_one_line(cli, monkeypatch, tmp_path):
    from shuzhi.config import database_url

    from .conftest import write_locked

    Store().list()  # the database exists, as on any day after the first
    monkeypatch.setenv("SHUZHI_DB_TIMEOUT", "0.05")
    with write_locked(Path(database_url().removeprefix("sqlite:///"))):
        result = cli("draft", "--facts", SAMPLE_FACTS, "-o", tmp_path / "r.txt")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "正被其他程序占用" in lines[0] and "请稍后重试" in lines[0]
    assert not (tmp_path / "r.txt").exists()


def test_resuming_a_finished_draft_only_exports_it(cli, tmp_path):
    assert cli("draft", "--facts", SAMPLE_FACTS, "-o", tmp_path / "a.txt").exit_code == 0
    draft_id = only_draft_id()
    again = cli("draft", "--resume", draft_id, "-o", tmp_path / "b.md")
    assert again.exit_code == 0 and "都已完成，直接导出" in again.stderr
    assert (tmp_path / "b.md").read_text("utf-8").startswith("# 2022年述德述廉述职报告")
    assert all(len(s.versions) <= 1 for s in Store().get(draft_id).sections)  # nothing rewritten
