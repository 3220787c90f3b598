"""What a user keeps when they leave a model draft 2.5 s in: sections in the database.

    python bench/leave_mid_draft.py                      # this checkout
    python bench/leave_mid_draft.py --old /work/main     # and another checkout, side by side
    python bench/leave_mid_draft.py --ways close,page,reload --after 2.5

For each checkout and each way of leaving (close: the tab closed; page: 填写事实 clicked;
reload: the page reloaded) it starts ``streamlit run app.py`` from that checkout with a
throwaway SHUZHI_HOME, the fake OpenAI server (ttft 0.2 s, 60 tokens/s per stream), and drives
headless Debian Chromium: sample facts, the fake model as a custom endpoint, 起草全文, leave
``--after`` seconds later; then waits until the model server has answered every request and
counts the sections whose status is "done" in the database (read with sqlite3, so neither
checkout's migrations run). Prints one line per run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(checkout: Path, home: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "SHUZHI_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(checkout / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false",
                             "--server.fileWatcherType", "none"],
                            cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/_stcore/health", timeout=2).text == "ok":
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"app server from {checkout} did not start")


def idle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=30_000)


def start_draft(page, url: str, base_url: str) -> str:
    page.goto(url)
    page.get_by_role("button", name=re.compile("用示例事实")).click()
    page.get_by_text("填写本年度事实").wait_for()
    page.get_by_test_id("stSidebar").get_by_text("起草", exact=True).click()
    idle(page)
    page.get_by_text("大模型起草").click()
    idle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=re.compile("自定义")).click()
    idle(page)
    page.get_by_label("接口地址（Base URL）").fill(base_url)
    page.keyboard.press("Tab")
    idle(page)
    page.get_by_label("模型名称").fill("fake-model")
    page.keyboard.press("Tab")
    idle(page)
    page.get_by_role("button", name="起草全文").click()
    return re.search(r"draft=([\w-]+)", page.url).group(1)


def leave(page, way: str) -> None:
    if way == "close":
        page.close()
    elif way == "page":
        page.get_by_test_id("stSidebar").get_by_text("填写事实", exact=True).click()
    else:
        page.reload()


def counted(home: Path, draft_id: str) -> tuple[int, int]:
    with sqlite3.connect(home / "shuzhi.db") as db:
        rows = db.execute("SELECT status FROM sections WHERE draft_id = ?", (draft_id,)).fetchall()
    return sum(s == "done" for (s,) in rows), len(rows)


def run(checkout: Path, way: str, after: float, browser) -> str:
    from shuzhi.testing.fake_openai import FakeOpenAI

    home = Path(tempfile.mkdtemp(prefix="shuzhi-leave-"))
    proc, url = serve(checkout, home)
    try:
        with FakeOpenAI(ttft=0.2, tokens_per_second=60) as model:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(30_000)
            draft_id = start_draft(page, url, model.base_url)
            started = time.monotonic()
            page.wait_for_timeout(after * 1000)
            leave(page, way)
            while model.in_flight or not model.requests or time.monotonic() - started < 5:
                time.sleep(0.2)
            time.sleep(3)  # what the server still saves after the last answer
            done, total = counted(home, draft_id)
            context.close()
            return (f"{checkout.name:<10} {way:<7} left {after:.1f} s in: {done}/{total} sections done in the "
                    f"database, {len(model.requests)} model requests made")
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, help="another checkout to measure the same way")
    parser.add_argument("--ways", default="close,page,reload")
    parser.add_argument("--after", type=float, default=2.5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    checkouts = [c for c in (args.old, ROOT) if c is not None]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for way in args.ways.split(","):
            for checkout in checkouts:
                print(run(checkout.resolve(), way, args.after, browser), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
