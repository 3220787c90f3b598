"""Fixtures for the reliability tests: a tiny filesystem that fills up or turns read-only,
a database another process holds locked, and the sample facts as a stored draft."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from shuzhi.facts import load_facts
from shuzhi.templates import load_template

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"


@pytest.fixture
def facts():
    return load_facts(SAMPLE_FACTS)


@pytest.fixture
def template(facts):
    return load_template(facts.template)


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def tmpfs(tmp_path) -> Iterator:
    """``tmpfs(size)`` mounts a tmpfs of that size (as root) and returns its path; every
    mount is undone at teardown. Skips when mounting is not possible here."""
    mounted: list[Path] = []

    def mount(size: str = "64k") -> Path:
        if not can_mount():
            pytest.skip("需要 root 才能挂载 tmpfs（测试磁盘已满/只读）")
        path = tmp_path / f"tmpfs-{uuid.uuid4().hex[:8]}"
        path.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"无法挂载 tmpfs：{result.stderr.strip()}")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)


@contextmanager
def write_locked(db_file: Path) -> Iterator[None]:
    """Another program holds the SQLite write lock (as a long transaction would)."""
    other = sqlite3.connect(db_file, isolation_level=None, timeout=5)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def sqlite_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))
