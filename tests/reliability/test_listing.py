"""Who sees which drafts on the start page (issue #11, item 8). Without sign-in and without an
explicit ``SHUZHI_LIST_DRAFTS=1``, a visitor is shown only the drafts this browser session made
or opened — never the newest drafts of everybody else."""

from __future__ import annotations

import pytest
from app_helpers import session_of
from streamlit.testing.v1 import AppTest

from shuzhi.facts import load_facts
from shuzhi.session import DraftSession

from .conftest import ROOT

pytestmark = pytest.mark.reliability

FACTS = ROOT / "tests" / "fixtures" / "app-facts.yaml"


def visit(draft: str | None = None) -> AppTest:
    """A fresh browser opening the start page (or a draft's link)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if draft:
        at.query_params["draft"] = draft
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def offered(at: AppTest) -> list[str]:
    return [b.key.removeprefix("open:") for b in at.button if b.key and b.key.startswith("open:")]


def someone_elses_draft() -> str:
    return DraftSession.new(load_facts(FACTS)).draft.id


@pytest.mark.parametrize("setting", [None, "", "0", "no"])
def test_a_fresh_browser_is_shown_no_one_elses_drafts(monkeypatch, setting):
    if setting is not None:
        monkeypatch.setenv("SHUZHI_LIST_DRAFTS", setting)
    theirs = [someone_elses_draft() for _ in range(3)]
    at = visit()
    assert offered(at) == []
    assert any("只列出本次在此浏览器中新建或打开的报告" in c.value for c in at.caption)
    assert not any(t in str(at.markdown) for t in theirs)
    by_link = visit(draft=theirs[0])  # the unguessable link still opens it
    assert session_of(by_link).draft.id == theirs[0]


def test_this_browser_is_shown_what_it_made_and_opened():
    theirs = someone_elses_draft()
    at = visit()
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("李四")
    inputs["单位"].set_value("某学院党委")
    [b for b in at.button if b.label == "创建报告"][0].click().run()
    mine = session_of(at).draft.id
    at.button(key="leave").click().run()
    assert offered(at) == [mine]

    [link] = [t for t in at.text_input if t.label == "报告链接或编号"]
    link.set_value(f"http://127.0.0.1:8501/?draft={theirs}")
    [b for b in at.button if b.label == "打开"][0].click().run()
    at.button(key="leave").click().run()
    assert set(offered(at)) == {mine, theirs}  # opened here with its link: listed here too

    assert offered(visit()) == []  # another browser sees neither


def test_a_single_user_instance_lists_every_draft_when_told_to(monkeypatch):
    monkeypatch.setenv("SHUZHI_LIST_DRAFTS", "1")
    drafts = [someone_elses_draft() for _ in range(3)]
    assert set(offered(visit())) == set(drafts)
