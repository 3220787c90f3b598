"""Nothing a user or a template folder hands us runs code (issue #11, item 1).

A report whose title holds Jinja becomes a template whose title is that text, literally; a
template folder (SHUZHI_TEMPLATES) whose title, offline text or prompt file reaches for
``__globals__``, ``__class__``, ``os.environ`` … stops with exit 2 and one Chinese line, and
the API key in the environment appears nowhere: not on stdout or stderr, in the draft, the
database, or any prompt the model server received."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from shuzhi.config import user_dir

from .conftest import ROOT, SAMPLE_FACTS

pytestmark = pytest.mark.reliability

KEY = "sk-shuzhi-SANDBOX-4c1d9e7a02"
REPORT = """2022年{{ lipsum.__globals__.os.popen('touch pwned') }}述职报告
一、加强学习，提高政治站位
全年参加理论学习12次。
二、自省自律，筑牢防腐堤坝
严格落实中央八项规定精神。
"""
PAYLOADS = {
    "lipsum": "{{ lipsum.__globals__.os.environ }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler": "{{ cycler.__init__.__globals__.os.environ }}",
    "context": "{{ self._TemplateReference__context }}",
    "facts": "{{ facts.__class__.__init__.__globals__ }}",
    "range": "{{ range.__globals__ }}",
    "attr": "{{ facts|attr('__class__') }}",
}


def hostile_templates(tmp_path: Path, where: str, payload: str) -> Path:
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "prompts" / "shudeshulian", root / "shudeshulian")
    shutil.copyfile(ROOT / "prompts" / "section.md", root / "section.md")
    folder = root / "shudeshulian"
    if where == "system.md":
        (folder / "system.md").write_text((folder / "system.md").read_text("utf-8") + payload + "\n", "utf-8")
    else:
        data = yaml.safe_load((folder / "template.yaml").read_text("utf-8"))
        if where == "title":
            data["title"] = "{{ year }}年" + payload + "述德述廉述职报告"
        else:
            data["preamble"]["offline"] = payload + data["preamble"]["offline"]
        (folder / "template.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return root


def written(home: Path, out: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in [*home.rglob("*"), *out.rglob("*")] if p.is_file()}


def test_a_report_title_with_template_code_is_stored_as_text(shuzhi_proc, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "prompts", templates)
    (tmp_path / "report.txt").write_text(REPORT, "utf-8")
    env = {"SHUZHI_TEMPLATES": str(templates), "SHUZHI_HOME": str(tmp_path / "home")}

    made = shuzhi_proc("templates", "new", "--from", "report.txt", "--id", "house", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert not (tmp_path / "pwned").exists()  # nothing ran when the template was made
    assert "××年{{ lipsum.__globals__.os.popen('touch pwned') }}述职报告" in made.stdout

    drafted = shuzhi_proc("draft", "--facts", SAMPLE_FACTS, "--template", "house", "-o", "out.txt",
                          env=env, cwd=tmp_path)
    assert drafted.returncode == 0, drafted.stderr
    assert not (tmp_path / "pwned").exists()  # nor on a later draft
    title = (tmp_path / "out.txt").read_text("utf-8").split("\n")[0]
    assert title == "2022年{{ lipsum.__globals__.os.popen('touch pwned') }}述职报告"


@pytest.mark.parametrize("where", ["title", "offline", "system.md"])
@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_template_that_reaches_outside_stops_with_one_line(cli, fake_openai, tmp_path, monkeypatch,
                                                             where, payload):
    monkeypatch.setenv("SHUZHI_TEMPLATES", str(hostile_templates(tmp_path, where, payload)))
    monkeypatch.setenv("SHUZHI_API_KEY", KEY)
    monkeypatch.setenv("UNIT_MODEL_KEY", KEY)
    out = tmp_path / "out"
    out.mkdir()
    model = ["--base-url", fake_openai.base_url, "--model", "fake-model", "--api-key-env", "UNIT_MODEL_KEY"] \
        if where == "system.md" else []
    result = cli("draft", "--facts", SAMPLE_FACTS, *model, "-o", out / "report.json")

    assert result.exit_code == 2, (result.exit_code, result.stderr[-300:])
    last = result.stderr.strip().split("\n")[-1]
    assert last.startswith("错误：模板“shudeshulian”") and ("安全沙箱" in last or "未定义的变量" in last), last
    assert "Traceback" not in result.stderr
    assert fake_openai.requests == []  # the template is rendered before anything is sent
    haystacks = {"stdout": result.stdout.encode(), "stderr": result.stderr.encode(),
                 **written(user_dir(), out),
                 "server": repr([(r.body, r.headers) for r in fake_openai.requests]).encode()}
    assert any(name.endswith("shuzhi.db") for name in haystacks) or where == "title"
    assert [name for name, data in haystacks.items() if KEY.encode() in data] == []
    assert [name for name, data in haystacks.items() if b"SHUZHI_HOME" in data] == []  # no environ dump
