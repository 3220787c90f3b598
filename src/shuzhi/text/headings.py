"""The one parser of heading numbers: 一、 （一） 一是 1. （1） ① and their variants.

Variants people type: half-width brackets (（一）/(一)), 一． and 一. for 一、, 1、 1． 1） for 1.,
a stray 顿号 after a bracket (（一）、, a GB/T 9704 slip the punctuation rule reports), blanks
inside, indentation, a Markdown ``#`` or ``**bold**`` around the heading. A number must be
followed by text that is not a digit, a unit or a mark, so "1.5万人次", "2022年", "一、" alone
and "1，2，3" are not headings.

``match_number(line)`` says which kind of number a line opens with; what that makes of the
line (a section, an outline level, a point in a list) is the caller's business. The fixed
levels of GB/T 9704-2012 7.3.3 are ``LEVELS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import ORDINAL, cn_to_int

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# (kind, pattern source); its group is the number's value. Order matters: （一） before 一、.
KINDS: list[tuple[str, str]] = [
    ("cn-paren", rf"[（(]\s*({ORDINAL})\s*[）)]\s*、?\s*"),
    ("cn-dun", rf"({ORDINAL})\s*[、．.]\s*"),
    ("ordinal", rf"({ORDINAL})是\s*[，,：:]?\s*"),
    ("arabic-paren", r"[（(]\s*(\d{1,2})\s*[）)]\s*"),
    ("arabic-dot", r"(\d{1,2})\s*(?:[、．]|\.(?!\d)|[）)])\s*"),
    ("circled", rf"([{_CIRCLED}])\s*"),
]
LEVELS = {"cn-dun": 1, "cn-paren": 2, "arabic-dot": 3, "arabic-paren": 4}
# Decoration before a heading's number (indentation, a BOM, a Markdown # or the ** of bold),
# then a character a number can open with: most lines are told "no" by this one pattern.
_LEAD = rf"[ \t\u3000\ufeff]*(?:#{{1,6}}\s+)?(?P<bold>\*\*)?(?=[（(一二三四五六七八九十\d{_CIRCLED}])"
# The lead and every kind in one pattern, tried in KINDS' order (the first kind that matches
# decides, as a loop over KINDS would): one regex call per line. Group 2 + 2k is kind k, the
# group after it its value.
_NUMBER = compile_pattern(_LEAD + "(?:" + "|".join(f"({pattern})" for _, pattern in KINDS) + ")")
_KIND_OF_GROUP = {2 + 2 * k: kind for k, (kind, _) in enumerate(KINDS)}
_NOT_BODY = "，,。、%％）)"  # "1，2", "100%", "（一）" alone
# A heading ending in one of these opens its paragraph ("（一）压紧压实责任。全年召开…").
HEAD_ENDS = "。！？；：!?;:"
RUN_ON_ENDS = "。：；！？"


@dataclass(frozen=True, slots=True)
class Numbered:
    """A line that opens with a heading number."""

    kind: str
    number: str  # as written, without blanks around it: "一、", "(三)", "一是，", "（1）"
    value: int  # 1 for 一、 （一） 一是 1. （1） ①
    body: str  # the rest of the line, without the closing ** of bold
    start: int  # offset of the number in the line as given
    end: int  # offset where the body starts

    @property
    def level(self) -> int | None:
        """The GB/T 9704 level (1 for 一、 … 4 for （1）); None for 一是 and ①."""
        return LEVELS.get(self.kind)


def match_number(line: str) -> Numbered | None:
    """The heading number ``line`` opens with, if any."""
    match = _NUMBER.match(line)
    if match is None:
        return None
    group = match.lastindex or 0
    body = line[match.end():].rstrip()
    if match.group("bold"):
        body = body.removesuffix("**").rstrip()
    if not body or body[0] in _NOT_BODY:
        return None
    written = match.group(group + 1)
    value = _CIRCLED.index(written) + 1 if written in _CIRCLED else \
        int(written) if written.isascii() else cn_to_int(written)
    number = match.group(group).strip()
    return Numbered(_KIND_OF_GROUP[group], number, value or 0, body, match.start(group), match.end())


# 二是、三是… inside a paragraph, after a sentence end.
_INLINE_ORDINAL = compile_pattern(rf"(?<=[。；;！？])\s*({ORDINAL})是")


def inline_ordinals(text: str) -> list[tuple[str, int]]:
    """二是、三是… later in a paragraph that opens with 一是, in sequence (a 四是 after 二是 is
    not one): (number as written, offset where its text starts)."""
    found: list[tuple[str, int]] = []
    for match in _INLINE_ORDINAL.finditer(text):
        if cn_to_int(match.group(1)) == len(found) + 2:
            found.append((match.group(1) + "是", match.end()))
    return found


def without_ordinal(text: str) -> str:
    """A point without its 一是 / 二是，: "一是加强学习" → "加强学习"."""
    found = match_number(text)
    return found.body if found is not None and found.kind == "ordinal" else text


def split_head(body: str) -> tuple[str, str]:
    """Split "压紧压实党建主体责任。坚持…" at its first sentence end: ("…责任。", "坚持…")."""
    end = next((i for i, ch in enumerate(body) if ch in HEAD_ENDS), None)
    if end is None:
        return body, ""
    return body[: end + 1], body[end + 1:].strip()


def runs_on(heading: str) -> bool:
    """Whether a heading ends in a sentence mark and so shares its line (its Word paragraph)
    with the first paragraph of its text, as typed: "（一）压紧压实责任。全年召开……"."""
    return bool(heading) and heading[-1] in RUN_ON_ENDS
