"""The update's data, loaded once: the word lists it reads last year's report by
(``data/words.yaml``) and the offline text of the parts it writes (``data/parts.yaml``)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@cache
def words() -> dict:
    return yaml.safe_load((DATA / "words.yaml").read_text(encoding="utf-8"))


def any_of(key: str) -> re.Pattern[str]:
    """A pattern matching any word of list ``key``."""
    return re.compile("|".join(map(re.escape, words()[key])))


def has_any(text: str, key: str) -> bool:
    return any(word in text for word in words()[key])


@cache
def part(name: str) -> dict:
    """A part an update writes (rectification, issues, plans): its offline text, heading …"""
    return yaml.safe_load((DATA / "parts.yaml").read_text(encoding="utf-8"))[name]
