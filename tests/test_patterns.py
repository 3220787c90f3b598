"""Patterns compiled once per machine (shuzhi.patterns): the same pattern as re's, whether
compiled now or read from the cache a previous run left, and never an error from the cache."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT = "（一）本人带头学习《中国共产党纪律处分条例》12次，局党组研究“三重一大”事项8项；abc ABC 2024年。"
CASES = [  # (pattern, flags): the kinds the checker's data has
    ("(?P<who>我|本人)[^。；\n]{0,20}(?P<n>\\d+)次", 0),
    ("[\u4e00-\u9fff]{2,4}(?=事项)", 0),
    ("(?<![副])局党组|《[^《》]{4,40}?(条例|规定)》", 0),
    ("(\\d)\\d*(?:年)", 0),
    ("abc", re.IGNORECASE),
    ("^（[一二三四五六七八九十]+）", re.MULTILINE),
    ("“([^”]+)”", 0),
]


def same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.groupdict() or m.groups() or m.group() for m in a.finditer(TEXT)] == \
           [m.groupdict() or m.groups() or m.group() for m in b.finditer(TEXT)]
    assert a.sub("※", TEXT) == b.sub("※", TEXT)


RUN = """
import json, re, sys
from re import _compiler
from shuzhi import patterns
cases = json.loads(sys.argv[1])
if sys.argv[2] == "cached":  # the second run must not compile at all
    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")
    _compiler.compile = refuse
    patterns._afresh = lambda key: refuse()
print(json.dumps([[m.span() for m in patterns.compile(p, f).finditer(sys.argv[3])] for p, f in cases]))
"""


def run(tmp_path: Path, mode: str) -> subprocess.CompletedProcess:
    cases = json.dumps([[p, int(f)] for p, f in CASES])
    return subprocess.run([sys.executable, "-c", RUN, cases, mode, TEXT], capture_output=True, text=True,
                          env={"SHUZHI_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}, timeout=60)


def test_a_pattern_is_compiled_once_per_machine_and_matches_as_re_s(tmp_path):
    first = run(tmp_path, "fresh")
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache").glob("patterns-*.pickle")), "the first run keeps what it compiled"
    second = run(tmp_path, "cached")
    assert second.returncode == 0, second.stderr
    expected = [[list(m.span()) for m in re.finditer(p, TEXT, f)] for p, f in CASES]
    assert json.loads(first.stdout) == json.loads(second.stdout) == expected


@pytest.mark.parametrize(("source", "flags"), CASES)
def test_compiled_afresh_and_from_the_cache_it_is_re_s_pattern(source, flags, monkeypatch, tmp_path):
    from shuzhi import patterns

    monkeypatch.setenv("SHUZHI_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_compiled", {})
    patterns._kept.cache_clear()
    same(patterns.compile(source, flags), re.compile(source, flags))
    patterns._save(patterns._kept())
    monkeypatch.setattr(patterns, "_compiled", {})
    patterns._kept.cache_clear()
    assert (source, int(flags)) in patterns._kept().programs
    same(patterns.compile(source, flags), re.compile(source, flags))
    patterns._kept.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated", "wrong program"])
def test_a_damaged_cache_is_compiled_past(damage, monkeypatch, tmp_path):
    from shuzhi import patterns

    monkeypatch.setenv("SHUZHI_HOME", str(tmp_path))
    source, flags = CASES[0]
    assert run(tmp_path, "fresh").returncode == 0
    (kept,) = (tmp_path / "cache").glob("patterns-*.pickle")
    if damage == "truncated":
        kept.write_bytes(kept.read_bytes()[:40])
    elif damage == "wrong program":  # a program the matcher must refuse, under the pattern's key
        import pickle

        programs = pickle.loads(kept.read_bytes())
        flags_, code, groups, groupindex, indexgroup = programs[source, flags]
        programs[source, flags] = (flags_, code[:8], groups, groupindex, indexgroup)
        kept.write_bytes(pickle.dumps(programs))
    else:
        kept.write_bytes(damage)
    monkeypatch.setattr(patterns, "_compiled", {})
    patterns._kept.cache_clear()
    same(patterns.compile(source, flags), re.compile(source, flags))
    patterns._kept.cache_clear()


def test_a_pattern_re_rejects_is_rejected_alike():
    from shuzhi import patterns

    with pytest.raises(re.error):
        patterns.compile("(未闭合")
