"""What a report type must contain: an ``Element`` (its signals, who must write it, where),
and the shared library of them in ``data/elements.yaml`` that templates ``use:``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shuzhi.patterns import compile as compile_pattern

if TYPE_CHECKING:
    from shuzhi.roles import Author

ELEMENTS_FILE = Path(__file__).resolve().parents[1] / "data" / "elements.yaml"
Demand = Literal["required", "check", "skip"]  # what an element asks of one author
_DEMAND: dict[str, Demand] = {"warning": "check", "skip": "skip"}  # ``others`` / ``unknown`` as a demand


class Element(BaseModel):
    """An element the report type must contain, the signals that show it is covered, and who
    must write it. ``use: <key>`` takes every field from ``data/elements.yaml``; the template's
    own fields override them and its own ``signals`` are added to theirs."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    severity: Literal["error", "warning", "info"] = "error"
    basis: str
    signals: list[str] = Field(min_length=1)
    optional: bool = False  # at most a warning (templates written before roles existed)
    note: str = ""
    roles: list[str] = Field(default_factory=list)  # author kinds it is required of; []: everyone
    not_roles: list[str] = Field(default_factory=list)  # kinds whose duty is another (书记: 第一责任人)
    min_rank: str | None = None  # the lowest rank it is required of; None: every rank
    # the lowest rank for an author who holds only these of ``roles`` (a 副院长 of a county
    # hospital who sits on no 党委: 民主集中制 from 县处级副职 up)
    rank_of: dict[str, str] = Field(default_factory=dict)
    others: Literal["skip", "warning"] = "skip"  # an author known to be outside roles / min_rank
    unknown: Literal["skip", "warning"] = "warning"  # the author's post or rank cannot be told
    where: str = "anywhere"  # a part of the report (data/elements.yaml parts) or anywhere
    covered_by_heading: bool = False  # a non-empty section of that part covers it by itself
    asked: bool = False  # only when asked: the title names it (ask_title) or the unit requires it
    ask_title: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _use_library(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "use" not in data:
            return data
        data = dict(data)
        key = data.pop("use")
        library = element_library()["elements"]
        if key not in library:
            raise ValueError(f"未知的要素“{key}”（可用：{'、'.join(library)}）")
        own = data.pop("signals", None) or []
        merged = {**library[key], **data}
        merged["signals"] = list(dict.fromkeys([*library[key]["signals"], *own]))
        return merged

    @model_validator(mode="after")
    def _fields_known(self) -> Element:
        for signal in [*self.signals, *([self.ask_title] if self.ask_title else [])]:
            if _plain(signal):
                continue  # a plain word is a valid pattern; compiled when a check first needs it
            try:
                compile_pattern(signal)
            except re.error as exc:
                raise ValueError(f"信号“{signal}”不是有效的正则表达式：{exc}") from None
        from shuzhi import roles

        unknown = [r for r in self.roles + self.not_roles + list(self.rank_of) if r not in roles.kind_ids()]
        if unknown:
            raise ValueError(f"未知的角色“{'、'.join(unknown)}”（可用：{'、'.join(roles.kind_ids())}）")
        for rank in [self.min_rank, *self.rank_of.values()]:
            if rank is not None and rank not in roles.rank_ids():
                raise ValueError(f"未知的级别“{rank}”（可用：{'、'.join(roles.rank_ids())}）")
        parts = element_library()["parts"]
        if self.where != "anywhere" and self.where not in parts:
            raise ValueError(f"未知的位置“{self.where}”（可用：anywhere、{'、'.join(parts)}）")
        return self

    @cached_property
    def ordered_signals(self) -> tuple[str, ...]:
        # plain words first: re finds a word in a few µs, and tries a pattern that opens with an
        # alternation position by position
        return tuple(sorted(self.signals, key=lambda s: not _plain(s)))

    @property
    def patterns(self) -> Iterator[re.Pattern[str]]:
        """The signals compiled, plain words first, each compiled only when reached (most
        elements are found by one of their first words)."""
        return map(compile_pattern, self.ordered_signals)

    def found_in(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)

    def demand(self, author: Author, title: str = "", require: tuple[str, ...] = ()) -> Demand:
        """What this element asks of this author: "required", "check" (a 请核实 warning) or "skip".

        Asked-only elements (述法) are skipped unless the title or the unit asks for them. Then
        the author's kind and rank are compared with ``roles`` / ``min_rank`` (or ``rank_of`` his
        one kind of them): outside them is
        ``others``; cannot be told is ``unknown``. The weaker verdict of the two wins. An author
        holding one of ``not_roles`` is skipped (a 书记 who is also 校长 writes 第一责任人, not
        “一岗双责”)."""
        if self.asked and self.id not in require and not (self.ask_title and re.search(self.ask_title, title)):
            return "skip"
        if author.kinds & set(self.not_roles):
            return "skip"
        verdicts: list[Demand] = []
        if self.roles:
            if not author.kinds:
                verdicts.append(_DEMAND[self.unknown])
            else:
                verdicts.append("required" if author.kinds & set(self.roles) else _DEMAND[self.others])
        least, held = self.min_rank, author.kinds & set(self.roles)
        if least is None and len(held) == 1 and (kind := next(iter(held))) in self.rank_of:
            least = self.rank_of[kind]
        if least:
            from shuzhi.roles import rank_level

            if author.level is None:
                verdicts.append(_DEMAND[self.unknown])
            else:
                verdicts.append("required" if author.level >= rank_level(least) else _DEMAND[self.others])
        return min(verdicts, key=("skip", "check", "required").index, default="required")


def _plain(signal: str) -> bool:
    return re.escape(signal) == signal


@cache
def element_library() -> dict:
    """``data/elements.yaml``: the shared elements (``use:`` in a template), parts, generic set."""
    from shuzhi.datafiles import load_yaml

    return load_yaml(ELEMENTS_FILE)


def generic_elements() -> list[Element]:
    """What any report can be asked to contain when its type cannot be told (warnings only)."""
    return [Element.model_validate({"use": key, "severity": "warning"})
            for key in element_library()["generic"]]
