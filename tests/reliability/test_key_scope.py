"""The server's key goes only to the server's own endpoint (issue #11, item 2).

The app is started with a key in its environment and a model endpoint configured (server A).
A visitor who types another endpoint (server B) — a custom URL, or a preset with its URL
changed — with an empty key field sends B their own key or none, never the server's; the
server's own endpoint, chosen as such, gets the server's key. Both servers are real sockets
recording every request's headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import switch
from streamlit.testing.v1 import AppTest

from shuzhi.testing.fake_openai import FakeOpenAI

from .conftest import ROOT

pytestmark = pytest.mark.reliability

KEY = "sk-server-OWN-3b7e91d0c4"


@pytest.fixture
def servers(monkeypatch):
    with FakeOpenAI() as own, FakeOpenAI() as visitors:
        for var in ("SHUZHI_API_KEY", "OPENAI_API_KEY", "DEEPSEEK_API_KEY"):
            monkeypatch.setenv(var, KEY)
        monkeypatch.setenv("SHUZHI_BASE_URL", own.base_url)
        monkeypatch.setenv("SHUZHI_MODEL", "fake-model")
        yield own, visitors


def model_page(preset: str, base_url: str | None = None, api_key: str = "") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("张三")
    inputs["单位"].set_value("图书与信息服务中心")
    [b for b in at.button if b.label == "创建报告"][0].click().run()
    switch(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value(preset).run()
    if base_url is not None:
        at.text_input(key="base_url").set_value(base_url).run()
    at.text_input(key="model").set_value("fake-model").run()
    at.text_input(key="api_key").set_value(api_key).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def authorizations(server: FakeOpenAI) -> set[str]:
    return {r.headers.get("authorization", "") for r in server.requests}


def test_a_visitors_custom_endpoint_never_gets_the_servers_key(servers):
    own, visitors = servers
    at = model_page("custom", visitors.base_url)
    at.button(key="draft-all").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert visitors.requests, "the visitor's endpoint was used"
    assert authorizations(visitors) == {"Bearer not-needed"}
    assert all(KEY not in repr(r.headers) + r.prompt for r in visitors.requests)
    assert own.requests == []


def test_a_preset_with_its_url_changed_needs_the_visitors_own_key(servers):
    own, visitors = servers
    at = model_page("deepseek", visitors.base_url)
    assert at.button(key="draft-all").disabled  # no key typed: nothing can be sent
    assert any("服务器上配置的密钥只用于服务器配置的模型服务" in w.value for w in at.warning)

    at.text_input(key="api_key").set_value("sk-visitor-own-55").run()
    at.button(key="draft-all").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert authorizations(visitors) == {"Bearer sk-visitor-own-55"}
    assert own.requests == []


def test_the_servers_own_endpoint_gets_the_servers_key(servers):
    own, visitors = servers
    at = model_page("server")
    assert at.text_input(key="base_url").value == own.base_url
    assert any("将使用服务器配置的密钥" in c.value for c in at.caption)
    at.button(key="draft-all").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert authorizations(own) == {f"Bearer {KEY}"}
    assert visitors.requests == []


def test_the_database_holds_no_key(servers):
    from shuzhi.config import database_url

    own, _visitors = servers
    model_page("server").button(key="draft-all").click().run()
    db = Path(database_url().removeprefix("sqlite:///"))
    assert own.requests and db.is_file()
    assert all(KEY.encode() not in p.read_bytes() for p in db.parent.glob(db.name + "*"))
