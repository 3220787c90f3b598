"""Bad input, table-driven over every command that reads a file: exit 2 and one Chinese
line on stderr, never a traceback — and what only looks bad (GBK text) is read correctly.
The library side (what the app calls) raises ``InputError`` with the same Chinese line."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from shuzhi.errors import InputError
from shuzhi.facts import parse_facts

from .conftest import ROOT

pytestmark = pytest.mark.reliability

GOOD_FACTS = "year: 2024\nunit: 某大学图书馆\nperson: 张三\nposts: [直属党支部书记]\n"
BIG = 10 * 1024 * 1024 + 1


def fake_docx() -> bytes:
    """A zip that is not a Word document (what a renamed .xlsx or .zip looks like)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "不是 Word 文档")
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    content: Callable[[], bytes] | None  # None: the file does not exist
    words: str | None  # expected in the one error line; None: the command succeeds
    kinds: tuple[str, ...] = ("facts", "report")


CASES = [
    Case("missing", "nope.yaml", None, "文件不存在"),
    Case("too-big", "big.yaml", lambda: b"a" * BIG, "文件过大"),
    Case("binary-as-txt", "report.txt", lambda: bytes(range(256)) * 40, "不是文本文件"),
    Case("binary-as-docx", "report.docx", lambda: bytes(range(256)) * 40, "不是"),
    Case("zip-as-docx", "report.docx", fake_docx, "不是有效的 Word 文档", ("report",)),
    Case("malformed-yaml", "f.yaml", lambda: b"year: [2024\nunit: x\n", "f.yaml:2: 事实文件格式错误",
         ("facts",)),
    Case("malformed-json", "f.json", lambda: b'{"year": 2024, "unit": }', "f.json:1: 事实文件格式错误",
         ("facts",)),
    Case("wrong-type", "f.yaml", lambda: b"year: abc\nunit: x\nperson: y\n", "f.yaml:1: 字段 year: 应为整数",
         ("facts",)),
    Case("wrong-type-list", "f.yaml", lambda: "year: 2024\nunit: 单位\nperson: 张三\nposts: 书记\n".encode(),
         "f.yaml:4: 字段 posts: 应为列表", ("facts",)),
    Case("not-a-mapping", "f.yaml", lambda: b"- a\n- b\n", "应为一个键值对象", ("facts",)),
    Case("nested-too-deep", "f.json", lambda: b"[" * 100000 + b"]" * 100000, "嵌套层次过深", ("facts",)),
    Case("empty", "f.yaml", lambda: b"", "应为一个键值对象", ("facts",)),
    Case("gbk-facts", "gbk.yaml", lambda: GOOD_FACTS.encode("gbk"), None, ("facts",)),
    Case("gbk-report", "gbk.txt", lambda: (ROOT / "samples" / "report-2022.txt").read_text("utf-8")
         .encode("gbk"), None, ("report",)),
]

# Every command that reads a user's file, and how it is given the file.
COMMANDS = {
    "draft": ("facts", lambda f: ["draft", "--facts", f, "--out", f"{f}.out.txt"]),
}


def table():
    for command, (kind, _) in COMMANDS.items():
        for case in CASES:
            if kind in case.kinds:
                yield pytest.param(command, case, id=f"{command}-{case.name}")


@pytest.mark.parametrize("command, case", list(table()))
def test_bad_input_is_one_chinese_line_and_exit_2(cli, tmp_path, command, case):
    path = tmp_path / case.filename
    if case.content is not None:
        path.write_bytes(case.content())
    result = cli(*COMMANDS[command][1](path))
    if case.words is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and case.words in lines[0], result.stderr
    assert lines[0].startswith("错误：") and "Traceback" not in result.stderr


def test_gbk_facts_are_read_correctly(cli, tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(GOOD_FACTS.encode("gbk"))
    result = cli("draft", "--facts", path, "--format", "json")
    assert json.loads(result.stdout)["facts"]["unit"] == "某大学图书馆"


def test_a_template_with_missing_files_is_named(cli, tmp_path, monkeypatch):
    broken = tmp_path / "templates" / "shudeshulian"
    broken.mkdir(parents=True)
    for name in ("template.yaml", "system.md"):  # section.md and whole.md missing
        (broken / name).write_bytes((ROOT / "prompts" / "shudeshulian" / name).read_bytes())
    monkeypatch.setenv("SHUZHI_TEMPLATES", str(broken.parent))
    facts = tmp_path / "f.yaml"
    facts.write_text(GOOD_FACTS, "utf-8")
    result = cli("draft", "--facts", facts)
    assert result.exit_code == 2
    assert "缺少提示词文件 section.md" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("text, words", [
    ("year: [2024\n", "事实文件格式错误"),
    ("year: 2024\nunit: 单位\nperson: 张三\nplans: 1\n", "字段 plans: 应为列表"),
    ("[" * 50000, "嵌套层次过深"),
    ("a: " + "[" * 50000, "嵌套层次过深"),
    ("year: 2024\nunit: 单位\nperson: 张三\nevents: ['" + "长" * (4 * 1024 * 1024) + "']\n", "内容过大"),
])
def test_pasted_facts_raise_input_error_for_the_app(text, words):
    with pytest.raises(InputError, match=words) as caught:
        parse_facts(text, "粘贴的内容")
    assert str(caught.value).startswith("粘贴的内容")
    assert "\n" not in str(caught.value)
