"""What the parts of ``stale-reference`` share: the rule's identity (``RULE``, handed to
``make``), the sessions data compiled once, and the clause before a match."""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace

from shuzhi.checker.data import load
from shuzhi.text.numerals import NUMERAL_CHARS

ID = "stale-reference"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = SimpleNamespace(ID=ID, SEVERITY=SEVERITY, BASIS=BASIS)

CLAUSE_END = "。；！？\n"
_ANNIVERSARY_NUM = rf"(\d{{1,3}}|[{NUMERAL_CHARS}]{{1,5}})周年"


@cache
def data():
    """``sessions.yaml``, with its anniversaries, campaigns and obsolete formulations compiled."""
    raw = load("sessions")
    anniversaries = [(re.compile(f"(?:{a['pattern']}){_ANNIVERSARY_NUM}"), a["base"])
                     for a in raw["anniversaries"]]
    campaigns = [(re.compile(c["pattern"], re.M), c) for c in raw["campaigns"] + raw["campaign_forms"]]
    obsolete = [(re.compile(o["pattern"]), o) for o in raw["obsolete"]]
    return raw, anniversaries, campaigns, obsolete


def clause_before(text: str, start: int, width: int = 20, ends: str = CLAUSE_END) -> str:
    chunk = text[max(0, start - width):start]
    cut = max(chunk.rfind(ch) for ch in ends)
    return chunk[cut + 1:]
