"""Drafting jobs owned by the server process (``shuzhi.session.jobs``): they outlive whoever
started them, stream where any page can read them, stop when cancelled, and a job whose
process died is taken over by another runner that writes exactly the missing sections."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from shuzhi.drafting.base import Drafter
from shuzhi.errors import InputError
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession
from shuzhi.session.jobs import JobRunner, progress_of
from shuzhi.store import Store
from shuzhi.store.jobs import CANCELLED, DONE, REPLACED, JobBusy, Jobs

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


class Gated(Drafter):
    """Writes "<id>开头" at once, then waits for ``release`` (sections in ``hold``; "*": all)
    before "正文。"; every call is recorded, across runners and threads."""

    name = "gated"

    def __init__(self, hold=()):
        self.hold = set(hold)
        self.release = threading.Event()
        self.calls: list[str] = []

    async def stream_section(self, request):
        self.calls.append(request.spec.id)
        yield f"{request.spec.id}开头"
        if "*" in self.hold or request.spec.id in self.hold:
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        yield "正文。"


def wait_until(check, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
    return value


DEAD: list[JobRunner] = []  # killed runners, kept so their stopped loops are never collected


def kill(runner: JobRunner) -> None:
    """The runner's process dies: its loop stops mid-run, nothing is ended or renewed again."""
    loop = runner.loop()
    loop.call_soon_threadsafe(loop.stop)
    DEAD.append(runner)


def new_session(store: Store | None = None) -> DraftSession:
    return DraftSession.new(load_facts(FIXTURE), store=store or Store())


def test_a_job_outlives_its_caller_and_saves_every_section():
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    drafter = Gated(hold=["*"])
    live = runner.start(session, drafter)
    del session  # the page that started it is gone
    wait_until(lambda: len(drafter.calls) == 10, what="all sections started")
    job = Jobs(Store()).latest(live.job.draft_id)
    assert job.live and job.finished == [] and len(job.sections) == 10
    assert all(p.text.endswith("开头") for p in live.sections.values())  # streamed text, in memory
    drafter.release.set()
    runner.wait(live.job.draft_id, timeout=30)
    stored = Store().get(live.job.draft_id)
    job = Jobs(Store()).get(live.job.id)
    assert job.state == DONE and job.lease_until is None
    assert sorted(job.finished) == sorted(job.sections) and job.missing == []
    assert all(stored.section(sid).text.endswith("开头正文。") for sid in job.sections)
    assert stored.status == "done"


def test_each_section_reaches_the_database_as_it_finishes_and_other_processes_see_it():
    session = new_session()
    runner = JobRunner(owner="here", lease=0.4)  # renewals every 0.1 s carry the progress
    drafter = Gated(hold=["team", "brand"])
    live = runner.start(session, drafter)
    job = wait_until(lambda: (j := Jobs(Store()).get(live.job.id)) and len(j.finished) == 8 and j, what="8 saved")
    assert set(job.missing) == {"team", "brand"}
    # a page in another process: no live text, the database's record and sections
    elsewhere = DraftSession.open(live.job.draft_id, Store())
    job = wait_until(lambda: (j := Jobs(Store()).get(live.job.id)).progress and j, what="progress renewed")
    shown = {p.id: p for p in progress_of(job, None, elsewhere)}
    assert shown["study"].status == "done" and shown["study"].text == "study开头正文。"
    assert shown["team"].status == "drafting" and shown["team"].chars == len("team开头")
    drafter.release.set()
    runner.wait(live.job.draft_id, timeout=30)


def test_cancel_stops_the_job_and_keeps_what_was_saved():
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    drafter = Gated(hold=["team"])
    live = runner.start(session, drafter)
    wait_until(lambda: len(Jobs(Store()).get(live.job.id).finished) == 9, what="9 saved")
    assert runner.cancel(Store(), live.job.id)
    runner.wait(live.job.draft_id, timeout=10)
    assert live.state == CANCELLED and Jobs(Store()).get(live.job.id).state == CANCELLED
    stored = Store().get(live.job.draft_id)
    assert stored.section("team").status == "pending" and stored.section("team").text == ""
    assert stored.section("study").status == "done"
    # the draft is free again: a new job for the rest writes only what is missing
    again = Gated()
    runner.start(DraftSession.open(live.job.draft_id, Store()), again, redo_done=False)
    runner.wait(live.job.draft_id, timeout=30)
    assert again.calls == ["team"]


def test_a_job_cancelled_from_another_instance_stops_at_its_next_renewal():
    session = new_session()
    runner = JobRunner(owner="here", lease=0.4)
    drafter = Gated(hold=["team"])
    live = runner.start(session, drafter)
    wait_until(lambda: len(Jobs(Store()).get(live.job.id).finished) == 9, what="9 saved")
    assert Jobs(Store()).cancel(live.job.id)  # what another app instance's 取消 does
    runner.wait(session.draft.id, timeout=10)
    assert live.state == CANCELLED and Store().get(session.draft.id).section("team").status == "pending"


