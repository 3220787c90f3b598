"""Durable drafting: every finished section is in the database at once, a killed draft
loses none of them, and resuming writes only what is missing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from shuzhi.draft import Draft
from shuzhi.drafting import get_drafter
from shuzhi.drafting.pipeline import draft_report
from shuzhi.session import DraftNotSaved, DraftSession
from shuzhi.store import Store

from .conftest import ROOT, SAMPLE_FACTS, sqlite_file, write_locked
from .drafters import ScriptedDrafter

pytestmark = pytest.mark.reliability

WRITTEN = {"preamble", "study", "political", "responsibility", "integration", "brand", "team",
           "safety", "integrity", "outlook"}  # the sections with text of their own


def offline_texts(facts, template) -> dict[str, str]:
    draft = Draft.new(facts, template)
    draft_report(draft, template, get_drafter("offline"))
    return {s.id: s.text for s in draft.sections}


def stored_done(url: str, draft_id: str) -> dict[str, str]:
    """The finished sections as another program reading the database sees them."""
    with sqlite3.connect(sqlite_file(url)) as db:
        return dict(db.execute("select id, text from sections where draft_id=? and status='done' "
                               "and text != ''", (draft_id,)).fetchall())


def test_each_section_is_stored_as_it_finishes(facts, template):
    store = Store()
    session = DraftSession.new(facts, template.id, store)
    draft = session.draft
    assert store.get(draft.id).status == "pending"  # stored before the first word
    seen: list[int] = []

    class Watch(ScriptedDrafter):
        async def stream_section(self, request):
            seen.append(len(stored_done(store.url, draft.id)))  # what is saved when each starts
            async for piece in super().stream_section(request):
                yield piece

    session.draft_all(Watch(), redo_done=False, concurrency=1)
    assert seen == list(range(len(WRITTEN)))  # one more saved section before each next one
    assert stored_done(store.url, draft.id) == {k: v for k, v in offline_texts(facts, template).items()
                                                if k in WRITTEN}
    assert store.list()[0].status == "done"


def test_resume_writes_only_what_is_missing(facts, template):
    store = Store()
    draft = DraftSession.new(facts, template.id, store).draft_all(
        ScriptedDrafter(fail={"team", "outlook"}), redo_done=False)
    stored = store.get(draft.id)
    assert {s.id for s in stored.sections if s.status == "failed"} == {"team", "outlook"}
    assert "暂时不可用" in stored.section("team").error

    again = ScriptedDrafter()
    resumed = DraftSession.resume(draft.id, store).draft_all(again, redo_done=False)
    assert sorted(again.asked) == ["outlook", "team"]
    assert resumed.status == "done" and store.get(draft.id).status == "done"
    # the sections finished the first time were not rewritten: still one version each
    assert all(len(s.versions) == 1 for s in store.get(draft.id).sections if s.id in WRITTEN)


def test_a_killed_drafting_process_loses_no_finished_section(facts, template, tmp_path):
    """SIGKILL in the middle of a draft (one section still streaming), then resume."""
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.drafters", url,
                             str(SAMPLE_FACTS), "outlook"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        draft_id = proc.stdout.readline().strip()
        assert draft_id, proc.stderr.read()
        deadline = time.monotonic() + 60
        while len(stored_done(url, draft_id)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.stdout.close()
        proc.stderr.close()

    expected = offline_texts(facts, template)
    survived = stored_done(url, draft_id)
    assert len(survived) >= 3 and "outlook" not in survived
    assert survived == {k: expected[k] for k in survived}  # intact, word for word

    again = ScriptedDrafter()
    DraftSession.resume(draft_id, Store(url)).draft_all(again, redo_done=False)
    assert set(again.asked) == WRITTEN - set(survived)
    final = Store(url).get(draft_id)
    assert final.status == "done"
    assert {s.id: s.text for s in final.sections} == expected


def test_a_locked_database_keeps_the_work_in_a_backup_that_imports(facts, template, monkeypatch, cli):
    monkeypatch.setenv("SHUZHI_DB_TIMEOUT", "0.05")
    store = Store()
    session = DraftSession.new(facts, template.id, store)
    draft = session.draft
    with write_locked(sqlite_file(store.url)), pytest.raises(DraftNotSaved) as caught:
        session.draft_all(ScriptedDrafter(), redo_done=False)
    message = str(caught.value)
    assert "未能保存到数据库" in message and "占用" in message and "shuzhi drafts import" in message
    backup = caught.value.backup
    assert json.loads(backup.read_text("utf-8"))["id"] == draft.id
    assert store.get(draft.id).status == "pending"  # nothing reached the database

    result = cli("drafts", "import", backup)  # the way to go on, as the message says
    assert result.exit_code == 0, result.stderr
    assert "11/11" in result.stdout
    assert stored_done(store.url, draft.id) == {k: v for k, v in offline_texts(facts, template).items()
                                                if k in WRITTEN}


def test_import_is_idempotent_and_adds_only_missing_versions(facts, template):
    store = Store()
    draft = DraftSession.new(facts, template.id, store).draft_all(ScriptedDrafter(), redo_done=False)
    copy = Draft.model_validate_json(store.get(draft.id).model_dump_json())
    copy.section("team").add_version("离线补写的队伍建设", "edit")
    DraftSession.import_draft(copy, store)
    DraftSession.import_draft(copy, store)
    versions = store.get(draft.id).section("team").versions
    assert [v.source for v in versions] == ["offline", "edit"]


def test_resume_follows_the_drafts_own_outline(facts, template):
    """A draft whose outline the user changed in the app (a section added) resumes with that
    outline: the added section is written too, not skipped as unknown."""
    from shuzhi.forms import outline_template

    outline = [s.model_dump(mode="json") for s in template.sections]
    outline.append({"id": "extra", "heading": "五、其他需要说明的情况", "facts": ["plans"]})
    custom = outline_template(template, outline)
    store = Store()
    draft = Draft.new(facts, custom)
    draft.outline = outline
    store.create(draft)

    first = ScriptedDrafter(fail={"extra"})
    DraftSession(draft, store).draft_all(first, redo_done=False)
    assert store.get(draft.id).section("extra").status == "failed"

    again = ScriptedDrafter()
    DraftSession.resume(draft.id, store).draft_all(again, redo_done=False)
    assert again.asked == ["extra"]
    assert store.get(draft.id).section("extra").status == "done"
