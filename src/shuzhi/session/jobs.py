"""Drafting as a job owned by the server process, not by whoever asked for it.

``runner()`` is this process's ``JobRunner``: one background thread with an asyncio loop that
runs ``DraftSession.draft_async`` for every job started here. A page starts a job and goes
away — another page, a reload, another browser — and any page of that draft finds it again:
``LiveJob`` keeps each section's streamed text in this process's memory, the database keeps
every finished section (saved the moment it is done) and the job's record (``store.jobs``):
which sections it wants, which are saved, and the lease this process renews while it lives.

A job whose process died keeps its record with an expired lease: ``Job.interrupted``, and
``JobRunner.resume`` — from any process on the same database — takes it over and writes
exactly its missing sections. The CLI drafts in its own process through ``DraftSession``
directly; it needs no job.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shuzhi.draft import Section, Usage
from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError
from shuzhi.errors import InputError
from shuzhi.session.core import DraftSession
from shuzhi.store import Store
from shuzhi.store.jobs import CANCELLED, DONE, FAILED, Job, Jobs

if TYPE_CHECKING:
    from shuzhi.config import Settings

log = logging.getLogger(__name__)
DEFAULT_TARGET = 400  # characters expected of a section whose template names no target


def lease_seconds() -> float:
    """How long a job stays ours without renewal (``SHUZHI_JOB_LEASE``, default 20 s): a job
    whose process died is seen as interrupted this long after its last renewal."""
    try:
        return max(1.0, float(os.environ.get("SHUZHI_JOB_LEASE", "20")))
    except ValueError:
        return 20.0


@dataclass
class SectionProgress:
    """One section of a job as a page shows it."""

    id: str
    heading: str
    target: tuple[int, int]
    status: str = "queued"  # queued, drafting, retrying, done, failed
    text: str = ""  # streamed so far (this process) or, when done, as saved
    chars: int = 0
    error: str | None = None
    usage: Usage | None = None

    @property
    def expected(self) -> int:
        low, high = self.target
        return (low + high) // 2 if high else DEFAULT_TARGET

    @property
    def share(self) -> float:
        """How far along it is, 0..1, by its expected length."""
        if self.status in ("done", "failed"):
            return 1.0
        return min(0.95, self.chars / self.expected)


class LiveJob(DraftCallback):
    """A job run by this process, as the pipeline reports it; pages read ``sections``."""

    def __init__(self, job: Job, session: DraftSession):
        self.job = job
        specs = {spec.id: spec for spec in session.template.walk()}
        self.sections = {s.id: SectionProgress(s.id, s.heading_line or "导语", specs[s.id].target_chars)
                         for s in session.draft.sections if s.id in job.sections}
        for sid in job.finished:
            self.sections[sid].status = "done"
        self.state = job.state
        self.error: str | None = None  # why the whole run stopped, in Chinese
        self.screened: list = []  # what screening found before a cloud model was called
        self.conflicts: list[str] = []
        self.future: concurrent.futures.Future | None = None
        self.task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self.future is not None and not self.future.done()

    def on_screened(self, hits: list, masked: bool) -> None:
        self.screened = hits

    def on_section_start(self, section: Section) -> None:
        self.sections[section.id].status = "drafting"

    def on_section_delta(self, section: Section, delta: str) -> None:
        progress = self.sections[section.id]
        progress.text += delta
        progress.chars = len(progress.text)

    def on_section_retry(self, section: Section, attempt: int, reason: str, wait: float) -> None:
        progress = self.sections[section.id]
        progress.status, progress.error, progress.text, progress.chars = "retrying", reason, "", 0

    def on_section_done(self, section: Section) -> None:
        progress = self.sections[section.id]
        progress.status, progress.error, progress.text = "done", None, section.text
        progress.chars = len(section.text)
        progress.usage = section.versions[-1].usage if section.versions else None

    def on_section_failed(self, section: Section, error: str) -> None:
        progress = self.sections[section.id]
        progress.status, progress.error = "failed", error

    def chars(self) -> dict[str, int]:
        return {sid: p.chars for sid, p in self.sections.items() if p.status in ("drafting", "retrying")}


def progress_of(job: Job, live: LiveJob | None, session: DraftSession) -> list[SectionProgress]:
    """Each section of ``job`` as far as it is: live from this process's memory, or, for a job
    another process runs (or ran), from the database — finished sections with their text."""
    if live is not None and live.job.id == job.id:
        return list(live.sections.values())
    specs = {spec.id: spec for spec in session.template.walk()}
    out = []
    for section in session.draft.sections:
        if section.id not in job.sections:
            continue
        progress = SectionProgress(section.id, section.heading_line or "导语", specs[section.id].target_chars)
        if section.id in job.finished:
            progress.status, progress.text, progress.chars = "done", section.text, len(section.text)
            progress.usage = section.versions[-1].usage if section.versions else None
        elif section.id in job.failed:
            progress.status, progress.error = "failed", job.failed[section.id]
        elif section.id in job.progress:
            progress.status, progress.chars = "drafting", job.progress[section.id]
        out.append(progress)
    return out


def failure_line(exc: BaseException) -> str:
    """A whole run's failure as the user reads it: theirs says itself, a bug is logged by type."""
    if isinstance(exc, (InputError, DraftingError)):
        return str(exc)
    log.error("drafting job failed: %s", type(exc).__name__, exc_info=exc)
    return "起草未完成：程序内部出错，已记录日志。请重试。"


