"""A draft id becomes a file name (the backup in ``unsaved/``) and part of a link (issue #11,
item 7): an imported draft whose id is ``../../x`` is refused, and no id can put a backup
outside ``unsaved/``."""

from __future__ import annotations

import json

import pytest

from shuzhi.draft import Draft, new_draft_id
from shuzhi.session import unsaved_dir, write_backup
from shuzhi.store import Store

from .test_bad_input import draft_json

pytestmark = pytest.mark.reliability

HOSTILE_IDS = ["../../x", "../unsaved2/x", "/tmp/x", "a/b/c/d/e/f", "x" * 65, "short", "id with spaces",
               "草稿编号一二三四五六七八", "abcdefgh\n", "abcdefgh\x1b[2J"]


@pytest.mark.parametrize("draft_id", HOSTILE_IDS)
def test_drafts_import_refuses_an_id_that_is_not_one_of_ours(cli, tmp_path, isolated_home, draft_id):
    data = json.loads(draft_json(tmp_path).read_text("utf-8"))
    data["id"] = draft_id
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("drafts", "import", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "草稿编号无效" in lines[0] and draft_id not in lines[0]
    assert Store().list() == []
    assert not (isolated_home.parent / "x.json").exists() and not (isolated_home / "x.json").exists()


def test_our_own_ids_are_accepted(cli, tmp_path):
    ids = [new_draft_id() for _ in range(200)]
    path = draft_json(tmp_path)
    result = cli("drafts", "import", path)
    assert result.exit_code == 0, result.stderr
    stored = json.loads(path.read_text("utf-8"))["id"]
    assert [d.id for d in Store().list()] == [stored]
    for draft_id in ids:  # every id we make passes the check an imported one must pass
        Draft.model_validate({**json.loads(path.read_text("utf-8")), "id": draft_id})


def test_a_backup_never_lands_outside_unsaved(tmp_path, isolated_home):
    good = Draft.model_validate_json(draft_json(tmp_path).read_text("utf-8"))
    hostile = good.model_copy(update={"id": "../../escaped"})  # built without validation, as a bug could
    assert write_backup(hostile) is None
    assert not list(isolated_home.parent.rglob("escaped*"))
    path = write_backup(good)
    assert path is not None and path.parent == unsaved_dir() and path.name == f"{good.id}.json"
