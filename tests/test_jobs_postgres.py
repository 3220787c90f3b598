"""Several app instances on one PostgreSQL: each a ``JobRunner`` with an engine (and pool) of
its own, as separate processes would have. PostgreSQL is the coordination: one job per draft
at a time, and an interrupted job taken over by exactly one instance."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from test_jobs import Gated, kill, wait_until

from shuzhi.errors import InputError
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession
from shuzhi.session.jobs import JobRunner
from shuzhi.store import Store
from shuzhi.store.jobs import DONE, JobBusy, Jobs

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "app-facts.yaml"


@pytest.fixture(scope="module")
def pg_url():
    pytest.importorskip("psycopg")
    sys.path.insert(0, str(ROOT / "tests"))
    from pg import PostgresUnavailable, throwaway_postgres

    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))


def instance(url: str) -> Store:
    """An app instance's own connection pool on the shared database."""
    return Store(create_engine(url, pool_pre_ping=True))


def together(*calls):
    """Run the calls at the same moment in threads; their results (or exceptions)."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_instances_starting_one_draft_at_once_get_one_job(pg_url):
    a, b = instance(pg_url), instance(pg_url)
    session = DraftSession.new(load_facts(FIXTURE), store=a)
    runners = JobRunner(owner="a", lease=5), JobRunner(owner="b", lease=5)
    drafters = Gated(hold=["*"]), Gated(hold=["*"])
    results = together(lambda: runners[0].start(DraftSession.open(session.draft.id, a), drafters[0]),
                       lambda: runners[1].start(DraftSession.open(session.draft.id, b), drafters[1]))
    refused = [r for r in results if isinstance(r, JobBusy)]
    started = [r for r in results if not isinstance(r, Exception)]
    assert len(refused) == 1 and len(started) == 1, results
    winner = results.index(started[0])
    wait_until(lambda: len(drafters[winner].calls) == 10, what="all sections started")
    for d in drafters:
        d.release.set()
    runners[winner].wait(session.draft.id, timeout=60)
    assert drafters[1 - winner].calls == []  # no section drafted by both
    assert Jobs(a).latest(session.draft.id).state == DONE


def test_an_interrupted_job_is_resumed_by_exactly_one_instance_for_its_missing_sections(pg_url):
    a, b, c = instance(pg_url), instance(pg_url), instance(pg_url)
    session = DraftSession.new(load_facts(FIXTURE), store=a)
    first = JobRunner(owner="a", lease=0.6)
    dying = Gated(hold=["team", "brand"])
    live = first.start(session, dying)
    wait_until(lambda: len(Jobs(a).get(live.job.id).finished) == 8, what="8 saved")
    kill(first)  # instance a dies mid-draft
    job = wait_until(lambda: (j := Jobs(b).get(live.job.id)).interrupted and j, what="lease expiry")
    assert sorted(job.missing) == ["brand", "team"]

    runners = JobRunner(owner="b", lease=5), JobRunner(owner="c", lease=5)
    drafters = Gated(), Gated()
    results = together(lambda: runners[0].resume(b, job.id, drafters[0]),
                       lambda: runners[1].resume(c, job.id, drafters[1]))
    assert sum(isinstance(r, InputError) for r in results) == 1, results
    winner = next(i for i, r in enumerate(results) if not isinstance(r, Exception))
    runners[winner].wait(job.draft_id, timeout=60)
    assert sorted(drafters[winner].calls) == ["brand", "team"] and drafters[1 - winner].calls == []
    done = Jobs(c).get(job.id)
    assert done.state == DONE and done.missing == [] and done.lease_owner == "bc"[winner]
    stored = Store(pg_url).get(job.draft_id)
    assert all(s.status == "done" for s in stored.sections)
    assert [len(stored.section(sid).versions) for sid in job.sections] == [1] * 10  # none written twice


def test_an_instance_whose_clock_runs_an_hour_ahead_sees_a_live_job_as_live(pg_url, monkeypatch):
    """Leases are judged by PostgreSQL's clock, not by each instance's own."""
    from datetime import UTC, datetime, timedelta

    import shuzhi.store.jobs as jobs

    a, b = instance(pg_url), instance(pg_url)
    session = DraftSession.new(load_facts(FIXTURE), store=a)
    first, drafter = JobRunner(owner="a", lease=5), Gated(hold=["*"])
    live = first.start(session, drafter)
    monkeypatch.setattr(jobs, "now", lambda: datetime.now(UTC) + timedelta(hours=1))
    assert Jobs(b).get(live.job.id).live
    with pytest.raises(InputError, match="已在其他窗口或服务器上继续"):
        JobRunner(owner="b", lease=5).resume(b, live.job.id, Gated())
    monkeypatch.undo()
    drafter.release.set()
    first.wait(session.draft.id, timeout=60)
    assert Jobs(a).get(live.job.id).state == DONE
