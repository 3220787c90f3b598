"""In a real browser, a heading holding a link and a remote image (issue #11, item 5) is
shown as text on every page: no link to the address, and the browser never fetches it."""

from __future__ import annotations

import pytest
from test_app_browser import ROOT, go, wait_idle  # tests/browser is on sys.path (no package)

from shuzhi.drafting import get_drafter
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession

pytestmark = pytest.mark.browser

HEADING = "[请重新登录](https://evil.example/x) ![i](https://evil.example/t.png)"


@pytest.fixture
def hostile_draft(isolated_home) -> DraftSession:
    """Made before the browser starts (Playwright's sync API holds an event loop)."""
    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"))
    rows = [{"id": s.id, "level": s.level, "heading": s.heading} for s in session.draft.sections[1:]]
    rows[0]["heading"] = HEADING
    session.set_outline(rows)
    session.draft_all(get_drafter("offline"))
    session.set_locked(rows[0]["id"], True)
    return session


def test_a_hostile_heading_is_never_a_link_or_a_fetched_image(app_server, hostile_draft, page, shoot):
    session = hostile_draft
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{app_server}/?draft={session.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    for step in ("起草", "修改与检查", "导出", "审阅提纲"):
        go(page, step)
        wait_idle(page)
        if step == "起草":
            page.get_by_text("已锁定 1 节", exact=False).wait_for()
            shoot(page, "markdown-literal-draft")
        found = page.locator("a[href*='evil.example'], img[src*='evil.example']")
        assert found.count() == 0, (step, [found.nth(i).evaluate("e => e.parentElement.parentElement.outerHTML")
                                           for i in range(found.count())])
    # as text, in the outline's grid (a canvas: its cells are in the page, hidden, for reading)
    page.get_by_text("[请重新登录](https://evil.example/x)", exact=False).first.wait_for(state="attached")
    assert [url for url in asked if "evil.example" in url] == []
