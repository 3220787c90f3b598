"""A model draft in a real browser that the user walks away from: another page, a reload, the
tab closed and the link opened in a new browser context, and the app server killed mid-draft.
The draft is a job of the server process, so each ends with every section in the database and
on the page; after a kill, 继续起草 is offered and writes only the missing sections.

The model is our fake OpenAI server (exact timing, faults); the app is ``streamlit run app.py``
in its own process, as users get it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_app_browser import wait_idle  # tests/browser is on sys.path (no package)

from shuzhi.store import Store
from shuzhi.testing.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
LEASE = "2"  # seconds: how soon a killed server's job is seen as interrupted


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` on a free port, with the test's SHUZHI_HOME; can be killed."""

    def __init__(self, home: Path, log: Path, **env: str):
        self.home, self.log, self.port, self.env = home, log, free_port(), env
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> AppServer:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SHUZHI_HOME": str(self.home),
               "SHUZHI_JOB_LEASE": LEASE, **self.env}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log.open("a"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/_stcore/health", timeout=2).text == "ok":
                    return self
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"app server did not start:\n{self.log.read_text()}")
            time.sleep(0.3)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no chance to end the job; its lease simply stops being renewed."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def app(isolated_home, tmp_path):
    server = AppServer(isolated_home, tmp_path / "server.log").start()
    yield server
    server.stop()


@pytest.fixture
def model():
    with FakeOpenAI(ttft=0.3, tokens_per_second=40) as server:  # each section takes several seconds
        yield server


def go(page, step: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(step, exact=True).click()
    page.wait_for_timeout(500)


def draft_id(page) -> str:
    return re.search(r"draft=([\w-]+)", page.url).group(1)


def start_model_draft(page, url: str, model: FakeOpenAI) -> str:
    """The sample facts, the fake model as a custom endpoint, 起草全文; returns the draft id
    once sections are visibly streaming."""
    page.goto(url)
    page.get_by_role("button", name=re.compile("用示例事实")).click()
    page.get_by_text("填写本年度事实").wait_for()
    go(page, "起草")
    wait_idle(page)
    page.get_by_text("大模型起草").click()
    wait_idle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=re.compile("自定义")).click()
    wait_idle(page)
    page.get_by_label("接口地址（Base URL）").fill(model.base_url)
    page.keyboard.press("Tab")
    wait_idle(page)
    page.get_by_label("模型名称").fill("fake-model")
    page.keyboard.press("Tab")
    wait_idle(page)
    page.get_by_role("button", name="起草全文").click()
    page.wait_for_function("() => document.body.innerText.split('▍').length > 2", timeout=60_000)
    return draft_id(page)


def stored(draft: str):
    return Store().get(draft)


def done_count(draft: str) -> int:
    return sum(s.status == "done" for s in stored(draft).sections if s.versions)


def finished_on_page(page, draft: str, timeout: float = 120) -> None:
    """The job ends while this page watches it: the outcome, and every section done in the
    database and counted in the sidebar."""
    page.get_by_text("起草完成").wait_for(timeout=timeout * 1000)
    page.get_by_test_id("stSidebar").get_by_text("已起草 10/10 节").wait_for()
    assert all(s.status == "done" for s in stored(draft).sections)


def test_clicking_another_page_mid_draft_loses_nothing(app, model, page, shoot):
    draft = start_model_draft(page, app.url, model)
    page.wait_for_timeout(2500)
    go(page, "填写事实")
    page.get_by_text("填写本年度事实").wait_for()
    assert done_count(draft) < 10  # still drafting while the user is elsewhere
    go(page, "起草")
    page.get_by_text(re.compile("起草中：已完成 \\d+/10 节 · 约")).wait_for()
    page.get_by_role("button", name="取消起草").wait_for()
    shoot(page, "drafting-running")
    finished_on_page(page, draft)
    assert len(model.requests) == 10  # one request per section: nothing drafted twice
    wait_idle(page)
    shoot(page, "drafting-done")


