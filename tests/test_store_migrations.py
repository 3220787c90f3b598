"""Schema changes are Alembic migrations: a database made by the first releases
(``create_all``, no version table) is recognised, stamped and upgraded without losing a
draft; a new database gets every revision and ends exactly at the tables ``schema.py`` declares."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from shuzhi.store import Store, StoreUnavailable
from shuzhi.store.schema import HEAD, INITIAL, MIGRATIONS, Base, upgrade

ROOT = Path(__file__).resolve().parents[1]

# What ``Base.metadata.create_all`` made on SQLite before migrations existed (``.schema`` of
# a database created by commit 07b2674), byte for byte.
OLD_DDL = """
CREATE TABLE drafts (
	id VARCHAR(64) NOT NULL, owner VARCHAR(200), title VARCHAR(200) NOT NULL, year INTEGER NOT NULL,
	template VARCHAR(100) NOT NULL, status VARCHAR(20) NOT NULL, facts JSON NOT NULL, outline JSON,
	context TEXT, revision INTEGER NOT NULL, created DATETIME NOT NULL, updated DATETIME NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_drafts_updated ON drafts (updated);
CREATE INDEX ix_drafts_owner ON drafts (owner);
CREATE TABLE sections (
	draft_id VARCHAR(64) NOT NULL, id VARCHAR(100) NOT NULL, position INTEGER NOT NULL,
	number VARCHAR(20) NOT NULL, heading VARCHAR(500) NOT NULL, level INTEGER NOT NULL, text TEXT NOT NULL,
	status VARCHAR(20) NOT NULL, error TEXT, locked BOOLEAN NOT NULL, findings JSON NOT NULL,
	revision INTEGER NOT NULL,
	PRIMARY KEY (draft_id, id),
	FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE
);
CREATE TABLE versions (
	pk INTEGER NOT NULL, draft_id VARCHAR(64) NOT NULL, section_id VARCHAR(100) NOT NULL, seq INTEGER NOT NULL,
	text TEXT NOT NULL, source VARCHAR(100) NOT NULL, instruction TEXT, created DATETIME NOT NULL, usage JSON,
	PRIMARY KEY (pk),
	UNIQUE (draft_id, section_id, seq),
	FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE
);
CREATE INDEX ix_versions_draft_id ON versions (draft_id);
"""
FACTS = {"report_type": "述德述廉述职报告", "year": 2022, "template": "shudeshulian", "unit": "图书馆",
         "person": "周立新"}
OUTLINE = [{"id": "study", "heading": "加强学习"}, {"id": "extra", "heading": "述法"}]


def old_database(path: Path) -> str:
    """A database as the old code left it: its tables, one draft with an outline, last year's
    report, two sections and three versions."""
    with sqlite3.connect(path) as db:
        db.executescript(OLD_DDL)
        db.execute("INSERT INTO drafts VALUES ('OldDraft_0123456789', NULL, '2022年述德述廉述职报告', 2022, "
                   "'shudeshulian', 'done', ?, ?, '2021年的报告全文', 3, '2023-01-05 08:00:00.000000', "
                   "'2023-01-06 09:30:00.000000')", (json.dumps(FACTS), json.dumps(OUTLINE)))
        for position, (sid, body) in enumerate([("study", "学习稿二"), ("extra", "述法稿")]):
            db.execute("INSERT INTO sections VALUES ('OldDraft_0123456789', ?, ?, '一、', ?, 1, ?, 'done', "
                       "NULL, 0, '[]', 2)", (sid, position, sid, body))
        for seq, (sid, body) in enumerate([("study", "学习稿一"), ("study", "学习稿二"), ("extra", "述法稿")]):
            db.execute("INSERT INTO versions (draft_id, section_id, seq, text, source, instruction, created, usage) "
                       "VALUES ('OldDraft_0123456789', ?, ?, ?, 'edit', NULL, '2023-01-05 08:00:00.000000', NULL)",
                       (sid, seq if sid == "study" else 0, body))
    return f"sqlite:///{path}"


def shape(url: str) -> dict:
    """Every table's columns (name, type, nullable), primary key, indexes, unique constraints
    and foreign keys, as the database reports them."""
    engine = create_engine(url)
    found = inspect(engine)
    tables = {}
    for table in sorted(set(found.get_table_names()) - {"alembic_version"}):
        tables[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
            "primary": found.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table)),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
            "foreign": [(f["constrained_columns"], f["referred_table"], f["options"].get("ondelete"))
                        for f in found.get_foreign_keys(table)]}
    engine.dispose()
    return tables


def version_of(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return found


def test_a_database_made_by_the_old_code_opens_upgrades_and_keeps_its_drafts(tmp_path):
    url = old_database(tmp_path / "old.db")
    draft = Store(url).get("OldDraft_0123456789")
    assert version_of(url) == HEAD
    assert draft.previous_report == "2021年的报告全文"  # the old column "context", renamed
    assert draft.outline == OUTLINE and draft.facts.person == "周立新" and draft.revision == 3
    assert [(s.id, s.text) for s in draft.sections] == [("study", "学习稿二"), ("extra", "述法稿")]
    assert [v.text for v in draft.section("study").versions] == ["学习稿一", "学习稿二"]
    section = draft.section("extra")  # and it takes new work as any database does
    section.add_version("述法新稿", "edit")
    Store(url).save_section(draft.id, section)
    assert Store(url).get(draft.id).section("extra").text == "述法新稿"


def test_the_initial_revision_is_the_old_schema_and_head_is_schema_py(tmp_path):
    old = old_database(tmp_path / "old.db")
    first = f"sqlite:///{tmp_path / 'first.db'}"
    upgrade(create_engine(first), target=INITIAL)
    assert shape(first) == shape(old)

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    newest = f"sqlite:///{tmp_path / 'newest.db'}"
    Store(newest)
    with create_engine(newest).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert version_of(newest) == HEAD


def test_head_names_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


def test_an_up_to_date_database_opens_without_alembic(tmp_path):
    """Opening a database already at the head costs two small queries, not the migration machinery
    (``shuzhi drafts list`` and every app page start this way)."""
    import subprocess

    url = f"sqlite:///{tmp_path / 'current.db'}"
    Store(url)
    probe = ("import sys; from shuzhi.store import Store; Store(sys.argv[1]).list(); "
             "print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, url], capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""}, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


@pytest.fixture(scope="module")
def pg_server():
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import PostgresUnavailable, throwaway_postgres

    pytest.importorskip("psycopg")
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))


def test_an_old_postgresql_database_is_stamped_and_upgraded(pg_server):
    """The old code's tables on PostgreSQL (the initial revision without its version table,
    which is what ``create_all`` made there), with a draft in them."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(pg_server)
    upgrade(engine, target=INITIAL)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text(
            "INSERT INTO drafts VALUES ('OldPgDraft_0123456', NULL, '2022年述德述廉述职报告', 2022, "
            "'shudeshulian', 'pending', :facts, NULL, '去年的报告', 0, now(), now())"),
            {"facts": json.dumps(FACTS)})
    assert Store(engine).get("OldPgDraft_0123456").previous_report == "去年的报告"
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    engine.dispose()


def test_a_database_from_a_newer_release_is_one_line_not_a_traceback(tmp_path, shuzhi_proc):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    Store(url)
    with sqlite3.connect(tmp_path / "newer.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreUnavailable, match="版本 0099.*请升级述职助手"):
        Store(create_engine(url))  # a new engine: looked at afresh, as by another process
    result = shuzhi_proc("drafts", "list", env={"SHUZHI_DB": url})
    assert result.returncode == 2 and "请升级述职助手" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
