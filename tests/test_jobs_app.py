"""The 起草 page over server jobs, driven through AppTest as a user would: model settings that
stay across pages, a running job seen from another browser and cancelled there, an interrupted
job continued for its missing sections, 全部重新起草 asking before it replaces edits, 测试连接,
and a server's own endpoint preselected."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path
from typing import ClassVar

from app_helpers import app_test, session_of, state_of
from test_app import create_report, go, ok, start
from test_app import shown as literal
from test_jobs import Gated, kill, wait_until

from shuzhi import drafting
from shuzhi.drafting.base import Drafter
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession
from shuzhi.session.jobs import JobRunner, runner
from shuzhi.store import Store
from shuzhi.store.jobs import Jobs

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


class Recorder(Drafter):
    """A model stand-in that records the settings it was built with and each instruction."""

    name = "model:recorder"
    needs_key = True
    built: ClassVar[list[dict]] = []

    def __init__(self, config):
        Recorder.built.append({"base_url": config.base_url, "model": config.model,
                               "api_key": config.api_key.get_secret_value()})

    async def stream_section(self, request):
        yield f"{request.spec.heading}：模型写的段落。"
        request.usage.prompt_tokens, request.usage.completion_tokens = 100, 20


def choose_model(at, base_url="http://127.0.0.1:9/v1", model="fake-model", key="sk-stays-789"):
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value("custom").run()
    at.text_input(key="base_url").set_value(base_url).run()
    at.text_input(key="model").set_value(model).run()
    if key:
        at.text_input(key="api_key").set_value(key).run()
    return ok(at)


def reopened(draft_id: str):
    """The draft's link opened in another browser (a new session), on the 起草 page."""
    at = app_test()
    at.query_params["draft"] = draft_id
    return go(ok(at.run()), "起草")


def test_model_settings_stay_across_pages_and_rewrites_use_them(monkeypatch):
    monkeypatch.setitem(drafting._FACTORIES, "openai", Recorder)
    Recorder.built.clear()
    at = create_report(start())
    go(at, "起草")
    choose_model(at)
    draft_id = session_of(at).draft.id
    assert Store().model_settings(draft_id) == {"preset": "custom", "base_url": "http://127.0.0.1:9/v1",
                                                "model": "fake-model"}
    go(at, "填写事实")
    go(at, "起草")  # Streamlit forgot the widgets meanwhile; the page did not
    assert at.radio(key="mode").value == "大模型起草"
    assert at.text_input(key="base_url").value == "http://127.0.0.1:9/v1"
    assert at.text_input(key="api_key").value == "sk-stays-789"
    at.button(key="draft-all").click().run()
    ok(at)
    go(at, "修改与检查")
    [p for p in at.pills if ":quick:study" in p.key][0].set_value("更精炼")
    at.button(key=[b.key for b in at.button if ":regen:study" in (b.key or "")][0]).click().run()
    ok(at)
    assert Recorder.built[-1] == {"base_url": "http://127.0.0.1:9/v1", "model": "fake-model",
                                  "api_key": "sk-stays-789"}  # not silently offline
    study = Store().get(draft_id).section("study")
    assert study.versions[-1].source == "model:recorder" and study.versions[-1].instruction == "更精炼"
    # a new browser: the settings come with the draft, the key does not
    other = reopened(draft_id)
    assert other.text_input(key="base_url").value == "http://127.0.0.1:9/v1"
    assert other.text_input(key="api_key").value == ""


def test_a_running_job_is_seen_from_another_browser_and_cancelled_there():
    session = DraftSession.new(load_facts(FIXTURE))
    gated = Gated(hold=["team"])
    live = runner().start(session, gated)
    wait_until(lambda: len(Jobs(Store()).get(live.job.id).finished) == 9, what="9 saved")
    at = reopened(session.draft.id)
    page = " ".join(p.proto.text for p in at.get("progress"))
    assert "起草中：已完成 9/10 节" in page
    captions = " ".join(c.value for c in at.caption)
    assert "起草中 · 已写 6 字 / 目标" in captions and "已完成并保存" in captions
    assert not [b for b in at.button if b.key in ("draft-all", "draft-rest")]  # one job at a time
    at.button(key="job-cancel").click().run()
    ok(at)
    runner().wait(session.draft.id, timeout=10)
    at.run()
    assert Jobs(Store()).get(live.job.id).state == "cancelled"
    stored = Store().get(session.draft.id)
    assert stored.section("team").status == "pending" and stored.section("study").status == "done"
    assert at.button(key="draft-rest").label == "继续起草未完成的 1 节"
    gated.release.set()


