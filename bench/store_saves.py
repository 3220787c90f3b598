"""How much autosaving costs: one offline draft of the sample, with and without the store,
and single-section saves per second (SQLite WAL in a temp dir, or SHUZHI_DB if set).

    python bench/store_saves.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("SHUZHI_HOME", tempfile.mkdtemp(prefix="shuzhi-bench-"))

from shuzhi.draft import Draft  # noqa: E402
from shuzhi.drafting import get_drafter  # noqa: E402
from shuzhi.drafting.pipeline import draft_report  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.session import DraftSession  # noqa: E402
from shuzhi.store import Store  # noqa: E402
from shuzhi.templates import load_template  # noqa: E402


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    facts = load_facts(ROOT / "samples" / "facts-2022.yaml")
    template = load_template(facts.template)
    store = Store()
    drafter = get_drafter("offline")

    bare = timed(lambda: draft_report(Draft.new(facts, template), template, drafter), rounds)
    saved = timed(lambda: DraftSession.new(facts, store=store).draft_all(drafter), rounds)
    session = DraftSession.new(facts, store=store)
    counter = iter(range(10**9))
    edit = timed(lambda: session.edit("study", f"第{next(counter)}次修改的正文。"), rounds * 5)
    reload = timed(lambda: DraftSession.open(session.draft.id, store), rounds)

    print(f"database: {store.engine.url.render_as_string(hide_password=True)}")
    print(f"offline draft, no store:            {bare * 1000:8.1f} ms")
    print(f"offline draft, create + autosave:   {saved * 1000:8.1f} ms  ({saved / bare:.1f}× the bare draft)")
    print(f"one section edit saved (a version): {edit * 1000:8.1f} ms  ({1 / edit:.0f} saves/s)")
    print(f"reopen a draft with {len(session.draft.section('study').versions)} versions:    {reload * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