@dataclass
class JobRunner:
    """Runs this process's drafting jobs on one background event loop."""

    owner: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}")
    lease: float = field(default_factory=lease_seconds)
    live: dict[str, LiveJob] = field(default_factory=dict)  # the newest job of each draft run here
    _loop: asyncio.AbstractEventLoop | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="shuzhi-jobs", daemon=True).start()
            return self._loop

    # -- starting ----------------------------------------------------------------------

    def start(self, session: DraftSession, drafter: Drafter, *, only: list[str] | None = None,
              redo_done: bool = True, instruction: str | None = None, model: dict | None = None,
              ) -> LiveJob:
        """A new job for ``session``'s draft: every unlocked section (only those not done with
        ``redo_done=False``), or the sections ``only`` names, rewritten by ``instruction``.
        ``JobBusy`` while the draft has a live job anywhere."""
        if only is not None:
            targets = [session.changeable(sid) for sid in only]
        else:
            targets = session.to_draft(redo_done=redo_done)
        if not targets:
            raise InputError("没有需要起草的章节（全部已锁定）")
        store = self._store(session)
        job = Jobs(store).create(session.draft.id, [s.id for s in targets], self.owner, self.lease,
                                 instruction=(instruction or "").strip() or None, model=model)
        return self._run(job, store, drafter, session.settings)

    def resume(self, store: Store, job_id: str, drafter: Drafter, settings: Settings | None = None) -> LiveJob:
        """Take over an interrupted job (from any process) and write its missing sections."""
        job = Jobs(store).take_over(job_id, self.owner, self.lease)
        if job is None:
            raise InputError("这次起草已在其他窗口或服务器上继续，或已经结束；请刷新页面查看")
        return self._run(job, store, drafter, settings)

    def cancel(self, store: Store, job_id: str) -> bool:
        """Stop a job, wherever it runs: here at once, elsewhere at its owner's next renewal."""
        cancelled = Jobs(store).cancel(job_id)
        for live in list(self.live.values()):
            if live.job.id == job_id and live.task is not None:
                self.loop().call_soon_threadsafe(live.task.cancel)
        return cancelled

    def current(self, store: Store, draft_id: str) -> tuple[Job | None, LiveJob | None]:
        """The draft's newest job (from the database) and, if it runs or ran here, its live view."""
        live = self.live.get(draft_id)
        return Jobs(store).latest(draft_id), live

    def wait(self, draft_id: str, timeout: float | None = None) -> LiveJob | None:
        """Block until this process's job on the draft ends (for the CLI's tests and bench)."""
        live = self.live.get(draft_id)
        if live is not None and live.future is not None:
            with contextlib.suppress(concurrent.futures.CancelledError, asyncio.CancelledError):
                live.future.result(timeout)
        return live

    # -- running -----------------------------------------------------------------------

    @staticmethod
    def _store(session: DraftSession) -> Store:
        if session.store is None:
            raise InputError("只有保存在数据库中的草稿才能在后台起草")
        return session.store

    def _run(self, job: Job, store: Store, drafter: Drafter, settings: Settings | None) -> LiveJob:
        session = DraftSession.resume(job.draft_id, store, settings=settings)  # the job's own copy
        live = LiveJob(job, session)
        self.live[job.draft_id] = live
        live.future = asyncio.run_coroutine_threadsafe(self._drive(live, session, store, drafter), self.loop())
        return live

    async def _drive(self, live: LiveJob, session: DraftSession, store: Store, drafter: Drafter) -> None:
        jobs, job = Jobs(store), live.job
        live.task = asyncio.current_task()
        keeper = asyncio.create_task(self._keep(live, jobs))

        def saved(section: Section) -> None:
            if section.id in job.sections:
                jobs.section_saved(job.id, self.owner, section.id,
                                   section.error if section.status == "failed" else None)

        state = DONE
        try:
            await session.draft_async(drafter, live, only=job.missing, instruction=job.instruction,
                                      saved=saved)
            live.conflicts = session.conflicts
        except asyncio.CancelledError:
            state = CANCELLED
        except Exception as exc:  # the run as a whole: a broken template, content refused, …
            live.error, state = failure_line(exc), FAILED
        finally:
            keeper.cancel()
            live.state = state
            try:
                jobs.end(job.id, self.owner, state)
            except InputError as exc:  # the database went away: the lease expires by itself
                log.warning("job %s not ended in the database: %s", job.id, exc)

    async def _keep(self, live: LiveJob, jobs: Jobs) -> None:
        """Renew the lease (with each section's progress) until the run ends; a job cancelled
        elsewhere, or taken over after we stalled, is stopped here."""
        while True:
            await asyncio.sleep(self.lease / 4)
            try:
                ours = await asyncio.to_thread(jobs.renew, live.job.id, self.owner, self.lease, live.chars())
            except InputError as exc:
                log.warning("job %s lease not renewed: %s", live.job.id, exc)
                continue
            if not ours and live.task is not None:
                live.task.cancel()
                return


_runner_lock = threading.Lock()


def runner() -> JobRunner:
    """This process's job runner (one per server process, shared by all its browser sessions)."""
    with _runner_lock:
        return _the_runner()


@functools.cache
def _the_runner() -> JobRunner:
    return JobRunner()


__all__ = ["JobRunner", "LiveJob", "SectionProgress", "lease_seconds", "progress_of", "runner"]
