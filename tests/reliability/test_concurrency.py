"""Many writers at once, on SQLite (WAL) and on PostgreSQL: several processes saving
different sections of one draft and different drafts, and two "tabs" on the same section.
Nothing may be lost: every edit ends up as a version, in each writer's order."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from shuzhi.session import DraftSession
from shuzhi.store import ConflictError, Store

from .conftest import ROOT

pytestmark = pytest.mark.reliability

ROUNDS = 4


@pytest.fixture(scope="session")
def postgres_url():
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import PostgresUnavailable, throwaway_postgres

    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return request.getfixturevalue("postgres_url")


def run_workers(url: str, plans: list[tuple[str, list[str]]]) -> list[dict]:
    """Start one process per (tag, targets), release them together, collect their stats."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.reliability.workers", url, tag,
                               str(ROUNDS), *targets], cwd=ROOT, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for tag, targets in plans]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out))
    return results


def versions(store: Store, draft_id: str, section_id: str) -> list[str]:
    return [v.text for v in store.get(draft_id).section(section_id).versions]


def test_processes_writing_different_sections_and_drafts(db_url, facts, template):
    store = Store(db_url)
    shared, own_b, own_c = (DraftSession.new(facts, template.id, store, owner=o).draft.id for o in "ABC")
    plans = [("p1", [f"{shared}:study,political,brand"]),
             ("p2", [f"{shared}:responsibility,integration"]),
             ("p3", [f"{shared}:team,safety,integrity"]),
             ("p4", [f"{own_b}:study,outlook"]),
             ("p5", [f"{own_c}:preamble,study"])]
    results = run_workers(db_url, plans)
    assert sum(r["saves"] for r in results) == ROUNDS * 12
    for tag, targets in plans:
        draft_id, sections = targets[0].split(":")
        for section_id in sections.split(","):
            expected = [f"{tag}:{section_id}:{r}" for r in range(ROUNDS)]
            assert versions(store, draft_id, section_id) == expected
            assert store.get(draft_id).section(section_id).text == expected[-1]
    assert [s.id for s in store.list(owner="B")] == [own_b]


def test_two_tabs_on_one_section_lose_no_edit(db_url, facts, template):
    store = Store(db_url)
    draft_id = DraftSession.new(facts, template.id, store).draft.id
    run_workers(db_url, [("tab1", [f"{draft_id}:study"]), ("tab2", [f"{draft_id}:study"])])
    saved = versions(store, draft_id, "study")
    assert sorted(saved) == sorted(f"{t}:study:{r}" for t in ("tab1", "tab2") for r in range(ROUNDS))
    for tab in ("tab1", "tab2"):  # each tab's edits in the order it made them
        assert [v for v in saved if v.startswith(tab)] == [f"{tab}:study:{r}" for r in range(ROUNDS)]


def test_a_stale_tab_gets_a_conflict_not_a_silent_overwrite(db_url, facts, template):
    store = Store(db_url)
    draft_id = DraftSession.new(facts, template.id, store).draft.id
    tab_a, tab_b = store.get(draft_id), Store(db_url).get(draft_id)
    tab_a.section("team").add_version("A 的修改", "edit")
    store.save_section(draft_id, tab_a.section("team"))
    tab_b.section("team").add_version("B 的修改", "edit")
    with pytest.raises(ConflictError, match="其他窗口"):
        store.save_section(draft_id, tab_b.section("team"))
    assert versions(store, draft_id, "team") == ["A 的修改"]


def test_owner_scoping_on_every_backend(db_url, facts, template):
    store = Store(db_url)
    mine = DraftSession.new(facts, template.id, store, owner="zhang@unit.cn").draft
    assert store.get(mine.id, owner="zhang@unit.cn").id == mine.id
    with pytest.raises(Exception) as other:
        store.get(mine.id, owner="li@unit.cn")
    with pytest.raises(Exception) as missing:
        store.get("x" * len(mine.id), owner="li@unit.cn")
    assert type(other.value) is type(missing.value)
    assert str(other.value).replace(mine.id, "ID") == str(missing.value).replace("x" * len(mine.id), "ID")
    assert mine.id not in [d.id for d in store.list(owner="li@unit.cn")]


OPEN_AND_LIST = """
import sys
from shuzhi.store import Store
sys.stdin.readline()
Store(sys.argv[1]).list()
print("ok")
"""


def fresh_database(db_url: str, tmp_path) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    name = f"fresh_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def test_processes_and_threads_opening_a_fresh_database_at_once(db_url, tmp_path):
    """The first morning: several app processes (and sessions within one) start on an empty
    database; exactly one creates the tables, none fails."""
    url = fresh_database(db_url, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AND_LIST, url], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(4)]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert [o[0].strip() for o in outcomes] == ["ok"] * 4, [o[1][-800:] for o in outcomes]

    import threading

    url2 = fresh_database(db_url, tmp_path / "threads") if db_url.startswith("postgresql") else \
        f"sqlite:///{tmp_path / 'fresh-threads.db'}"
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def open_it():
        start.wait()
        try:
            Store(url2).list()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_many_sessions_of_one_process_never_time_out_on_sqlite(facts, template, monkeypatch):
    """An app process with many sessions saving at once: even with a busy timeout far too
    short for SQLite's polling, every save goes through (the process's writers queue)."""
    import threading

    monkeypatch.setenv("SHUZHI_DB_TIMEOUT", "0.001")
    store = Store()
    drafts = [DraftSession.new(facts, template.id, store).draft for _ in range(8)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(drafts))

    def session(draft_id: str) -> None:
        start.wait()
        try:
            for r in range(5):
                for section_id in ("study", "political", "team"):
                    section = store.get(draft_id).section(section_id)
                    section.add_version(f"{section_id}:{r}", "edit")
                    store.save_section(draft_id, section)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(d.id,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(len(store.get(d.id).section("team").versions) == 5 for d in drafts)
