"""Who is writing a report: the kind of post its author holds (党组织书记, 纪检监察干部, 班子副职,
行政正职 …) and the author's rank (县处级副职 …).

Read from ``facts.posts`` when facts are given, else from the author's own words
("本人作为学院党委书记", "作为分管教学的副院长", a title that names the post). The checker uses
it to decide which elements a report must contain (第一责任人 only for a 书记); drafting uses
it to tell the model what to write. Data: ``data/roles.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.headings import match_number
from shuzhi.text.paragraphs import paragraphs

DATA_FILE = Path(__file__).resolve().parent / "data" / "roles.yaml"
# 和/及 join two posts (党委书记和校长) only after a post's last character: in 住房和城乡建设局,
# 发展和改革委员会 they are part of the unit's name.
_SPLIT = compile_pattern(r"[、，,/／]|兼任?|(?<=[长记任员理席])(?:和|及)|暨|以及|也是|又是|同时")
STATE_OWNED = "国有企业领导人员"
_SCAN = 3000  # the author introduces himself early; the rest is about others' posts
_NOT_BYLINE = compile_pattern(r"[。，；！？：:,;]|报告|总结|\d{4}年")


@dataclass(frozen=True)
class Author:
    """What is known of the author. Empty ``kinds`` / ``rank=None``: it cannot be told."""

    kinds: frozenset[str] = frozenset()
    rank: str | None = None
    posts: tuple[str, ...] = ()
    source: str = ""  # "facts", "text", "template" or "" (nothing known)

    @property
    def level(self) -> int | None:
        return rank_level(self.rank) if self.rank else None

    def describe(self) -> str:
        """述职人为党组织书记、县处级副职 — for messages."""
        names = [kind_name(k) for k in sorted(self.kinds)]
        if self.rank:
            names.append(self.rank)
        return "、".join(names)


@cache
def _data() -> dict:
    from shuzhi.datafiles import load_yaml

    data = load_yaml(DATA_FILE)
    return {
        "kinds": {k: (v["name"], _either(v["patterns"])) for k, v in data["kinds"].items()},
        "ranks": [(r["rank"], r["level"], *_by_county(r["patterns"], data["not_county"])) for r in data["ranks"]],
        "self": [(compile_pattern(p), "") if isinstance(p, str) else (compile_pattern(p["pattern"]), p["needs"])
                 for p in data["self"]],
        "rank_words": [(compile_pattern(w["pattern"]), w.get("rank")) for w in data["rank_words"]],
        "not_state_owned": compile_pattern(data["not_state_owned"]),
        "not_a_post": compile_pattern(data["not_a_post_title"]),
    }


def _either(patterns: list[str]) -> re.Pattern[str]:
    return compile_pattern("|".join(f"(?:{p})" for p in patterns))


def _by_county(patterns: list[str], not_county: list[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A rank's patterns as two: those that open with (县|区), tried only on a post that names a
    县 or a 区 (most of a rank's patterns, and re tries each from every character), and the rest.
    Their 区 is no 小区 or 社区 (``not_county``)."""
    district = "".join(f"(?<!{word[:-1]})" for word in not_county) + "区"
    county = [f"(县|{district}){p[len(_COUNTY):]}" for p in patterns if p.startswith(_COUNTY)]
    rest = [p for p in patterns if not p.startswith(_COUNTY)]
    return (_either(rest) if rest else None), (_either(county) if county else None)


_COUNTY = "(县|区)"


def kind_ids() -> list[str]:
    return list(_data()["kinds"])


def kind_name(kind: str) -> str:
    return _data()["kinds"][kind][0]


def rank_ids() -> list[str]:
    return [r for r, *_ in _data()["ranks"]]


def rank_level(rank: str) -> int:
    return next(level for r, level, *_ in _data()["ranks"] if r == rank)


def post_kind(post: str) -> str | None:
    """The kind of one post: the first kind whose pattern matches (see roles.yaml)."""
    for kind, (_name, pattern) in _data()["kinds"].items():
        if pattern.search(post):
            return kind
    return None


def post_rank(post: str) -> str | None:
    """The rank of one post: the first rank whose pattern matches (see roles.yaml)."""
    return next(_ranks_of(post), None)


def _ranks_of(post: str) -> Iterator[str]:
    county = "县" in post or "区" in post
    for rank, _level, rest, of_county in _data()["ranks"]:
        if (rest is not None and rest.search(post)) or (county and of_county is not None and of_county.search(post)):
            yield rank


def split_posts(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text) if p.strip()]


def author_from_posts(posts: list[str] | tuple[str, ...], source: str = "facts") -> Author:
    parts = [p for post in posts for p in split_posts(post)]
    kinds = frozenset(k for k in map(post_kind, parts) if k)
    # a rank from each post and from the posts together: 县人民法院党组成员、副院长 is a 副院长 of a
    # court. Together, every rank they match counts, not the first: in 市人民政府副秘书长、办公室党组书记、
    # 主任 the 副秘书长 does not hide the 主任 of the 市政府办公室.
    together = [r for post in posts if post not in parts for r in _ranks_of(post)]
    ranks = [r for r in map(post_rank, dict.fromkeys(parts)) if r] + together
    rank = max(ranks, key=rank_level) if ranks else None
    return Author(kinds, rank, tuple(posts), source if kinds or rank else "")


def author_from_text(text: str, title: str = "") -> Author:
    """The posts the author names for himself — in the title, a byline under it, or his own
    words ("本人作为…") — and rank words about him or the report's scope."""
    head = text[:_SCAN]
    # a speech's title names the meeting (在乡镇党委书记抓基层党建工作述职评议会议上的讲话), not the speaker
    posts = [title] if title and not _data()["not_a_post"].search(title) else []
    posts += bylines(text)
    posts += [m.group("post") for pattern, needs in _data()["self"] if needs in head for m in pattern.finditer(head)]
    found = author_from_posts(posts, source="text")
    if found.rank == STATE_OWNED and _data()["not_state_owned"].search(head):
        return Author(found.kinds, "其他", found.posts, "text")
    if found.rank is not None:
        return found
    for pattern, rank in _data()["rank_words"]:
        match = pattern.search(head)
        if match:
            return Author(found.kinds, rank or _rank_word(match.group(1)), found.posts, "text")
    return found


def bylines(text: str) -> list[str]:
    """Short lines near the top or the end that only name a post and a person
    ("机械工程学院党委书记　周启明"): no sentence punctuation, not a heading or a salutation."""
    lines = paragraphs(text)
    out = []
    for line in lines[:3] + lines[-3:]:
        if len(line) <= 60 and not _NOT_BYLINE.search(line) and match_number(line) is None:
            out.append(line)
    return out


def _rank_word(word: str) -> str | None:
    band = "县处级" if "处" in word or "县" in word else "乡科级"
    if word.startswith("正"):
        return band + "正职"
    if word.startswith("副"):
        return band + "副职"
    return band


def read_author(text: str, title: str = "", facts=None) -> Author:
    """From ``facts.posts`` when facts name any; else from the text."""
    if facts is not None and facts.posts:
        author = author_from_posts(facts.posts)
        if author.kinds or author.rank:
            return author
    return author_from_text(text, title)
