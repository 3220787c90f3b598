"""Who writes: agreement of ``read_author`` with the hand-labelled ``role`` of the corpus reports.

    PYTHONPATH=src python bench/roles.py            # dev split, with its wrong readings listed
    PYTHONPATH=src python bench/roles.py --list all # every reading that is not exact

Each report's .yaml carries ``role: {secretary, rank}``. A rank reading is

* exact: the label's rank;
* coarse: right band, no 正/副 (乡科级 for 乡科级正职; 县处级 or 国有企业领导人员 for 县处级正职);
* unknown: no rank read (None) — required elements gated on rank turn into warnings;
* wrong, too high across the 县处级副职 line: the dangerous kind, it demands 个人有关事项报告 as
  an error of a 科长;
* wrong, too low across the line: the element is skipped for one who owes it;
* wrong, the rest (on the same side of the line).

Secretary: a 书记 read for a non-书记 (第一责任人 demanded of a 副职) and a 书记 missed.
Only the dev split is listed by report: heldout stays unseen by the rule writers.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.checker.markers import mask_markers  # noqa: E402
from shuzhi.roles import STATE_OWNED, Author, rank_level, read_author  # noqa: E402

LINE = rank_level("县处级副职")  # 《领导干部报告个人有关事项规定》: 县处级副职以上
_BANDS = {"乡科级": ("乡科级正职", "乡科级副职"), "县处级": ("县处级正职", "县处级副职"),
          STATE_OWNED: ("县处级正职", "县处级副职")}


def rank_verdict(label: str, read: str | None) -> str:
    if read == label:
        return "exact"
    if read is None:
        return "unknown"
    if label in _BANDS.get(read, ()):
        return "coarse"
    if {label, read} == {"其他", "一般干部"}:
        return "exact"  # both level 0, outside every 班子: no element tells them apart
    high, low = rank_level(read) >= LINE, rank_level(label) >= LINE
    if high and not low:
        return "wrong: too high across the line"
    if low and not high:
        return "wrong: too low across the line"
    return "wrong: same side of the line"


def secretary_verdict(label: bool, author: Author) -> str:
    read = "secretary" in author.kinds
    if read == label:
        return "agree"
    return "wrong: 书记 read for a non-书记" if read else "missed: a 书记 not read"


def read_split(split: str) -> list[tuple[str, dict, Author]]:
    out = []
    for meta_file in sorted((ROOT / "tests/data/corpus" / split).glob("*.yaml")):
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
        text = meta_file.with_suffix(".txt").read_text(encoding="utf-8")
        author = read_author(mask_markers(text), text.splitlines()[0], None)
        out.append((meta_file.stem, meta["role"], author))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    parser.add_argument("--list", default="wrong", choices=["wrong", "all", "none"],
                        help="dev only: list wrong readings (default), every inexact one, or none")
    args = parser.parse_args()
    start = time.process_time()
    rows = read_split(args.split)
    cpu = time.process_time() - start
    ranks = Counter(rank_verdict(role["rank"], a.rank) for _, role, a in rows)
    secretaries = Counter(secretary_verdict(role["secretary"], a) for _, role, a in rows)
    print(f"{args.split}: {len(rows)} reports, read in {cpu * 1000 / len(rows):.2f} ms CPU each")
    for name in ("exact", "coarse", "unknown", "wrong: too high across the line",
                 "wrong: too low across the line", "wrong: same side of the line"):
        print(f"  rank {name:34} {ranks[name]:4}")
    for name in ("agree", "wrong: 书记 read for a non-书记", "missed: a 书记 not read"):
        print(f"  secretary {name:31} {secretaries[name]:4}")
    if args.split != "dev" or args.list == "none":
        return
    for stem, role, author in rows:
        rank, secretary = rank_verdict(role["rank"], author.rank), secretary_verdict(role["secretary"], author)
        shown = rank.startswith("wrong") or secretary != "agree" or (args.list == "all" and rank != "exact")
        if shown:
            print(f"{stem[:28]:28} label {role['rank']}{'·书记' if role['secretary'] else ''}"
                  f" → {author.rank}{'·书记' if 'secretary' in author.kinds else ''} [{rank}; {secretary}]"
                  f" posts: {' | '.join(p[:40] for p in author.posts)}")


if __name__ == "__main__":
    main()
