"""Regular expressions compiled where they are first used, not when the checker is imported.

``shuzhi check`` starts a fresh process for one document, and re takes about a millisecond to
compile a class of Chinese characters (it builds a table of every character in the range): the
patterns that only some documents need wait until one does.
"""

from __future__ import annotations

from typing import Any

from shuzhi.patterns import compile as compile_pattern


class Lazy:
    """A regular expression compiled where it is first used, not when the checker is imported
    (``shuzhi check`` starts fast); from then on its methods are the compiled pattern's own."""

    _KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split", "groups")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        compiled = compile_pattern(self._source, self._flags)
        for kept in self._KEPT:
            setattr(self, kept, getattr(compiled, kept))
        return getattr(compiled, name)
