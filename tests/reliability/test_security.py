"""Security: unguessable draft ids, safe export file names, the app bound to this machine
unless told otherwise, and drafts scoped to their owner when sign-in is on."""

from __future__ import annotations

import base64
import os
import tomllib

import pytest

from shuzhi.draft import new_draft_id
from shuzhi.export import safe_filename
from shuzhi.session import DraftSession
from shuzhi.store import DraftNotFound, Store

from .conftest import ROOT

pytestmark = pytest.mark.reliability


def test_draft_ids_carry_at_least_128_random_bits():
    ids = [new_draft_id() for _ in range(5000)]
    assert len(set(ids)) == len(ids)
    for draft_id in ids[:200]:
        raw = base64.urlsafe_b64decode(draft_id + "=" * (-len(draft_id) % 4))
        assert len(raw) * 8 >= 128
    # not sequential or time-based: no shared prefix beyond chance
    assert len({i[:4] for i in ids}) > 4000


def test_stored_drafts_get_such_ids(facts, template):
    store = Store()
    ids = {DraftSession.new(facts, template.id, store).draft.id for _ in range(3)}
    assert all(len(i) >= 22 for i in ids) and len(ids) == 3


def test_another_users_draft_looks_exactly_like_a_missing_one(facts, template):
    store = Store()
    mine = DraftSession.new(facts, template.id, store, owner="oidc|zhang").draft
    errors = []
    for attempt in (lambda: store.get(mine.id, owner="oidc|li"),
                    lambda: DraftSession.open(mine.id, store, owner="oidc|li"),
                    lambda: store.delete(mine.id, owner="oidc|li")):
        with pytest.raises(DraftNotFound) as caught:
            attempt()
        errors.append(str(caught.value))
    with pytest.raises(DraftNotFound) as missing:
        store.get("A" * len(mine.id), owner="oidc|li")
    assert {e.replace(mine.id, "ID") for e in errors} == {str(missing.value).replace("A" * len(mine.id), "ID")}
    assert store.get(mine.id, owner="oidc|zhang").id == mine.id  # still there, untouched
    assert [d.id for d in store.list(owner="oidc|li")] == []


@pytest.mark.parametrize("title, ext, expected", [
    ("2024年述德述廉述职报告", "docx", "2024年述德述廉述职报告.docx"),
    ("../../etc/passwd", "txt", "etc_passwd.txt"),
    ("..\\..\\Windows\\system32", "txt", "Windows_system32.txt"),
    ('报告<script>:"|?*', "md", "报告_script.md"),
    ("  .隐藏文件  ", "txt", "隐藏文件.txt"),
    ("CON", "txt", "述职报告_CON.txt"),
    ("nul.报告", "txt", "述职报告_nul.报告.txt"),
    ("", "docx", "述职报告.docx"),
    ("///", "docx", "述职报告.docx"),
    ("报告\x00\n\r\t名", "txt", "报告名.txt"),
    ("报告\u202egnp.exe", "txt", "报告gnp.exe.txt"),
    ("2024年报告", "../docx", "2024年报告.docx"),
])
def test_safe_filename(title, ext, expected):
    assert safe_filename(title, ext) == expected


def test_safe_filename_fits_any_filesystem(tmp_path):
    name = safe_filename("述职报告" * 200, "docx")
    assert len(name.encode("utf-8")) <= 255
    assert name.endswith(".docx")
    (tmp_path / name).write_text("ok")  # the filesystem accepts it
    assert os.sep not in name


def test_serve_binds_localhost_by_default(cli, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "execvp", lambda file, args: calls.append(args))
    result = cli("serve")
    assert result.exit_code == 0 and calls
    args = calls[0]
    assert args[args.index("--server.address") + 1] == "127.0.0.1"
    assert "http://127.0.0.1:" in result.stdout


def test_streamlit_config_binds_localhost_and_hides_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] is False
    assert config["server"]["maxUploadSize"] <= 10  # MB, the same limit as the readers'


@pytest.mark.parametrize("claims, owner", [
    (None, None),
    ({"is_logged_in": False}, None),
    ({"is_logged_in": True, "iss": "https://sso.unit.cn", "sub": "1001", "email": "Zhang@unit.cn"},
     "https://sso.unit.cn|1001"),
    ({"is_logged_in": True, "email": " Zhang@Unit.cn "}, "zhang@unit.cn"),
    ({"is_logged_in": True, "name": "张三"}, None),  # nothing stable to key on: treated as signed out
])
def test_owner_id_from_sign_in_claims(claims, owner):
    from shuzhi.owners import owner_id

    assert owner_id(claims) == owner


def test_signed_in_users_see_only_their_own_drafts(facts, template):
    from shuzhi.owners import owner_id

    store = Store()
    zhang = owner_id({"iss": "https://sso", "sub": "1"})
    li = owner_id({"iss": "https://sso", "sub": "2"})
    mine = DraftSession.new(facts, template.id, store, owner=zhang).draft
    theirs = DraftSession.new(facts, template.id, store, owner=li).draft
    assert [d.id for d in store.list(owner=zhang)] == [mine.id]
    assert [d.id for d in store.list(owner=li)] == [theirs.id]
    with pytest.raises(DraftNotFound):
        store.get(theirs.id, owner=zhang)


def test_the_app_session_opens_only_the_owners_drafts(facts):
    from shuzhi.session import DraftSession

    mine = DraftSession.new(facts, owner="https://sso|1")
    assert DraftSession.open(mine.draft.id, owner="https://sso|1").draft.id == mine.draft.id
    with pytest.raises(DraftNotFound) as theirs:
        DraftSession.open(mine.draft.id, owner="https://sso|2")
    with pytest.raises(DraftNotFound) as missing:
        DraftSession.open("B" * len(mine.draft.id), owner="https://sso|2")
    assert str(theirs.value).replace(mine.draft.id, "ID") == str(missing.value).replace(
        "B" * len(mine.draft.id), "ID")
    mine.reload()  # reloading keeps to the owner's own draft
    assert mine.draft.owner == "https://sso|1"
