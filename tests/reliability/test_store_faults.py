"""The database and the disk failing under the user: locked by another program, read-only,
unreachable, full. Each is one Chinese line that says what to do, nothing finished is lost,
and no message carries a password, SQL or the user's text."""

from __future__ import annotations

import errno
import os

import pytest

from shuzhi.session import DraftSession
from shuzhi.store import Store, StoreUnavailable

from .conftest import remount_read_only, sqlite_file, write_locked

pytestmark = pytest.mark.reliability


def test_locked_database_is_a_clear_message_not_a_hang(facts, template, monkeypatch):
    monkeypatch.setenv("SHUZHI_DB_TIMEOUT", "0.05")
    store = Store()
    draft = DraftSession.new(facts, template.id, store).draft
    section = draft.section("study")
    section.add_version("用户写下的这一段不应出现在错误信息里", "edit")
    with write_locked(sqlite_file(store.url)), pytest.raises(StoreUnavailable) as caught:
        store.save_section(draft.id, section)
    message = str(caught.value)
    assert "正被其他程序占用" in message and "请稍后重试" in message
    assert "用户写下" not in message and "UPDATE" not in message and "\n" not in message
    store.save_section(draft.id, section)  # once the lock is gone the same save goes through
    assert store.get(draft.id).section("study").text.startswith("用户写下")


def test_read_only_database_keeps_what_is_there(facts, template, tmpfs, shuzhi_proc):
    disk = tmpfs("1m")
    url = f"sqlite:///{disk / 'shuzhi.db'}"
    store = Store(url)
    draft = DraftSession.new(facts, template.id, store).draft
    store.engine.dispose()  # a filesystem with open files cannot be remounted
    remount_read_only(disk)
    section = draft.section("study")
    section.add_version("新的一段", "edit")
    with pytest.raises(StoreUnavailable, match="只读|无法打开") as caught:
        store.save_section(draft.id, section)
    assert "SHUZHI_DB" in str(caught.value)  # the way on: point at a writable database

    result = shuzhi_proc("drafts", "list", env={"SHUZHI_DB": url})  # a fresh process
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "数据库" in result.stderr and "SHUZHI_DB" in result.stderr


def test_unreachable_server_never_shows_the_password(shuzhi_proc):
    url = "postgresql+psycopg://shuzhi:pw-s3cret-4711@127.0.0.1:1/shuzhi"
    with pytest.raises(StoreUnavailable) as caught:
        Store(url)
    assert "无法连接数据库服务器" in str(caught.value)
    assert "pw-s3cret-4711" not in str(caught.value) and "127.0.0.1:1" in str(caught.value)
    result = shuzhi_proc("drafts", "list", env={"SHUZHI_DB": url})
    assert result.returncode == 2 and "无法连接数据库服务器" in result.stderr
    assert "pw-s3cret-4711" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def fill(path):
    """Use up a small filesystem, leaving a few hundred bytes."""
    try:
        with open(path / "filler", "wb", buffering=0) as handle:
            while True:
                handle.write(b"\0" * 1024)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC


def test_full_disk_on_export_leaves_the_old_file_and_no_debris(cli, samples, tmpfs, monkeypatch, tmp_path):
    try:
        disk = tmpfs("64k")
    except pytest.skip.Exception:  # no root or no mount here: the kernel's answer is simulated
        disk = None
    if disk is None:
        disk = tmp_path

        def no_space(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(os, "fsync", no_space)
    out = disk / "报告.txt"
    out.write_text("上一版报告", "utf-8")
    if disk != tmp_path:
        fill(disk)
    result = cli("draft", "--facts", samples / "facts-2022.yaml", "--out", out)
    assert result.exit_code == 2
    line = result.stderr.strip().splitlines()[-1]  # after any progress output: the error
    assert line.startswith("错误：") and "磁盘空间不足" in line and str(out) in line
    assert "Traceback" not in result.stderr
    assert out.read_text("utf-8") == "上一版报告"
    assert not [p.name for p in disk.iterdir() if p.name.startswith(".shuzhi-")]


def test_database_disk_full_mid_draft_keeps_a_backup(facts, template, tmpfs):
    from shuzhi.draft import Draft
    from shuzhi.session import DraftNotSaved

    from .drafters import ScriptedDrafter

    disk = tmpfs("2m")
    store = Store(f"sqlite:///{disk / 'shuzhi.db'}")
    session = DraftSession.new(facts, template.id, store)
    fill(disk)
    with pytest.raises(DraftNotSaved) as caught:
        session.draft_all(ScriptedDrafter(), redo_done=False)
    assert "磁盘空间已满" in str(caught.value) and "shuzhi drafts import" in str(caught.value)
    backup = Draft.model_validate_json(caught.value.backup.read_text("utf-8"))  # on another disk
    assert backup.status == "done" and backup.assemble() == caught.value.draft.assemble()


@pytest.mark.parametrize("url, words", [
    ("notaurl", "SHUZHI_DB"),
    ("mysql://admin:pw-s3cret-4711@db.example.cn/shuzhi", "缺少这种数据库的驱动"),
    ("sqlite:////nonexistent-dir/shuzhi.db", "无法打开数据库文件"),
])
@pytest.mark.parametrize("command", [["drafts", "list"], ["draft", "--facts", "{facts}"]])
def test_a_bad_database_setting_is_one_line(shuzhi_proc, samples, url, words, command):
    args = [a.format(facts=samples / "facts-2022.yaml") for a in command]
    result = shuzhi_proc(*args, env={"SHUZHI_DB": url})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr
    assert "pw-s3cret-4711" not in result.stderr


def test_all_connections_busy_is_a_clear_message(tmp_path):
    """A load peak: every pooled connection is taken for longer than the pool waits."""
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'pool.db'}"
    store = Store(create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.05))
    with store.engine.connect(), \
            pytest.raises(StoreUnavailable, match="连接都在使用中.*请稍后重试"):  # the only connection, held
        store.list()
    assert store.list() == []  # and once it is free again, all is well
