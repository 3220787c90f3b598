"""Driving the Streamlit app through AppTest: its pages (``st.navigation`` runs the scripts
under webapp/pages/) and its state (one ``AppState`` under ``st.session_state["app"]``)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = {"填写事实": "webapp/pages/facts.py", "导入工作记录": "webapp/pages/records.py",
         "审阅提纲": "webapp/pages/outline.py",
         "起草": "webapp/pages/drafting.py", "修改与检查": "webapp/pages/review.py",
         "对照去年": "webapp/pages/changes.py", "通读全文": "webapp/pages/report.py", "导出": "webapp/pages/export.py"}


def app_test() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def switch(at: AppTest, page: str) -> AppTest:
    """Click a step in the sidebar (AppTest cannot click a page link: it switches the page)."""
    return at.switch_page(PAGES[page]).run()


def state_of(at: AppTest):
    return at.session_state["app"]


def session_of(at: AppTest):
    """The open report's DraftSession, or None."""
    return state_of(at).session


def ok(at: AppTest) -> AppTest:
    """No traceback and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} in {[b.label for b in at.button]}"
    return matches[0]
