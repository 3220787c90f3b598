"""Which template section a record's words belong to: the template's signals.

Each section a facts file can hold (one whose ``facts`` names ``sections.<id>``) has signal
words: those in data/signals.yaml for the template, else words from its heading, purpose and
gap. A text goes to the section whose words it contains most, longer words weighing more;
ties go to the earlier section. The figures table's 部分 column names a section by heading
or id and needs no signals.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from shuzhi.facts import source_section
from shuzhi.templates import Template

SIGNALS_FILE = Path(__file__).parent / "data" / "signals.yaml"
_PUNCT = re.compile(r"[\s，,。、；;：:“”‘’「」《》（）()！？!?—…·]+")
_STOP = ("入手", "情况", "方面", "工作", "提高", "加强", "推进", "深化", "持续", "扎实", "履行", "创设")


@cache
def _signal_data() -> dict:
    return yaml.safe_load(SIGNALS_FILE.read_text("utf-8")) or {}


def fact_sections(template: Template) -> list[str]:
    """Ids of the sections that hold items and figures, in reading order."""
    out = []
    for spec in template.walk():
        for key in spec.facts:
            sid = source_section(key)
            if sid and sid not in out:
                out.append(sid)
    return out


class Sections:
    """The sections of one template a record's text can be assigned to."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.ids = fact_sections(template)
        specs = {s.id: s for s in template.walk()}
        listed = _signal_data().get(template.id) or {}
        self.signals: dict[str, list[str]] = {}
        for sid in self.ids:
            words = listed.get(sid) or (_words(specs[sid]) if sid in specs else [])
            self.signals[sid] = sorted(set(words), key=len, reverse=True)
        self.headings = {_key(specs[sid].heading): sid for sid in self.ids if sid in specs}

    def assign(self, *texts: str) -> str | None:
        """The section of the first text that has any signal (a clause, then its sentence,
        then its line); None when none has."""
        for text in texts:
            best, score = None, (0, 0)
            for sid in self.ids:
                hits = [w for w in self.signals[sid] if w in text]
                # more signal, then the signal that comes first in the text
                points = (sum(map(len, hits)), -min((text.index(w) for w in hits), default=0))
                if hits and points > score:
                    best, score = sid, points
            if best:
                return best
        return None

    def named(self, text: str) -> str | None:
        """The section a 部分 cell names: its heading (in full or in part) or its id."""
        key = _key(text)
        if not key:
            return None
        if key in self.ids:
            return key
        if key in self.headings:
            return self.headings[key]
        return next((sid for heading, sid in self.headings.items() if key in heading or heading in key), None)


def _key(text: str) -> str:
    return _PUNCT.sub("", str(text or ""))


def _words(spec) -> list[str]:
    """Signal words of a section from its own text: the phrases of its heading, purpose and gap."""
    words = []
    for phrase in _PUNCT.split(f"{spec.heading}，{spec.purpose}，{spec.gap}"):
        word = re.sub("|".join(_STOP), "", phrase)
        if 2 <= len(word) <= 8:
            words.append(word)
    return words
