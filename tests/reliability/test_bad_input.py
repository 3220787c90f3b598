"""Bad input, table-driven over every command that reads a file: exit 2 and one Chinese
line on stderr, never a traceback — and what only looks bad (GBK text) is read correctly.
The library side (what the app calls) raises ``InputError`` with the same Chinese line."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


SAMPLE_REPORT = ROOT / "samples" / "report-2022.txt"
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"
DEFAULT_SUFFIX = {"facts": ".yaml", "report": ".txt", "draft": ".json"}


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes] | None  # None: the file does not exist
    words: tuple[str, ...] | None  # one of these in the one error line; None: it works
    kinds: tuple[str, ...] = ("facts", "report", "draft")
    suffix: str | None = None  # None: the kind's usual suffix


CASES = [
    Case("missing", None, ("文件不存在",)),
    Case("too-big", lambda: b"a" * BIG, ("文件过大",)),
    Case("binary", lambda: bytes(range(256)) * 40, ("不是文本文件",)),
    Case("binary-as-docx", lambda: bytes(range(256)) * 40, ("不是有效的 Word 文档", "不是文本文件"),
         ("facts", "report"), ".docx"),
    Case("zip-as-docx", fake_docx, ("不是有效的 Word 文档",), ("report",), ".docx"),
    Case("directory", lambda: b"", ("目录",), ("facts", "report", "draft"), "/"),
    Case("malformed-yaml", lambda: b"year: [2024\nunit: x\n", (":2: 事实文件格式错误",), ("facts",)),
    Case("malformed-json", lambda: b'{"year": 2024, "unit": }', ("事实文件格式错误", "不是"),
         ("facts", "draft"), ".json"),
    Case("wrong-type", lambda: b"year: abc\nunit: x\nperson: y\n", (":1: 字段 year: 应为整数",), ("facts",)),
    Case("wrong-type-list", "year: 2024\nunit: 单位\nperson: 张三\nposts: 书记\n".encode,
         (":4: 字段 posts: 应为列表",), ("facts",)),
    Case("not-a-mapping", lambda: b"- a\n- b\n", ("应为一个键值对象",), ("facts",)),
    Case("not-a-draft", lambda: b'{"year": 2024}', ("不是",), ("draft",)),
    Case("nested-too-deep", lambda: b"[" * 100000 + b"]" * 100000, ("嵌套层次过深",), ("facts",), ".json"),
    Case("empty", lambda: b"", ("应为一个键值对象",), ("facts",)),
    Case("gbk", lambda: GOOD_FACTS.encode("gbk"), None, ("facts",)),
    Case("gbk", lambda: SAMPLE_REPORT.read_text("utf-8").encode("gbk"), None, ("report",)),
]


def draft_json(tmp: Path) -> Path:
    from shuzhi.draft import Draft
    from shuzhi.drafting import get_drafter
    from shuzhi.drafting.pipeline import draft_report
    from shuzhi.facts import load_facts
    from shuzhi.templates import load_template

    facts = load_facts(SAMPLE_FACTS)
    template = load_template(facts.template)
    draft = draft_report(Draft.new(facts, template), template, get_drafter("offline"))
    path = tmp / "good-draft.json"
    path.write_text(draft.model_dump_json(), "utf-8")
    return path


# Every command that reads a user's file: the kind of file, how it is given, and the exit
# codes that mean "read fine" (check exits 1 when the report has errors).
COMMANDS = {
    "draft": ("facts", lambda f, t: ["draft", "--facts", f, "--out", t / "o.txt"], (0,)),
    "draft-from-report": ("report", lambda f, t: ["draft", "--facts", SAMPLE_FACTS, "--from-report", f,
                                                  "--out", t / "o.txt"], (0,)),
    "check": ("report", lambda f, t: ["check", f], (0, 1)),
    "check-facts": ("facts", lambda f, t: ["check", SAMPLE_REPORT, "--facts", f], (0, 1)),
    "export": ("report", lambda f, t: ["export", f, "--out", t / "o.docx"], (0,)),
    "export-facts": ("facts", lambda f, t: ["export", SAMPLE_REPORT, "--facts", f, "--out", t / "o.docx"],
                     (0,)),
    "outline": ("report", lambda f, t: ["outline", f], (0,)),
    "import-edits": ("report", lambda f, t: ["import", draft_json(t), f, "-o", t / "d.json"], (0, 1)),
    "import-edits-draft": ("draft", lambda f, t: ["import", f, SAMPLE_REPORT, "-o", t / "d.json"], (0, 1)),
    "drafts-import": ("draft", lambda f, t: ["drafts", "import", f], (0,)),
    "regenerate": ("draft", lambda f, t: ["regenerate", f, "--section", "study", "-o", t / "r.json"], (0,)),
}


def table():
    for command, (kind, _, _) in COMMANDS.items():
        for case in CASES:
            if kind in case.kinds:
                yield pytest.param(command, case, id=f"{command}-{case.name}")


@pytest.mark.parametrize("command, case", list(table()))
def test_bad_input_is_one_chinese_line_and_exit_2(cli, tmp_path, command, case):
    kind, argv, ok = COMMANDS[command]
    suffix = case.suffix or DEFAULT_SUFFIX[kind]
    path = tmp_path / f"input{suffix}"
    if suffix == "/":
        path = tmp_path / f"folder{DEFAULT_SUFFIX[kind]}"
        path.mkdir()
    elif case.content is not None:
        path.write_bytes(case.content())
    result = cli(*argv(path, tmp_path))
    if case.words is None:
        assert result.exit_code in ok, result.stderr
        return
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and any(w in lines[0] for w in case.words), result.stderr
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