def test_an_interrupted_job_is_offered_and_continued_for_its_missing_sections_only():
    session = DraftSession.new(load_facts(FIXTURE))
    dead = JobRunner(owner="died", lease=0.4)
    live = dead.start(session, Gated(hold=["team", "brand", "outlook"]))
    wait_until(lambda: len(Jobs(Store()).get(live.job.id).finished) == 7, what="7 saved")
    kill(dead)
    wait_until(lambda: Jobs(Store()).get(live.job.id).interrupted, what="lease expiry")
    at = reopened(session.draft.id)
    assert any("上次起草已中断" in w.value and "尚缺 3 节" in w.value for w in at.warning)
    before = {s.id: len(s.versions) for s in Store().get(session.draft.id).sections}
    at.button(key="job-resume").click().run()
    ok(at)
    assert any("起草完成" in s.value for s in at.success)
    after = Store().get(session.draft.id)
    grown = {s.id for s in after.sections if len(s.versions) > before[s.id]}
    assert grown == {"team", "brand", "outlook"}
    assert all(s.status == "done" for s in after.sections)


def test_redrafting_everything_asks_before_replacing_edited_sections():
    at = create_report(start())
    go(at, "起草")
    at.button(key="draft-all").click().run()
    ok(at)
    session_of(at).edit("outlook", "我自己写的不足与打算。")
    at.run()
    at.button(key="draft-all").click().run()
    ok(at)
    warning = [w.value for w in at.warning if "替换您修改过的 1 节" in w.value]
    assert warning and "四、盘点不足，明确努力方向" in warning[0].replace("\\", "")
    at.button(key="draft-all-cancel").click().run()
    assert Store().get(session_of(at).draft.id).section("outlook").text == "我自己写的不足与打算。"
    at.button(key="draft-all").click().run()
    at.button(key="draft-all-confirm").click().run()
    ok(at)
    outlook = Store().get(session_of(at).draft.id).section("outlook")
    assert outlook.text != "我自己写的不足与打算。" and outlook.versions[-2].text == "我自己写的不足与打算。"


def test_connection_test_lists_the_models_and_times_the_first_token(fake_openai):
    at = create_report(start())
    go(at, "起草")
    choose_model(at, base_url=fake_openai.base_url, key="")
    at.button(key="test-connection").click().run()
    ok(at)
    shown = " ".join(literal(s) for s in at.success)
    assert "可用模型：fake-model" in shown and "首个 token" in shown and "结论：可以用于起草" in shown


def test_the_servers_own_endpoint_is_preselected_and_drafts_with_one_click(monkeypatch, fake_openai):
    monkeypatch.setenv("SHUZHI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("SHUZHI_MODEL", "fake-model")
    monkeypatch.setenv("SHUZHI_API_KEY", "sk-server-only")
    at = create_report(start())
    go(at, "起草")
    assert at.radio(key="mode").value == "大模型起草" and at.selectbox(key="preset").value == "server"
    at.button(key="draft-all").click().run()
    ok(at)
    assert any("起草完成" in s.value for s in at.success)
    assert all(r.headers.get("authorization") == "Bearer sk-server-only" for r in fake_openai.requests)
    assert Store().model_settings(session_of(at).draft.id)["base_url"] == fake_openai.base_url
    assert state_of(at).api_key is None


def test_live_progress_shows_characters_against_targets_and_estimated_cost(monkeypatch):
    """Mid-run: each section's characters against its target, the overall share by expected
    length, tokens so far and a cost by the model's price (or 未知价格)."""

    class Slow(Drafter):
        name = "model:slow"
        release = threading.Event()

        def __init__(self, config):
            pass

        async def stream_section(self, request):
            yield "一" * 50
            while not Slow.release.is_set():
                await asyncio.sleep(0.01)
            yield "完。"

    monkeypatch.setitem(drafting._FACTORIES, "openai", Slow)
    at = create_report(start())
    go(at, "起草")
    choose_model(at, base_url="https://api.deepseek.com/v1", model="deepseek-chat")
    draft_id = session_of(at).draft.id
    live = runner().start(session_of(at), Slow(None), model={"provider": None, "base_url": "x",
                                                             "model": "deepseek-chat"})
    wait_until(lambda: all(p.chars == 50 for p in live.sections.values()), what="50 characters each")
    other = reopened(draft_id)
    captions = " ".join(c.value for c in other.caption)
    assert len(re.findall(r"起草中 · 已写 50 字 / 目标 \d+–\d+ 字", captions)) == 10
    assert "按 deepseek-chat 价格估算 ¥" in captions and "tokens" in captions
    share = [p.proto.text for p in other.get("progress") if "起草中" in p.proto.text][0]
    assert "已完成 0/10 节" in share and "约 0%" not in share
    Slow.release.set()
    runner().wait(draft_id, timeout=30)


def test_a_model_without_a_price_says_so():
    from shuzhi.display import UsageTotal
    from webapp.progress import cost_words

    assert cost_words(UsageTotal(prompt_tokens=10), {"model": "unit-internal-llm"}) == "费用：未知价格"
    assert cost_words(UsageTotal(cost=0.5), {"model": "deepseek-chat"}, streaming=1_000_000) == \
        "费用：按 deepseek-chat 价格估算 ¥8.5000"
