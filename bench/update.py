"""How much of this year's facts reaches an updated draft, and how much of last year stays.

    .venv/bin/python bench/update.py            # offline, the three pairs in tests/data/update

Per pair: must_reach keys found in the draft (truth.yaml), last year's must_not_remain phrases
left unmarked (outside 【上年内容，请核对：…】), and `stale-reference` errors of
`shuzhi check --year Y` on the draft. Plus the sample the issue names (samples/report-2022.txt
with tests/data/facts-2023.yaml): stale errors only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PAIRS = ROOT / "tests" / "data" / "update"
MARKED = re.compile(r"【上年内容，请核对：[^】]*】")


def reach_keys(truth: dict) -> list[str]:
    reach = truth["must_reach"]
    keys = [reach["title"], reach["date"]]
    for part in ("events", "items", "honours", "integrity", "shortcomings", "plans"):
        keys += [entry["key"] for entry in reach.get(part) or []]
    for values in (reach.get("figures") or {}).values():
        keys += values
    return keys


def unmarked(truth: dict, text: str) -> tuple[int, int]:
    plain = MARKED.sub("", text)
    phrases = [p for s in truth["last_year_sentences"] for p in s.get("must_not_remain") or []]
    return sum(p in plain for p in phrases), len(phrases)


def stale_errors(text: str, year: int) -> int:
    from shuzhi.checker import check_text

    return sum(f.severity == "error" for f in check_text(text, year=year, rules=["stale-reference"]))


def update(last: str, facts_path: Path) -> tuple[str, int]:
    from shuzhi.facts import parse_facts
    from shuzhi.update import update_report

    raw = facts_path.read_text(encoding="utf-8")
    try:
        facts = parse_facts(raw, str(facts_path))
    except Exception:  # a model without previous_issues (before #17)
        data = yaml.safe_load(raw)
        data.pop("previous_issues", None)
        facts = parse_facts(yaml.safe_dump(data, allow_unicode=True), str(facts_path))
    result = update_report(last, facts)
    return result.draft.assemble(), facts.year


def main() -> None:
    for folder in sorted(p for p in PAIRS.iterdir() if p.is_dir()):
        truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
        text, year = update((folder / truth["last_report"]).read_text(encoding="utf-8"), folder / truth["facts"])
        keys = reach_keys(truth)
        found = sum(k in text for k in keys)
        left, phrases = unmarked(truth, text)
        print(f"{folder.name:24} reach {found}/{len(keys)}  last-year phrases unmarked {left}/{phrases}"
              f"  stale errors {stale_errors(text, year)}")
    text, year = update((ROOT / "samples" / "report-2022.txt").read_text(encoding="utf-8"),
                        ROOT / "tests" / "data" / "facts-2023.yaml")
    print(f"{'samples/report-2022':24} stale errors {stale_errors(text, year)}")


if __name__ == "__main__":
    main()
