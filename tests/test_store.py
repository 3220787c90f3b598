"""The store: drafts round-trip, every version is kept, newest first, stale saves refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shuzhi.config import database_url
from shuzhi.draft import Draft, Usage
from shuzhi.drafting import get_drafter
from shuzhi.drafting.pipeline import draft_report
from shuzhi.facts import load_facts
from shuzhi.store import ConflictError, DraftNotFound, Store
from shuzhi.templates import load_template

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def draft() -> Draft:
    facts = load_facts(FIXTURE)
    return Draft.new(facts, load_template(facts.template))


def test_round_trip_after_offline_drafting(store, draft):
    store.create(draft)
    template = load_template(draft.template)
    draft_report(draft, template, get_drafter("offline"),
                 on_saved=lambda d, s: store.save_section(d.id, s, status=d.status))
    loaded = store.get(draft.id)
    # everything the pipeline saved comes back as it was (a heading-only parent such as 二、
    # is never handed to on_saved, so its in-memory status is not compared)
    same = {"updated": True, "sections": {"__all__": {"status"}}}
    assert loaded.model_dump(exclude=same) == draft.model_dump(exclude=same)
    assert [s.status for s in loaded.sections if s.versions] == ["done"] * 10
    assert "12次" in loaded.section("political").text
    assert loaded.section("political").versions[0].source == "offline"
    assert store.list()[0].status == draft.status  # the status the caller reported last


def test_every_version_is_kept_with_usage(store, draft):
    store.create(draft)
    section = draft.section("study")
    section.add_version("第一稿", "offline")
    store.save_section(draft.id, section)
    section.add_version("第二稿", "model:qwen", instruction="更精炼",
                        usage=Usage(prompt_tokens=100, completion_tokens=20, cost=0.01))
    section.add_version("人工修改", "edit")
    store.save_section(draft.id, section)
    section.restore(0)
    store.save_section(draft.id, section)

    versions = store.get(draft.id).section("study").versions
    assert [v.text for v in versions] == ["第一稿", "第二稿", "人工修改", "第一稿"]
    assert [v.source for v in versions] == ["offline", "model:qwen", "edit", "restore"]
    assert versions[1].instruction == "更精炼" and versions[1].usage.completion_tokens == 20
    assert store.get(draft.id).section("study").text == "第一稿"


def test_list_is_newest_first_and_filters_by_owner(store):
    facts = load_facts(FIXTURE)
    template = load_template(facts.template)
    ids = []
    for owner in ("甲", "乙", "甲"):
        d = Draft.new(facts, template)
        d.owner = owner
        store.create(d)
        ids.append(d.id)
    assert [s.id for s in store.list()] == ids[::-1]
    # touching the oldest moves it to the top
    first = store.get(ids[0])
    store.save_section(first.id, first.sections[1])
    assert store.list()[0].id == ids[0]
    assert [s.id for s in store.list(owner="甲")] == [ids[0], ids[2]]
    assert store.list()[0].person == "张三"


def test_a_stale_section_save_is_refused_not_lost(store, draft):
    store.create(draft)
    tab_a, tab_b = store.get(draft.id), store.get(draft.id)
    tab_a.section("study").add_version("A 窗口的修改", "edit")
    store.save_section(draft.id, tab_a.section("study"))
    tab_b.section("study").add_version("B 窗口的修改", "edit")
    with pytest.raises(ConflictError, match="其他窗口"):
        store.save_section(draft.id, tab_b.section("study"))
    assert store.get(draft.id).section("study").text == "A 窗口的修改"
    # after reloading, tab B can save on top of A's edit
    fresh = store.get(draft.id)
    fresh.section("study").add_version("B 窗口的修改", "edit")
    store.save_section(draft.id, fresh.section("study"))
    assert [v.text for v in store.get(draft.id).section("study").versions] == [
        "A 窗口的修改", "B 窗口的修改"]


def test_a_stale_facts_save_is_refused(store, draft):
    store.create(draft)
    tab_a, tab_b = store.get(draft.id), store.get(draft.id)
    tab_a.facts = draft.facts.model_copy(update={"person": "李四"})
    store.save_draft(tab_a)
    with pytest.raises(ConflictError):
        store.save_draft(tab_b)
    assert store.get(draft.id).facts.person == "李四"
    assert store.get(draft.id).revision == tab_a.revision == 1


@pytest.mark.parametrize("bad_id", ["no-such-draft", "", "x" * 500])
def test_unknown_id_is_a_clear_chinese_error(store, bad_id):
    with pytest.raises(DraftNotFound, match="找不到草稿"):
        store.get(bad_id)


def test_outline_change_keeps_dropped_versions(store, draft):
    store.create(draft)
    section = draft.section("team")
    section.add_version("队伍建设稿", "offline")
    store.save_section(draft.id, section)
    draft.sections = [s for s in draft.sections if s.id != "team"]
    draft.outline = [{"id": "x"}]
    store.save_draft(draft)
    loaded = store.get(draft.id)
    assert "team" not in [s.id for s in loaded.sections]
    assert store.get(draft.id).outline == [{"id": "x"}]
    with sqlite3.connect(database_url().removeprefix("sqlite:///")) as db:
        kept = db.execute("select text from versions where section_id='team'").fetchall()
    assert kept == [("队伍建设稿",)]


def test_sqlite_runs_in_wal_mode(store):
    with sqlite3.connect(database_url().removeprefix("sqlite:///")) as db:
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_no_column_can_hold_an_api_key(store):
    from shuzhi.store import Base

    columns = {c.name for t in Base.metadata.tables.values() for c in t.columns}
    assert not {c for c in columns if "key" in c or "secret" in c or "token" in c}


def test_two_writers_on_one_sqlite_file_lose_nothing(draft):
    """Two app processes share the SQLite file: separate engines, saves interleaved."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy.pool import NullPool

    Store().create(draft)
    url = database_url()

    def writer(section_id: str) -> int:
        from sqlalchemy import create_engine, event

        from shuzhi.store.engine import sqlite_pragmas

        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})
        event.listen(engine, "connect", sqlite_pragmas)
        own = Store(engine)  # a second engine, as another process would have
        section = own.get(draft.id).section(section_id)
        for n in range(30):
            section.add_version(f"{section_id} 第{n}稿", "edit")
            own.save_section(draft.id, section)
        return section.revision

    with ThreadPoolExecutor(2) as pool:
        revisions = list(pool.map(writer, ["study", "outlook"]))
    loaded = Store().get(draft.id)
    assert revisions == [30, 30]
    for section_id in ("study", "outlook"):
        versions = loaded.section(section_id).versions
        assert [v.text for v in versions] == [f"{section_id} 第{n}稿" for n in range(30)]
