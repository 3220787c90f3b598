"""Regular expressions compiled once per machine, not once per run.

``shuzhi check`` starts a fresh process for each document, and its data has several hundred
patterns; re spends most of a millisecond on each that has a class of Chinese characters (it
builds a table of the whole range), which was about 40 % of a cold check. What re compiles a
pattern into — the program its matcher runs, a list of integers — is kept in the cache
directory beside the parsed data files (``datafiles``), one file per Python build, and a
pattern found there goes straight to the matcher. The matcher checks a program before it takes
it: a damaged entry raises, and the pattern is compiled anew. Where re's compiler cannot be
reached this way (another Python, a change in re's internals) each pattern is compiled by re,
as before: only slower.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import re
import sys
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from shuzhi.datafiles import cache_dir, read_plain, store_plain

try:
    import _sre  # type: ignore[import-not-found]  # re's matcher, CPython's
except ImportError:  # another Python: every pattern compiled by re
    _sre = None

_Program = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]  # flags, code, groups, names
_FORMAT = 1  # bump when what is stored changes
_KEEP = 5000  # more than this kept (patterns of data edited away): keep this run's only

_compiled: dict[tuple[str, int], re.Pattern[str]] = {}


@dataclass
class _Kept:
    path: Path
    programs: dict[tuple[str, int], _Program]  # from earlier runs
    new: dict[tuple[str, int], _Program] = field(default_factory=dict)  # this run's


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from this machine's cache where it was compiled before."""
    key = (source, int(flags))
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = _compiled[key] = _from_cache(key) or _afresh(key)
    return pattern


def _from_cache(key: tuple[str, int]) -> re.Pattern[str] | None:
    program = _kept().programs.get(key)
    if program is None:
        return None
    flags, code, groups, groupindex, indexgroup = program
    try:
        return _sre.compile(key[0], flags, array("I", code).tolist(), groups, groupindex, indexgroup)
    except Exception:  # damaged, or from a re that reads programs otherwise: compile instead
        return None


def _afresh(key: tuple[str, int]) -> re.Pattern[str]:
    """Compiled the way ``re._compiler.compile`` does, keeping the program on the way; where
    that is not possible, by re itself (a pattern re rejects raises re.error here too)."""
    source, flags = key
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        names = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in names.items():
            indexgroup[index] = name
        program: _Program = (int(flags | parsed.state.flags), array("I", code).tobytes(),
                             parsed.state.groups - 1, dict(names), tuple(indexgroup))
        pattern = _sre.compile(source, program[0], code, *program[2:])
    except re.error:
        raise
    except Exception:
        return re.compile(source, flags)
    _kept().new[key] = program
    return pattern


def _cache_file() -> Path:
    """One file per Python build: programs are re's internal form, and change with it."""
    tag = f"{_FORMAT}\0{sys.implementation.name}\0{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0{sys.maxunicode}"
    return cache_dir() / f"patterns-{hashlib.sha256(tag.encode()).hexdigest()[:16]}.pickle"


@cache
def _kept() -> _Kept:
    kept = _Kept(_cache_file(), {})
    if _sre is not None and sys.implementation.name == "cpython":
        with contextlib.suppress(Exception):  # absent, truncated, not plain data: start empty
            kept.programs = dict(read_plain(kept.path))
        atexit.register(_save, kept)
    return kept


def _save(kept: _Kept) -> None:
    if not kept.new:
        return
    programs = kept.programs
    if len(programs) + len(kept.new) > _KEEP:
        programs = {k: v for k, v in programs.items() if k in _compiled}
    store_plain(kept.path, {**programs, **kept.new})
    kept.programs, kept.new = {**programs, **kept.new}, {}
