"""Sign-in on a shared instance: with OIDC configured, each user sees and opens only their own drafts."""

from __future__ import annotations

from pathlib import Path

from app_helpers import session_of
from streamlit.testing.v1 import AppTest

from shuzhi.store import Store

ROOT = Path(__file__).resolve().parents[1]
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
        "client_id": "shuzhi", "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def app(user: dict | None, draft: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user if user is not None else {"is_logged_in": False}
    if draft:
        at.query_params["draft"] = draft
    return at.run()


def signed_in(subject: str) -> dict:
    return {"is_logged_in": True, "iss": "https://idp.example", "sub": subject,
            "email": f"{subject}@example.cn", "name": subject}


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def listed(at: AppTest) -> list[str]:
    """Ids of the saved drafts the start page offers to open."""
    return [b.key.removeprefix("open:") for b in at.button if b.key and b.key.startswith("open:")]


def test_visitor_must_sign_in_first():
    at = app(None)
    assert not at.exception
    assert "登录" in labels(at)
    assert "新建报告" not in [s.value for s in at.subheader]


def test_each_user_sees_and_opens_only_their_own_drafts():
    alice = app(signed_in("alice"))
    assert "退出登录" in labels(alice)
    [sample] = [b for b in alice.button if b.label.startswith("用示例事实体验")]
    sample.click().run()
    assert not alice.exception
    draft_id = session_of(alice).draft.id
    assert Store().get(draft_id).owner == "https://idp.example|alice"

    again = app(signed_in("alice"))
    assert listed(again) == [draft_id], "alice's own draft is listed for her"

    bob = app(signed_in("bob"))
    assert listed(bob) == [], "bob's list does not show alice's draft"
    probe = app(signed_in("bob"), draft=draft_id)
    assert not probe.exception
    assert any("找不到草稿" in e.value for e in probe.error)
    assert session_of(probe) is None

    back = app(signed_in("alice"), draft=draft_id)
    assert session_of(back).draft.id == draft_id
