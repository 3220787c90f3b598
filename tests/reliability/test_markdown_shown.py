"""User text shown by the app is text, never Markdown (issue #11, item 5).

Headings, facts, errors and file names holding a link, a remote image, raw HTML or a bare
URL are put where the app shows them — every page, the locked-sections caption, error
boxes — and every element that renders Markdown (markdown, caption, alerts, headers) is
rendered with a CommonMark parser that even allows raw HTML: no link, no image, no tag."""

from __future__ import annotations

import re

import pytest
from app_helpers import switch
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from shuzhi.facts import load_facts
from shuzhi.session import DraftSession

from .conftest import ROOT, SAMPLE_FACTS

pytestmark = pytest.mark.reliability

LINKS = "[请重新登录](https://evil.example/x) ![i](https://evil.example/t.png)"
HTML = "<img src=x onerror=alert(1)>"
BARE = "https://evil.example/bare www.evil.example admin@evil.example"
PAGES = ["填写事实", "审阅提纲", "起草", "修改与检查", "导出"]


def hostile_session() -> DraftSession:
    facts = load_facts(SAMPLE_FACTS)
    sections = dict(facts.sections)
    sections["political"] = sections["political"].model_copy(
        update={"items": [LINKS, HTML, BARE] + sections["political"].items})
    facts = facts.model_copy(update={"sections": sections, "honours": [LINKS, HTML],
                                     "unit": f"{HTML}图书馆", "person": LINKS})
    session = DraftSession.new(facts)
    rows = [{"id": r.id, "level": r.level, "heading": r.heading} for r in session.draft.sections[1:]]
    rows[0]["heading"] = LINKS
    rows[1]["heading"] = HTML + BARE
    session.set_outline(rows)
    from shuzhi.drafting import get_drafter

    session.draft_all(get_drafter("offline"))
    session.set_locked(rows[0]["id"], True)
    session.set_locked(rows[2]["id"], True)  # a heading that is a subsection of the hostile one
    return session


def markdown_elements(at: AppTest) -> list[tuple[str, str]]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "subheader", "header", "title")
    return [(kind, e.value) for root in (at, at.sidebar) for kind in kinds for e in getattr(root, kind)]


def assert_literal(elements: list[tuple[str, str]]) -> None:
    parser = MarkdownIt("commonmark", {"html": True})
    for kind, value in elements:
        html = parser.render(value)
        assert not re.search(r"<(a|img)\b", html), (kind, value, html)
        # GFM (Streamlit's Markdown) links bare URLs and e-mail addresses in the text that
        # remains once escapes are resolved: none may be left
        text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", value)
        assert not re.search(r"(?i)(https?://|www(?=\.))[-.\w]|[-.\w+]@[-\w]", text), (kind, value)


def test_every_page_shows_hostile_user_text_literally():
    session = hostile_session()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["draft"] = session.draft.id
    at.run()
    assert not at.exception
    seen: list[tuple[str, str]] = []
    for page in PAGES:
        switch(at, page)
        assert not at.exception, [e.value for e in at.exception]
        seen += markdown_elements(at)
    assert_literal(seen)
    shown = " ".join(v for _, v in seen)
    assert "请重新登录\\]\\(https\\:\\/\\/\u2060evil\\.example\\/x\\)" in shown  # the heading, as text
    locked = [v for kind, v in seen if kind == "caption" and v.startswith("已锁定")]
    assert locked and r"\!\[i\]" in locked[0]


def test_a_file_name_in_an_error_is_text():
    session = hostile_session()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["draft"] = session.draft.id
    at.run()
    at.file_uploader[0].upload("[重新登录](https://evil.example).yaml", b"year: [", "application/x-yaml").run()
    assert not at.exception and at.error
    assert_literal(markdown_elements(at))
    at.file_uploader[1].upload(f"![i](https://evil.example/t.png){HTML}.docx", b"PK\x03\x04 no", "application/zip").run()
    assert any("docx" in e.value for e in at.error)
    assert_literal(markdown_elements(at))

