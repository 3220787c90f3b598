"""Drafting jobs in the database: which sections a run is to write, which are saved, and which
server process owns the run — by a lease it renews while it lives.

The database is the coordination between app instances (several processes on one PostgreSQL):
a job is started only while the draft has no live job (the draft's row locked meanwhile), and
an interrupted job — its lease expired, its process gone — is taken over by exactly one
instance (``SELECT … FOR UPDATE SKIP LOCKED``, then the lease written in the same
transaction). So two processes never draft the same section at once. SQLite has one writer at
a time, which gives the same guarantee on one machine. Leases are measured by PostgreSQL's own
clock (``clock``), so instances whose clocks differ still agree on whose a job is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shuzhi.draft import now
from shuzhi.store.engine import rows_changed, utc, write_lock
from shuzhi.store.errors import StoreError, database_errors
from shuzhi.store.repository import Store
from shuzhi.store.schema import DraftRow, JobRow

RUNNING, DONE, FAILED, CANCELLED, REPLACED = "running", "done", "failed", "cancelled", "replaced"


class JobBusy(StoreError):
    """The draft already has a live job (in this or another window or server)."""

    def __init__(self, job: Job):
        super().__init__("这份报告正在起草中（可能在其他窗口），请等待完成或先取消")
        self.job = job


@dataclass
class Job:
    id: str
    draft_id: str
    sections: list[str]
    state: str
    instruction: str | None = None
    model: dict | None = None
    lease_owner: str | None = None
    lease_until: datetime | None = None
    finished: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    progress: dict[str, int] = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None
    seen: datetime | None = None  # the database's clock when this was read

    @property
    def live(self) -> bool:
        """Running, and its owner renewed the lease in time."""
        return self.state == RUNNING and self.lease_until is not None and self.lease_until > (self.seen or now())

    @property
    def interrupted(self) -> bool:
        """Running, but its owner stopped renewing the lease: its process died."""
        return self.state == RUNNING and not self.live

    @property
    def missing(self) -> list[str]:
        """The sections still to write: not saved by this job (a failed one included)."""
        return [s for s in self.sections if s not in self.finished]

    @classmethod
    def of(cls, row: JobRow, seen: datetime | None = None) -> Job:
        return cls(seen=seen, id=row.id, draft_id=row.draft_id, sections=list(row.sections), state=row.state,
                   instruction=row.instruction, model=row.model, lease_owner=row.lease_owner,
                   lease_until=utc(row.lease_until), finished=list(row.finished or []),
                   failed=dict(row.failed or {}), progress=dict(row.progress or {}),
                   created=utc(row.created), updated=utc(row.updated))


def clock(db: Session) -> datetime:
    """The time leases are measured by: PostgreSQL's own (one clock for every instance);
    SQLite's database is on this machine, whose clock is the app's."""
    if db.get_bind().dialect.name == "postgresql":
        return utc(db.execute(select(func.clock_timestamp())).scalar_one())
    return now()


class Jobs:
    """The jobs of one store's database. Every method raises only ``StoreError``s."""

    def __init__(self, store: Store):
        self.store = store

    def _session(self):
        return database_errors(self.store.url)

    def latest(self, draft_id: str) -> Job | None:
        with self._session(), Session(self.store.engine) as db:
            row = db.scalars(select(JobRow).where(JobRow.draft_id == draft_id)
                             .order_by(JobRow.created.desc()).limit(1)).first()
            return Job.of(row, clock(db)) if row else None

    def get(self, job_id: str) -> Job | None:
        with self._session(), Session(self.store.engine) as db:
            row = db.get(JobRow, job_id)
            return Job.of(row, clock(db)) if row else None

    def create(self, draft_id: str, sections: list[str], owner: str, lease: float,
               instruction: str | None = None, model: dict | None = None) -> Job:
        """A new job owned by ``owner``; ``JobBusy`` while the draft has a live one. An
        interrupted job of the draft is ``replaced``: its missing sections are this one's to
        write, if the user asked for them."""
        with self._session(), write_lock(self.store.engine), Session(self.store.engine) as db, db.begin():
            db.scalars(select(DraftRow.id).where(DraftRow.id == draft_id).with_for_update()).first()
            stamp = clock(db)
            for row in db.scalars(select(JobRow).where(JobRow.draft_id == draft_id, JobRow.state == RUNNING)):
                if Job.of(row, stamp).live:
                    raise JobBusy(Job.of(row, stamp))
                row.state, row.updated = REPLACED, stamp
            row = JobRow(id=uuid.uuid4().hex, draft_id=draft_id, sections=list(sections),
                         instruction=instruction, model=model, state=RUNNING, lease_owner=owner,
                         lease_until=stamp + timedelta(seconds=lease), finished=[], failed={},
                         progress={}, created=stamp, updated=stamp)
            db.add(row)
            db.flush()
            return Job.of(row, stamp)

    def take_over(self, job_id: str, owner: str, lease: float) -> Job | None:
        """Become the owner of an interrupted job; None when it is not interrupted (it
        finished, or another process is running it — perhaps one that just took it over)."""
        with self._session(), write_lock(self.store.engine), Session(self.store.engine) as db, db.begin():
            stamp = clock(db)
            row = db.scalars(select(JobRow).where(JobRow.id == job_id, JobRow.state == RUNNING,
                                                  JobRow.lease_until < stamp)
                             .with_for_update(skip_locked=True)).first()
            if row is None:
                return None
            row.lease_owner, row.lease_until = owner, stamp + timedelta(seconds=lease)
            row.failed, row.updated = {}, stamp
            db.flush()
            return Job.of(row, stamp)

    def renew(self, job_id: str, owner: str, lease: float, progress: dict[str, int]) -> bool:
        """Extend the lease and record how far each section is; False when the job is no
        longer this owner's to run (cancelled, or taken over after a stall)."""
        return self._owned(job_id, owner, lease=lease, progress=dict(progress))

    def section_saved(self, job_id: str, owner: str, section_id: str, error: str | None = None) -> bool:
        """Section ``section_id`` is written and saved (``error``: it failed, also saved)."""
        with self._session(), write_lock(self.store.engine), Session(self.store.engine) as db, db.begin():
            row = db.scalars(select(JobRow).where(JobRow.id == job_id, JobRow.lease_owner == owner)
                             .with_for_update()).first()
            if row is None:
                return False
            if error is None:
                row.finished = [*row.finished, section_id] if section_id not in row.finished else row.finished
                row.failed = {k: v for k, v in row.failed.items() if k != section_id}
            else:
                row.failed = {**row.failed, section_id: error}
            row.updated = now()
            return True

    def end(self, job_id: str, owner: str, state: str = DONE) -> bool:
        return self._owned(job_id, owner, state=state, lease_until=None)

    def cancel(self, job_id: str) -> bool:
        """Ask the job to stop, from any process: its owner sees it at its next renewal."""
        with self._session(), write_lock(self.store.engine), Session(self.store.engine) as db, db.begin():
            return rows_changed(db, update(JobRow).where(JobRow.id == job_id, JobRow.state == RUNNING)
                                .values(state=CANCELLED, lease_until=None, updated=now())) == 1

    def _owned(self, job_id: str, owner: str, lease: float | None = None, **values) -> bool:
        """Change a job this owner still runs; ``lease``: renew it for that many seconds."""
        with self._session(), write_lock(self.store.engine), Session(self.store.engine) as db, db.begin():
            stamp = clock(db)
            values["updated"] = stamp
            if lease is not None:
                values["lease_until"] = stamp + timedelta(seconds=lease)
            return rows_changed(db, update(JobRow).where(JobRow.id == job_id, JobRow.lease_owner == owner,
                                                         JobRow.state == RUNNING).values(**values)) == 1