def test_deleting_a_draft_deletes_its_jobs():
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    live = runner.start(session, Gated())
    runner.wait(session.draft.id, timeout=30)
    Store().delete(session.draft.id)
    assert Jobs(Store()).get(live.job.id) is None


def test_one_live_job_per_draft():
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    drafter = Gated(hold=["*"])
    live = runner.start(session, drafter)
    other = JobRunner(owner="another-instance", lease=5)
    with pytest.raises(JobBusy) as refused:
        other.start(DraftSession.open(session.draft.id, Store()), Gated())
    assert "正在起草" in str(refused.value) and refused.value.job.id == live.job.id
    with pytest.raises(InputError, match="已在其他窗口或服务器上继续"):  # not interrupted: nothing to take over
        other.resume(Store(), live.job.id, Gated())
    drafter.release.set()
    runner.wait(session.draft.id, timeout=30)


def test_a_dead_processs_job_is_interrupted_and_resumed_elsewhere_for_the_missing_sections_only():
    session = new_session()
    first = JobRunner(owner="dies", lease=0.5)
    drafter = Gated(hold=["team", "brand", "outlook"])
    live = first.start(session, drafter)
    wait_until(lambda: len(Jobs(Store()).get(live.job.id).finished) == 7, what="7 saved")
    kill(first)
    job = wait_until(lambda: (j := Jobs(Store()).get(live.job.id)).interrupted and j, what="lease expiry")
    assert set(job.missing) == {"team", "brand", "outlook"}
    drafter.release.set()  # the dead process's streams never resume: its loop is stopped

    second = JobRunner(owner="survivor", lease=5)
    again = Gated()
    second.resume(Store(), job.id, again)
    second.wait(job.draft_id, timeout=30)
    assert sorted(again.calls) == ["brand", "outlook", "team"]
    job = Jobs(Store()).get(job.id)
    assert job.state == DONE and job.missing == [] and job.lease_owner == "survivor"
    assert Store().get(job.draft_id).status == "done"


def test_a_new_job_replaces_an_interrupted_one():
    session = new_session()
    first = JobRunner(owner="dies", lease=0.3)
    live = first.start(session, Gated(hold=["*"]))
    time.sleep(0.05)
    kill(first)
    wait_until(lambda: Jobs(Store()).get(live.job.id).interrupted, what="lease expiry")
    second = JobRunner(owner="here", lease=5)
    second.start(DraftSession.open(session.draft.id, Store()), Gated())
    second.wait(session.draft.id, timeout=30)
    assert Jobs(Store()).get(live.job.id).state == REPLACED


def test_a_regeneration_job_rewrites_one_section_with_the_instruction():
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    runner.start(session, Gated())
    runner.wait(session.draft.id, timeout=30)

    class Echo(Drafter):
        name = "echo"

        async def stream_section(self, request):
            yield f"按“{request.instruction}”改写：{request.previous_text}"

    runner.start(DraftSession.open(session.draft.id, Store()), Echo(), only=["study"], instruction="更精炼")
    runner.wait(session.draft.id, timeout=30)
    study = Store().get(session.draft.id).section("study")
    assert study.text == "按“更精炼”改写：study开头正文。"
    assert study.versions[-1].instruction == "更精炼" and len(study.versions) == 2
    assert Jobs(Store()).latest(session.draft.id).sections == ["study"]


def test_a_job_against_the_fake_model_server_is_written_whole_after_its_starter_left(fake_openai):
    """The real model backend in a job: the caller returns at once; the sections arrive."""
    from shuzhi.config import visitor_model_config
    from shuzhi.drafting import model_drafter

    fake_openai.ttft, fake_openai.tokens_per_second = 0.05, 400
    config = visitor_model_config(provider=None, base_url=fake_openai.base_url, model="fake-model")
    session = new_session()
    runner = JobRunner(owner="here", lease=5)
    live = runner.start(session, model_drafter(config), model={"base_url": fake_openai.base_url,
                                                               "model": "fake-model"})
    assert Store().get(session.draft.id).status != "done"  # it was still running when we left
    runner.wait(session.draft.id, timeout=60)
    stored = Store().get(session.draft.id)
    assert all(s.status == "done" for s in stored.sections) and len(fake_openai.requests) == 10
    assert all(p.usage and p.usage.completion_tokens for p in live.sections.values())
    assert Jobs(Store()).get(live.job.id).model == {"base_url": fake_openai.base_url, "model": "fake-model"}


def test_the_model_settings_saved_with_a_draft_never_hold_a_key():
    session = new_session()
    Store().save_model_settings(session.draft.id, {"provider": "deepseek", "base_url": "https://api.deepseek.com/v1",
                                                   "model": "deepseek-chat", "api_key": "sk-never"})
    assert Store().model_settings(session.draft.id) == {
        "provider": "deepseek", "base_url": "https://api.deepseek.com/v1", "model": "deepseek-chat"}
