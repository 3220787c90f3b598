"""``--out`` onto something that is not a regular file (issue #11, item 6): a symlink, a FIFO,
a device node. Every command that writes a file refuses it with one Chinese line and exit 2,
and leaves the node — and whatever a link points to — exactly as it was. A read-only output
folder is named as such before any drafting starts (item 9)."""

from __future__ import annotations

import os
import stat

import pytest

from shuzhi.errors import InputError
from shuzhi.store import Store

from .conftest import ROOT, remount_read_only
from .test_bad_input import draft_json

pytestmark = pytest.mark.reliability

SAMPLE_REPORT = ROOT / "samples" / "report-2022.txt"
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"

# Every command with an output file: argv for writing to ``out``.
WRITERS = {
    "draft": lambda out, t: ["draft", "--facts", SAMPLE_FACTS, "--out", out],
    "draft-from-report": lambda out, t: ["draft", "--facts", SAMPLE_FACTS, "--from-report", SAMPLE_REPORT,
                                         "--out", out],
    "export": lambda out, t: ["export", SAMPLE_REPORT, "--out", out],
    "check-fix": lambda out, t: ["check", SAMPLE_REPORT, "--fix", "--out", out],
    "import": lambda out, t: ["import", draft_json(t), SAMPLE_REPORT, "--accept", "all", "-o", out],
    "regenerate": lambda out, t: ["regenerate", draft_json(t), "--section", "study", "-o", out],
}


def symlink_to_a_file(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件", "utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    return link, lambda: link.is_symlink() and os.readlink(link) == str(victim) and \
        victim.read_text("utf-8") == "别人的文件"


def fifo(tmp_path):
    path = tmp_path / "out.txt"
    os.mkfifo(path)
    return path, lambda: stat.S_ISFIFO(os.lstat(path).st_mode)


def char_device(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("只有 root 才能创建字符设备节点（mknod）")
    path = tmp_path / "out.txt"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    return path, lambda: stat.S_ISCHR(os.lstat(path).st_mode) and os.lstat(path).st_rdev == os.makedev(1, 3)


@pytest.mark.parametrize("make_target", [symlink_to_a_file, fifo, char_device],
                         ids=["symlink", "fifo", "char-device"])
@pytest.mark.parametrize("command", list(WRITERS))
def test_out_onto_a_node_that_is_not_a_regular_file(cli, tmp_path, command, make_target):
    target, untouched = make_target(tmp_path)
    result = cli(*WRITERS[command](target, tmp_path))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("错误：") and str(target) in line
    assert "符号链接" in line or "不是普通文件" in line
    assert untouched()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shuzhi-")]


def test_the_writer_refuses_them_in_the_library(tmp_path):
    from shuzhi.export.files import write_atomic

    for make_target in (symlink_to_a_file, fifo):
        for p in tmp_path.iterdir():
            p.unlink()
        target, untouched = make_target(tmp_path)
        with pytest.raises(InputError):
            write_atomic(b"x", target)
        assert untouched()


def test_a_regular_file_is_replaced_privately(cli, tmp_path):
    out = tmp_path / "report.txt"
    out.write_text("上一版", "utf-8")
    out.chmod(0o644)
    assert cli("export", SAMPLE_REPORT, "--out", out).exit_code == 0
    assert out.read_text("utf-8") != "上一版" and stat.S_IMODE(out.stat().st_mode) == 0o600


def read_only_folder(tmp_path, tmpfs):
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = tmpfs("1m")
    remount_read_only(folder)
    return folder


@pytest.mark.parametrize("command", ["draft", "export"])
def test_a_read_only_folder_is_named_before_any_work(cli, tmp_path, tmpfs, command):
    folder = read_only_folder(tmp_path, tmpfs)
    out = folder / "report.txt"
    result = cli(*WRITERS[command](out, tmp_path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    assert str(folder) in lines[0] and "不可写" in lines[0]
    assert "腾出空间" not in lines[0] and ".shuzhi-" not in lines[0]
    assert Store().list() == []  # refused before a draft was even started
