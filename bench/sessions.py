"""Memory per app session: the Streamlit server's RSS as K browser sessions each open the
app, create a report and draft it (offline), all kept open at once.

    python bench/sessions.py                 # K = 1, 5, 10, 20
    python bench/sessions.py --sessions 1,2,4

Starts ``streamlit run app.py`` on a free port with a throwaway SHUZHI_HOME and drives it with
headless Debian Chromium (playwright). Prints the server's RSS after each step and the growth
per session; the browser's own memory is not counted.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(home: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SHUZHI_HOME": home}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/_stcore/health", timeout=2).text == "ok":
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("app server did not start")


def one_session(context, url: str, n: int) -> None:
    """What a user does first: open, create a report, draft it."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.get_by_text("新建报告").first.wait_for()
    page.get_by_label("姓名").fill(f"用户{n}")
    page.get_by_label("单位").fill("某大学图书馆")
    page.get_by_role("button", name="创建报告").click()
    page.get_by_text("填写本年度事实").wait_for()
    page.get_by_test_id("stSidebar").get_by_text("起草", exact=True).click()
    page.get_by_role("button", name="起草全文").click()
    page.get_by_text(re.compile("起草完成")).wait_for(timeout=120_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,5,10,20", help="cumulative K values")
    args = parser.parse_args()
    steps = sorted(int(k) for k in args.sessions.split(","))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as home:
        proc, url = start_app(home)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run"])
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
                warm = context.new_page()  # the first page load imports everything: not a session's cost
                warm.goto(url)
                warm.get_by_text("新建报告").first.wait_for(timeout=60_000)
                warm.close()
                time.sleep(1)
                base = rss_mb(proc.pid)
                print(f"server RSS after warm-up: {base:.0f} MB")
                print(f"{'K':>4} {'RSS MB':>8} {'growth MB':>10} {'MB/session':>11} {'s/session':>10}")
                opened = 0
                for k in steps:
                    t0, before = time.perf_counter(), opened
                    while opened < k:
                        opened += 1
                        one_session(context, url, opened)
                    per = (time.perf_counter() - t0) / max(1, opened - before)
                    time.sleep(1)
                    rss = rss_mb(proc.pid)
                    print(f"{k:>4} {rss:>8.0f} {rss - base:>10.0f} {(rss - base) / k:>11.1f} {per:>10.2f}",
                          flush=True)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
