"""The word lists of ``update/data/words.yaml``, loaded once, as the patterns the update uses."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "words.yaml"


@cache
def words() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def any_of(key: str) -> re.Pattern[str]:
    """A pattern matching any word of list ``key``."""
    return re.compile("|".join(map(re.escape, words()[key])))


def has_any(text: str, key: str) -> bool:
    return any(word in text for word in words()[key])
