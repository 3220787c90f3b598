"""The package as a user installs it: the wheel built from this checkout, installed into a
fresh venv, run from a directory outside the checkout (no SHUZHI_TEMPLATES, nothing on
PYTHONPATH). The templates and the web app must come from inside the installed package."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "facts-2022.yaml"

pytestmark = pytest.mark.slow


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv with the wheel installed (dependencies from the
    registry, through pip's own cache)."""
    where = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", where / "dist", ROOT)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((where / "dist").glob("shuzhi-*.whl"))
    venv = where / "venv"
    assert run(sys.executable, "-m", "venv", venv).returncode == 0
    done = run(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel)
    assert done.returncode == 0, done.stderr[-2000:]
    return venv / "bin"


@pytest.fixture
def outside(tmp_path) -> tuple[Path, dict]:
    """A working directory outside the checkout and an environment that points nowhere into it."""
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SHUZHI_", "PYTHON", "VIRTUAL_ENV", "STREAMLIT_"))}
    env["SHUZHI_HOME"] = str(tmp_path / "home")
    return work, env


def test_the_installed_wheel_drafts_and_checks_from_any_directory(installed, outside):
    work, env = outside
    shutil.copyfile(SAMPLE, work / "facts.yaml")
    drafted = run(installed / "shuzhi", "draft", "--facts", "facts.yaml", "-o", "report.txt", cwd=work, env=env)
    assert drafted.returncode == 0, drafted.stderr
    report = (work / "report.txt").read_text("utf-8")
    assert report.splitlines()[0] == "2022年述德述廉述职报告"
    assert "一、" in report

    checked = run(installed / "shuzhi", "check", "report.txt", cwd=work, env=env)
    assert checked.returncode in (0, 1), checked.stderr  # 1: the draft has findings (its gaps)
    assert "Traceback" not in checked.stderr and checked.stdout.strip()

    listed = run(installed / "shuzhi", "templates", cwd=work, env=env)
    assert listed.returncode == 0 and "shudeshulian" in listed.stdout, listed.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_installed_wheel_serves_the_app(installed, outside):
    work, env = outside
    port = free_port()
    server = subprocess.Popen([str(installed / "shuzhi"), "serve", "--port", str(port)], cwd=work, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        answers: dict[str, int] = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and answers != {"/": 200, "/_stcore/health": 200}:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            for path in ("/", "/_stcore/health"):
                try:
                    answers[path] = httpx.get(base + path, timeout=5).status_code
                except httpx.TransportError:
                    answers[path] = 0
            time.sleep(0.5)
        assert answers == {"/": 200, "/_stcore/health": 200}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


PAGE = """
from streamlit.testing.v1 import AppTest
from shuzhi.bundled import app_script
page = AppTest.from_file(str(app_script()), default_timeout=60).run()
assert not page.exception, page.exception
print(app_script())
print("|".join(b.label for b in page.button))
"""


def test_the_installed_app_draws_its_start_page(installed, outside):
    """The page scripts (webapp/) come from the package too: the start page draws, with no
    error, and offers the sample facts."""
    work, env = outside
    shown = run(installed / "python", "-c", PAGE, cwd=work, env=env)
    assert shown.returncode == 0, shown.stderr[-2000:]
    script, buttons = shown.stdout.strip().splitlines()[-2:]
    assert "site-packages" in script and str(ROOT) not in script
    assert "用示例事实体验（2022 年样例）" in buttons.split("|"), buttons  # the sample facts came too
