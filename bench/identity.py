"""One sha256 of every finding the checker gives on the benchmark's texts: a speed change must
leave it unchanged.

    python bench/identity.py                      # this checkout's src/
    python bench/identity.py --src OTHER/src      # another checkout's, to compare

The texts: every corpus report (dev and heldout) checked with its year and without (the year
then read off the title), and the injected-defect cases of ``bench/checker.py`` (with their
facts). Only the hash is printed — never a text, so heldout stays unseen.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import sys
from pathlib import Path

# bench/checker.py puts ``--src`` (or this checkout's src/) on sys.path as it is imported.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import checker as bench
import corpus

from shuzhi.checker import check_text


def _record(findings) -> list[dict]:
    """Every field of every finding (offset, fixable and edits too, which JSON output omits)."""
    return [dataclasses.asdict(f) for f in findings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="the shuzhi code to check with (default: this checkout's src/)")
    parser.add_argument("--cases", type=int, default=240)
    parser.add_argument("--seed", type=int, default=20221)
    args = parser.parse_args()
    digest = hashlib.sha256()
    count = 0
    for split in corpus.SPLITS:
        for report in corpus.load(split):
            for year in (report.year, None):
                findings = _record(check_text(report.text, year=year))
                digest.update(json.dumps([report.id, year, findings], ensure_ascii=False).encode())
                count += 1
    reports = bench.clean_reports()
    for case in bench.build_cases(reports, args.cases, random.Random(args.seed)):
        clean = next(r for r in reports if case.name.startswith(r.name))
        findings = _record(check_text(case.text, year=clean.year, facts=case.facts))
        digest.update(json.dumps([case.name, findings], ensure_ascii=False).encode())
        count += 1
    print(f"{count} checks: sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
