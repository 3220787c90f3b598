"""Memory and hangs (issue #11, item 3): files small on disk and huge once read, devices and
FIFOs as input. Each is refused with one Chinese line and exit 2, quickly and in little
memory, from the CLI and from the app's upload — never a traceback, never the content."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading

import pytest
from app_helpers import session_of

from shuzhi.errors import InputError
from shuzhi.facts import parse_facts

from . import hostile
from .conftest import ROOT

pytestmark = pytest.mark.reliability

SAMPLE_REPORT = ROOT / "samples" / "report-2022.txt"
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"
MEMORY = 2 * 1024 ** 3  # today the alias bomb takes 4 GB and the XML bomb 3.7 GB


def run_bounded(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """``shuzhi ARGS`` in a fresh process allowed 2 GB of address space: a bomb that gets
    through fails with MemoryError instead of taking the machine."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "shuzhi", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout, preexec_fn=limit)


def one_line(stderr: str, *words: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), stderr[-2000:]
    assert any(w in lines[0] for w in words), lines[0]
    return lines[0]


def test_the_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(hostile.alias_bomb(), "utf-8")
    assert bomb.stat().st_size < 400_000
    for args in (["draft", "--facts", bomb, "-o", tmp_path / "o.txt"], ["check", SAMPLE_REPORT, "--facts", bomb]):
        result = run_bounded(*args)
        assert result.returncode == 2
        line = one_line(result.stderr, "内容过大")
        assert "荣荣" not in line  # the facts are never quoted back
    assert not (tmp_path / "o.txt").exists()


@pytest.mark.parametrize("text", [hostile.alias_bomb(copies=100, length=20_000), hostile.nested_alias_bomb(),
                                  hostile.GOOD_FACTS + "events: &e ['a', *e]\n"])
def test_alias_expansion_is_bounded_in_the_library(text):
    with pytest.raises(InputError, match="内容过大") as caught:
        parse_facts(text, "粘贴的内容")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_a_few_aliases_are_still_facts():
    facts = parse_facts(hostile.GOOD_FACTS + "honours: [&h 校级优秀党务工作者]\nintegrity: [*h]\n")
    assert facts.integrity == ["校级优秀党务工作者"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("make_args", [
    lambda d, t: ["draft", "--facts", d, "-o", t / "o.txt"],
    lambda d, t: ["check", SAMPLE_REPORT, "--facts", d],
    lambda d, t: ["drafts", "import", d],
], ids=["draft", "check-facts", "drafts-import"])
def test_a_device_as_input_is_refused(tmp_path, device, make_args):
    result = run_bounded(*make_args(device, tmp_path), timeout=30)
    assert result.returncode == 2
    one_line(result.stderr, "不是普通文件")


@pytest.fixture
def fifo(tmp_path):
    def make(name: str):
        path = tmp_path / name
        os.mkfifo(path)
        return path
    return make


@pytest.mark.parametrize("name, make_args", [
    ("facts.yaml", lambda f, t: ["draft", "--facts", f, "-o", t / "o.txt"]),
    ("report.txt", lambda f, t: ["check", f]),
    ("draft.json", lambda f, t: ["drafts", "import", f]),
    ("edited.txt", lambda f, t: ["import", f, SAMPLE_REPORT]),
], ids=["draft", "check", "drafts-import", "import"])
def test_a_fifo_as_input_never_hangs(tmp_path, fifo, name, make_args):
    result = run_bounded(*make_args(fifo(name), tmp_path), timeout=30)  # today: hangs until killed
    assert result.returncode == 2
    one_line(result.stderr, "不是普通文件")


def test_a_fifo_swapped_in_after_the_check_cannot_block_the_open(fifo, monkeypatch):
    """Between ``stat`` and ``open`` the file is replaced by a FIFO nobody writes to: the open
    must not wait for a writer, and the descriptor is checked again."""
    from shuzhi.readers import read_bytes

    path = fifo("swapped.yaml")
    regular = os.stat(SAMPLE_FACTS)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if str(p) == str(path) else real_stat(p, *a, **k))
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_bytes(path))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test run can end
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], InputError) and "不是普通文件" in str(outcome[0])


