"""What the review costs on a draft full of small mistakes: the sample drafted offline with N
half-width commas added across its sections, then fixed by 全部修正 (one call) against fixing
them one 修正 at a time (each click re-checks the report, as the page does), side by side in
one run; and the review's own work per page draw (placing, numbering, stale facts).

    python bench/review.py [N]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("SHUZHI_HOME", tempfile.mkdtemp(prefix="shuzhi-bench-"))

from shuzhi.drafting import get_drafter  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.freshness import mismatches  # noqa: E402
from shuzhi.review import items  # noqa: E402
from shuzhi.session import DraftSession  # noqa: E402


def draft_with_commas(n: int) -> DraftSession:
    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"))
    session.draft_all(get_drafter("offline"))
    targets = [s for s in session.draftable() if s.text]
    for i, section in enumerate(targets):
        extra = "".join(f"第{k}项工作扎实推进,成效明显。" for k in range(n * (i + 1) // len(targets) - n * i // len(targets)))
        session.edit(section.id, section.text + "\n" + extra)
    return session


def fixable_count(session: DraftSession) -> int:
    return sum(1 for f in session.check().findings if f.finding.fixable)


def main(n: int) -> None:
    one = draft_with_commas(n)
    print(f"{fixable_count(one)} findings with an exact fix in {len(one.draft.assemble())} characters")
    start = time.perf_counter()
    changed = one.apply_all_fixes(one.check().findings)
    all_at_once = time.perf_counter() - start
    print(f"全部修正: {all_at_once * 1000:.0f} ms, {changed} sections saved, {fixable_count(one)} left")

    each = draft_with_commas(n)
    start, clicks = time.perf_counter(), 0
    while True:
        fixes = [f for f in each.check().findings if f.finding.fixable and f.paragraph is not None]
        if not fixes or not each.apply_fix(fixes[0]):
            break
        clicks += 1
    one_by_one = time.perf_counter() - start
    print(f"修正 one at a time: {one_by_one * 1000:.0f} ms for {clicks} clicks, {fixable_count(each)} left")
    print(f"ratio: {one_by_one / all_at_once:.0f}× (and {clicks} page re-runs a user waits through)")

    start = time.perf_counter()
    result = one.check()
    checked = time.perf_counter() - start
    start = time.perf_counter()
    items(one.draft, result.findings)
    mismatches(one.draft, one.template)
    placed = time.perf_counter() - start
    print(f"per page draw: check {checked * 1000:.1f} ms, numbering + stale facts {placed * 1000:.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
