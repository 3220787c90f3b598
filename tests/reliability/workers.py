"""An app-like process for the concurrency tests: it edits sections of stored drafts the way
a browser tab does (load, change, save; on a conflict reload and apply the edit again).

    python -m tests.reliability.workers URL TAG ROUNDS DRAFT_ID:SECTION[,SECTION] ...

It waits for one line on stdin before starting, so that all workers write at once, and
prints {"saves": n, "conflicts": n} as JSON.
"""

from __future__ import annotations

import json
import sys

from shuzhi.store import ConflictError, Store


def edit(store: Store, draft_id: str, section_id: str, text: str) -> int:
    """Save ``text`` as a new version; returns how many conflicts it took."""
    conflicts = 0
    while True:
        section = store.get(draft_id).section(section_id)
        section.add_version(text, "edit")
        try:
            store.save_section(draft_id, section)
            return conflicts
        except ConflictError:
            conflicts += 1  # another tab saved first: reload and apply our edit on top


def main(url: str, tag: str, rounds: str, *targets: str) -> None:
    store = Store(url)
    jobs = [(t.split(":")[0], s) for t in targets for s in t.split(":")[1].split(",")]
    sys.stdin.readline()
    saves = conflicts = 0
    for r in range(int(rounds)):
        for draft_id, section_id in jobs:
            conflicts += edit(store, draft_id, section_id, f"{tag}:{section_id}:{r}")
            saves += 1
    print(json.dumps({"saves": saves, "conflicts": conflicts}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
