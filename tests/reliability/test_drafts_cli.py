"""``shuzhi drafts list`` shows what is in the shared database, newest first."""

from __future__ import annotations

import json

import pytest

from shuzhi.session import DraftSession
from shuzhi.store import Store

from .drafters import ScriptedDrafter

pytestmark = pytest.mark.reliability


def test_list_newest_first_as_json_and_text(cli, facts, template, shuzhi_proc):
    store = Store()
    old = DraftSession.new(facts, template.id, store).draft_all(ScriptedDrafter(), redo_done=False)
    partial = DraftSession.new(facts, template.id, store).draft_all(
        ScriptedDrafter(fail={"team", "outlook"}), redo_done=False)
    fresh = DraftSession.new(facts, template.id, store).draft

    result = shuzhi_proc("drafts", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [d["id"] for d in listed] == [fresh.id, partial.id, old.id]
    first = listed[0]
    assert {"id", "title", "year", "status", "updated"} <= set(first)
    assert first["title"] == "2022年述德述廉述职报告" and first["year"] == 2022
    assert [(d["status"], d["done"], d["total"]) for d in listed] == [
        ("pending", 1, 11), ("failed", 9, 11), ("done", 11, 11)]

    text = cli("drafts", "list")
    lines = text.stdout.splitlines()
    assert lines[0].startswith(fresh.id) and "未完成 1/11" in lines[0]
    assert "有章节失败 9/11" in lines[1] and "已完成 11/11" in lines[2]
    assert "shuzhi draft --resume ID" in text.stderr


def test_empty_and_bad_format(cli):
    assert "还没有草稿" in cli("drafts", "list").stdout
    assert cli("drafts", "list", "--format", "json").stdout.strip() == "[]"
    bad = cli("drafts", "list", "--format", "xml")
    assert bad.exit_code == 2 and "xml" in bad.stderr


def test_import_refuses_what_is_not_a_draft(cli, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"year": 2024}', "utf-8")
    result = cli("drafts", "import", path)
    assert result.exit_code == 2 and "不是 shuzhi 的草稿 JSON 文件" in result.stderr


def test_a_draft_exported_by_an_older_release_still_imports(cli, facts, template, tmp_path):
    """Older releases kept the checker's findings in each section of the JSON export."""
    draft = DraftSession.new(facts, template.id, Store()).draft_all(ScriptedDrafter(), redo_done=False)
    data = json.loads(draft.model_dump_json())
    for section in data["sections"]:
        section["findings"] = [{"rule": "placeholder", "severity": "error", "line": 1, "column": 1,
                                "text": "**", "message": "未填写的占位符", "suggestion": None}]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    Store().delete(draft.id)  # imported into a store that does not have it
    result = cli("drafts", "import", path)
    assert result.exit_code == 0, result.stderr
    assert Store().get(draft.id).section("study").text == draft.section("study").text
