"""The smaller faults of issue #11, item 9: each is one clear Chinese line and exit 2 — not
Click's English usage text, not pydantic's wording, not "腾出空间" for a permission problem —
the app reads what the CLI reads, and what we store is private to the user."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest
from app_helpers import session_of

from shuzhi.store import Store

from .conftest import ROOT, sqlite_file
from .hostile import GOOD_FACTS

pytestmark = pytest.mark.reliability

SAMPLE_REPORT = ROOT / "samples" / "report-2022.txt"
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"
ENGLISH = ("Usage:", "Error:", "Invalid value", "Try '", "Input should", "Traceback", "No such")


def one_chinese_line(stderr: str, *words: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), stderr
    assert not any(e in stderr for e in ENGLISH), stderr
    assert any(w in lines[0] for w in words), lines[0]
    return lines[0]


# -- usage errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["check", SAMPLE_REPORT, "--year", "99999"], ("--year", "2100")),
    (["check", SAMPLE_REPORT, "--year", "abc"], ("应为整数",)),
    (["check", SAMPLE_REPORT, "--year"], ("缺少取值",)),
    (["check"], ("缺少参数 FILE",)),
    (["check", SAMPLE_REPORT, "--yaer", "2022"], ("没有选项 --yaer",)),
    (["chek", SAMPLE_REPORT], ("没有命令 chek",)),
    (["draft", "--facts", SAMPLE_FACTS, "--temperature", "热"], ("应为数字",)),
    (["drafts", "list", "--limit", "0"], ("不能小于 1",)),
    (["outline", SAMPLE_REPORT, "--format", "xml"], ("不支持的格式“xml”",)),
], ids=["year-too-big", "year-not-a-number", "year-without-value", "missing-file", "unknown-option",
        "unknown-command", "temperature-not-a-number", "limit-too-small", "unknown-format"])
def test_usage_errors_are_one_chinese_line(shuzhi_proc, args, words):
    result = shuzhi_proc(*args)
    assert result.returncode == 2
    one_chinese_line(result.stderr, *words)


def test_shuzhi_alone_still_prints_its_help(shuzhi_proc):
    result = shuzhi_proc()
    assert "check" in result.stdout + result.stderr and "draft" in result.stdout + result.stderr


# -- files that cannot be read ----------------------------------------------------------------

def test_a_fractional_year_in_the_facts(cli, tmp_path):
    facts = tmp_path / "f.yaml"
    facts.write_text("year: 2022.5\nunit: 图书馆\nperson: 张三\n", "utf-8")
    result = cli("draft", "--facts", facts)
    assert result.exit_code == 2
    one_chinese_line(result.stderr, "f.yaml:1: 字段 year: 应为整数")


@pytest.mark.parametrize("suffix, make_args", [
    (".txt", lambda p: ["check", p]),
    (".yaml", lambda p: ["draft", "--facts", p]),
    (".json", lambda p: ["drafts", "import", p]),
])
def test_a_symlink_loop(cli, tmp_path, suffix, make_args):
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    a.symlink_to(b)
    b.symlink_to(a)
    result = cli(*make_args(a))
    assert result.exit_code == 2
    one_chinese_line(result.stderr, "符号链接形成了循环")


def unprivileged(args: list, home: Path) -> subprocess.CompletedProcess:
    """``shuzhi ARGS`` as a user to whom a chmod 000 file is unreadable: ourselves, or — when we
    are root, who reads everything — ``nobody``, with the system Python on our packages."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SHUZHI_HOME": str(home)}
    command = [sys.executable, "-m", "shuzhi", *map(str, args)]
    if os.geteuid() == 0:
        python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
        if not (shutil.which("runuser") and os.path.exists(python)):
            pytest.skip(f"以 root 运行：需要 runuser 和 {python} 才能以普通用户检验 chmod 000")
        env["PYTHONPATH"] += os.pathsep + sysconfig.get_paths()["purelib"]
        env["HOME"] = str(home)
        command = ["runuser", "-u", "nobody", "--", python, "-m", "shuzhi", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def shared_dir():
    """A folder ``nobody`` can enter (pytest's own tmp is root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="shuzhi-perm-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("what", ["report", "facts", "config"])
def test_a_file_nobody_may_read(shared_dir, what):
    home = shared_dir / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    out = shared_dir / "out.txt"
    facts = shared_dir / "facts.yaml"
    facts.write_text(GOOD_FACTS, "utf-8")
    facts.chmod(0o644)
    locked = {"report": shared_dir / "report.txt", "facts": facts, "config": home / "config.toml"}[what]
    locked.write_text("model = 'x'\n" if what == "config" else SAMPLE_REPORT.read_text("utf-8"), "utf-8")
    locked.chmod(0o000)
    args = ["check", locked] if what == "report" else ["draft", "--facts", facts, "-o", out]
    result = unprivileged(args, home)
    if "ModuleNotFoundError" in result.stderr or "Permission denied: '" + str(ROOT) in result.stderr:
        pytest.skip(f"普通用户无法运行本检出目录中的 shuzhi：{result.stderr.strip().splitlines()[-1]}")
    assert result.returncode == 2, result.stderr
    line = one_chinese_line(result.stderr, "没有读取权限")
    assert str(locked) in line and "写入" not in line


# -- one decoding for the CLI and the app -------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_the_cli_reads_every_common_encoding(cli, tmp_path, encoding):
    facts = tmp_path / "f.yaml"
    facts.write_bytes(GOOD_FACTS.encode(encoding))  # Python's utf-16 writes a BOM, as Notepad does
    report = tmp_path / "r.txt"
    report.write_bytes(SAMPLE_REPORT.read_text("utf-8").encode(encoding))
    utf8 = cli("check", SAMPLE_REPORT, "--format", "json")
    result = cli("check", report, "--facts", facts, "--format", "json")
    assert result.exit_code == utf8.exit_code == 1, result.stderr
    assert result.stdout.count('"rule"') >= utf8.stdout.count('"rule"') > 0


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_the_app_reads_what_the_cli_reads(encoding):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("李四")
    inputs["单位"].set_value("别的单位")
    [b for b in at.button if b.label == "创建报告"][0].click().run()
    at.file_uploader[0].upload("facts.yaml", GOOD_FACTS.encode(encoding), "application/x-yaml").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    draft = Store().get(session_of(at).draft.id)
    assert draft.facts.unit == "某大学图书馆" and draft.facts.person == "张三"


# -- what we store is the user's alone ----------------------------------------------------------

def test_the_database_and_its_folder_are_private(monkeypatch, isolated_home, facts, template):
    from shuzhi.session import DraftSession

    home = isolated_home / "fresh"  # not there yet: we create it
    monkeypatch.setenv("SHUZHI_HOME", str(home))
    store = Store()
    DraftSession.new(facts, template.id, store)  # a write: SQLite opens its -wal and -shm
    db = sqlite_file(store.url)
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    assert all(f.exists() for f in files)
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o600 for f in files}
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
