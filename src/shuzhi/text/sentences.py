"""A paragraph cut into sentences.

A sentence runs to its end mark (。！？, also half-width ! ?) and takes a closing quote after
it (他说：“好。”). ``clauses=True`` cuts at ；too — the items of 一是…；二是…；.
"""

from __future__ import annotations

from collections.abc import Iterator

from shuzhi.patterns import compile as compile_pattern

_ENDS = "。！？!?"
_CLAUSE_ENDS = _ENDS + "；;"
_CLOSERS = "”’」』"
_PATTERNS = {clauses: compile_pattern(rf"[^{ends}\n]+[{ends}]*[{_CLOSERS}]?")
             for clauses, ends in ((False, _ENDS), (True, _CLAUSE_ENDS))}


def sentence_spans(text: str, clauses: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; a line break always ends one."""
    for m in _PATTERNS[clauses].finditer(text):
        yield m.span()


def sentences(text: str, clauses: bool = False) -> list[str]:
    """The sentences of ``text`` (those not only blank), as written."""
    return [s for s in (text[a:b] for a, b in sentence_spans(text, clauses)) if s.strip()]
