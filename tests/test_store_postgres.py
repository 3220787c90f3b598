"""The store on PostgreSQL (several app instances on one database): a throwaway cluster
started from Debian's postgresql binaries, listening only on a Unix socket in a temp dir."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from shuzhi.draft import Draft
from shuzhi.facts import load_facts
from shuzhi.store import ConflictError, DraftNotFound, Store
from shuzhi.templates import load_template

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"
BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; as root, run the server as the postgres system user
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="module")
def pg_url():
    if not BIN:
        pytest.skip("PostgreSQL is not installed (scripts/test.sh installs it)")
    pytest.importorskip("psycopg")
    # not under pytest's tmp dir: that is private to root, and the server runs as postgres
    root = Path(tempfile.mkdtemp(prefix="shuzhi-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    bin_dir = BIN[-1]
    subprocess.run(_as_postgres([f"{bin_dir}/initdb", "-D", str(data), "-U", "shuzhi", "-A", "trust",
                                 "--no-sync"]), check=True, capture_output=True)
    subprocess.run(_as_postgres([f"{bin_dir}/pg_ctl", "-D", str(data), "-w", "-l", str(root / "log"),
                                 "-o", f"-k {sock} -c listen_addresses='' -p 5439 -c fsync=off",
                                 "start"]), check=True, capture_output=True)
    yield f"postgresql+psycopg://shuzhi@/postgres?host={sock}&port=5439"
    subprocess.run(_as_postgres([f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"]),
                   capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def test_round_trip_versions_and_conflicts_on_postgres(pg_url):
    store = Store(pg_url)
    facts = load_facts(FIXTURE)
    draft = Draft.new(facts, load_template(facts.template))
    store.create(draft)
    section = draft.section("study")
    section.add_version("第一稿", "offline")
    store.save_section(draft.id, section)

    other_instance = Store(pg_url).get(draft.id)  # a second app process reading the same row
    section.add_version("第二稿", "edit")
    store.save_section(draft.id, section)
    other_instance.section("study").add_version("另一处的修改", "edit")
    with pytest.raises(ConflictError):
        store.save_section(draft.id, other_instance.section("study"))

    loaded = store.get(draft.id)
    assert [v.text for v in loaded.section("study").versions] == ["第一稿", "第二稿"]
    assert loaded.facts == facts
    assert store.list()[0].id == draft.id
    with pytest.raises(DraftNotFound):
        store.get("missing")