@pytest.mark.parametrize("build, words", [
    (hostile.xml_bomb_docx, ("解压后过大", "压缩比异常")),
    (hostile.text_node_docx, ("无法解析",)),
    (hostile.entity_bomb_docx, ("无法解析",)),
], ids=["100MB-of-xml", "12MB-text-node", "entity-amplification"])
def test_docx_bombs_are_refused(tmp_path, build, words):
    path = tmp_path / "report.docx"
    path.write_bytes(build())
    assert path.stat().st_size < 10 * 1024 * 1024
    for args in (["check", path], ["outline", path], ["export", path, "-o", tmp_path / "o.txt"]):
        result = run_bounded(*args, timeout=60)  # today: 100 s and 3.7 GB, or an lxml traceback
        assert result.returncode == 2, result.stderr[-2000:]
        one_line(result.stderr, *words)
    assert not (tmp_path / "o.txt").exists()


def test_a_report_over_a_million_characters_is_refused(cli, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SAMPLE_REPORT.read_text("utf-8") * 300, "utf-8")  # 1.2 M characters, 3.6 MB
    result = cli("check", path)
    assert result.exit_code == 2
    one_line(result.stderr, "文字过多")


# -- the same limits in the app's upload --------------------------------------------------------

@pytest.fixture
def app_report():
    """The app on the 填写事实 page of a new report, with its import expander's uploaders."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("张三")
    inputs["单位"].set_value("某大学图书馆")
    [b for b in at.button if b.label == "创建报告"][0].click().run()
    assert not at.exception
    return at


def errors(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    # as the reader sees them: Markdown escapes undone, invisible link-breakers dropped
    return [re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", e.value).replace("\u2060", "") for e in at.error]


def test_the_app_refuses_an_alias_bomb_upload(app_report):
    at = app_report
    at.file_uploader[0].upload("bomb.yaml", hostile.alias_bomb(copies=100, length=20_000).encode(),
                               "application/x-yaml").run()
    [line] = errors(at)
    assert "内容过大" in line and "荣荣" not in line
    assert session_of(at).draft.facts.events == []


@pytest.mark.parametrize("build, words", [(hostile.xml_bomb_docx, "解压后过大"),
                                          (hostile.entity_bomb_docx, "无法解析")])
def test_the_app_refuses_a_docx_bomb_as_last_years_report(app_report, build, words):
    from shuzhi.store import Store

    at = app_report
    at.file_uploader[1].upload("去年的报告.docx", build(), "application/octet-stream").run()
    [line] = errors(at)
    assert words in line and "去年的报告.docx" in line
    draft_id = session_of(at).draft.id
    assert Store().get(draft_id).previous_report is None  # nothing stored to crash the tab later


def test_a_row_too_big_for_the_database_is_one_line_without_the_text(facts, template):
    """What the 4 GB alias bomb ended in: SQLite's "string or blob too big", whose message
    quoted the whole row (the facts) in a traceback. The limit is lowered here to reach it."""
    import sqlite3

    from sqlalchemy import event

    from shuzhi.session import DraftSession
    from shuzhi.store import Store, StoreError

    store = Store()
    draft = DraftSession.new(facts, template.id, store).draft
    event.listen(store.engine, "connect",
                 lambda connection, _: connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 5000))
    store.engine.dispose()  # the connections opened from now on have the low limit
    section = draft.section("study")
    section.add_version("不应出现在错误信息里的一段。" * 1000, "edit")
    with pytest.raises(StoreError) as caught:
        store.save_section(draft.id, section)
    assert "内容过大" in str(caught.value)
    assert "不应出现" not in str(caught.value) and "\n" not in str(caught.value)