def test_reloading_mid_draft_shows_the_same_job_live(app, model, page):
    draft = start_model_draft(page, app.url, model)
    page.wait_for_timeout(2500)
    model.hold()  # the job cannot end before the reloaded page has shown it running
    page.reload()
    page.get_by_text(re.compile("起草中：已完成 \\d+/10 节 · 约")).wait_for(timeout=30_000)
    model.release()
    finished_on_page(page, draft)
    assert len(model.requests) == 10


def test_closing_the_tab_and_opening_the_link_in_another_browser(app, model, page):
    draft = start_model_draft(page, app.url, model)
    link = page.url
    page.wait_for_timeout(2500)
    model.hold()  # however slowly the new browser loads, it must find the job still running
    browser = page.context.browser
    page.context.close()
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    other = context.new_page()
    other.set_default_timeout(30_000)
    other.goto(link)
    other.get_by_text(re.compile("起草中：已完成 \\d+/10 节 · 约")).wait_for()
    model.release()
    finished_on_page(other, draft)
    assert len(model.requests) == 10
    context.close()


def killed_mid_draft(app: AppServer, model: FakeOpenAI, page) -> str:
    """A model draft on ``app`` whose server is SIGKILLed with 7 of 10 sections saved."""
    for heading in ("从激发活力入手", "从除险保安入手", "盘点不足，明确努力方向"):
        model.fail("forever", match=heading, times=None)  # these never finish before the kill
    draft = start_model_draft(page, app.url, model)
    deadline = time.monotonic() + 90
    while done_count(draft) < 7:
        assert time.monotonic() < deadline, "7 sections were never saved"
        time.sleep(0.3)
    page.get_by_text(re.compile("起草中：已完成 7/10 节 · 约")).wait_for()
    app.kill()
    model.reset()  # the model behaves from now on
    return draft


def continue_on(app: AppServer, model: FakeOpenAI, page, draft: str, shoot=None) -> None:
    """Open the draft's link on ``app``: 继续起草 is offered and writes only the 3 missing sections."""
    before = {s.id: len(s.versions) for s in stored(draft).sections}
    page.goto(f"{app.url}/?draft={draft}")
    page.get_by_text("填写本年度事实").wait_for()
    go(page, "起草")
    page.get_by_text("上次起草已中断").wait_for(timeout=30_000)  # once its lease (2 s) expired
    assert "尚缺 3 节" in page.get_by_text("上次起草已中断").inner_text()
    resume = page.get_by_role("button", name="继续起草（3 节）")
    if shoot:
        shoot(page, "drafting-interrupted")
    resume.click()  # the model settings came back with the draft; no key is needed here
    finished_on_page(page, draft)
    after = stored(draft)
    grown = {s.id for s in after.sections if len(s.versions) > before[s.id]}
    assert grown == {"team", "safety", "outlook"}
    assert len(model.requests) == 3


def test_a_server_killed_mid_draft_offers_to_continue_the_missing_sections(app, model, page, shoot):
    draft = killed_mid_draft(app, model, page)
    app.start()
    continue_on(app, model, page, draft, shoot)


def test_two_instances_on_one_postgresql_the_other_continues_a_killed_ones_draft(
        isolated_home, tmp_path, model, page, monkeypatch):
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import PostgresUnavailable, throwaway_postgres

    try:
        with throwaway_postgres() as url:
            monkeypatch.setenv("SHUZHI_DB", url)  # the test reads the same database
            first = AppServer(isolated_home, tmp_path / "first.log", SHUZHI_DB=url).start()
            second = AppServer(isolated_home, tmp_path / "second.log", SHUZHI_DB=url).start()
            try:
                draft = killed_mid_draft(first, model, page)
                continue_on(second, model, page, draft)
            finally:
                first.stop()
                second.stop()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
