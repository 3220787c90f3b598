"""How much of this year's facts reaches an updated draft, and how much of last year stays.

    .venv/bin/python bench/update.py                      # this tree's shuzhi.update, offline
    git show 309e0f1:src/shuzhi/update.py > /tmp/old_update.py
    .venv/bin/python bench/update.py --old /tmp/old_update.py   # the update mode before #17

Per pair of tests/data/update: truth.yaml's must_reach keys found in the text (the title, the
date — only the .docx export signs, so the text never has it — events, items, figures, honours,
integrity, shortcomings, plans), last year's must_not_remain phrases left outside
【上年内容，请核对：…】 (the 上年问题 part quotes last year's 不足 on purpose), and the
`stale-reference` errors of `shuzhi check --year Y`. Then the issue's own case
(samples/report-2022.txt with tests/data/facts-2023.yaml): how many of this year's facts
reach the draft, and the stale-reference errors.
"""

from __future__ import annotations

import argparse
import importlib.util
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


def load(facts_path: Path, old: bool):
    from shuzhi.facts import parse_facts

    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    if old:
        data.pop("previous_issues", None)  # not a field before #17
    return parse_facts(yaml.safe_dump(data, allow_unicode=True), str(facts_path))


def sample_things(facts) -> list[str]:
    """Everything the issue's 2023 facts say, as a draft writes it."""
    from shuzhi.drafting.offline import fill_references

    things = [*facts.events, *facts.integrity, *facts.shortcomings, *facts.plans]
    for section in facts.sections.values():
        things += [fill_references(item, section.figures)[0] for item in section.items]
        things += [f"{f.name}{f.value_text()}" for f in section.figures if f.filled]
    return things


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, help="an older update.py to measure instead")
    args = parser.parse_args()
    if args.old:
        spec = importlib.util.spec_from_file_location("old_update", args.old)
        module = sys.modules["old_update"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    else:
        import shuzhi.update as module

    def update(last: Path, facts_path: Path):
        facts = load(facts_path, bool(args.old))
        return module.update_report(last.read_text(encoding="utf-8"), facts).draft.assemble(), facts

    for folder in sorted(p for p in PAIRS.iterdir() if p.is_dir()):
        truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
        text, facts = update(folder / truth["last_report"], folder / truth["facts"])
        keys = reach_keys(truth)
        left, phrases = unmarked(truth, text)
        print(f"{folder.name:24} reach {sum(k in text for k in keys)}/{len(keys)}"
              f"  last-year phrases unmarked {left}/{phrases}  stale errors {stale_errors(text, facts.year)}")
    text, facts = update(ROOT / "samples" / "report-2022.txt", ROOT / "tests" / "data" / "facts-2023.yaml")
    things = sample_things(facts)
    found = sum(t.rstrip("。") in MARKED.sub("", text) for t in things)
    print(f"{'samples/report-2022':24} facts reaching the draft {found}/{len(things)}"
          f"  stale errors {stale_errors(text, facts.year)}")


if __name__ == "__main__":
    main()
