"""What a run pays before its first request (issue #11): every template text rendered in the
sandbox, and, for a cloud model, the user's material screened and masked.

    .venv/bin/python bench/preflight.py [ROUNDS]

Prints milliseconds per draft (median of ROUNDS) for the sample facts and template, beside
one offline drafting of the whole report measured in the same run. Nothing here is asserted.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.draft import Draft  # noqa: E402
from shuzhi.drafting import get_drafter  # noqa: E402
from shuzhi.drafting.base import SectionRequest  # noqa: E402
from shuzhi.drafting.pipeline import draft_report, render_check, specs_by_id  # noqa: E402
from shuzhi.drafting.prompts import _SYSTEM_CACHE  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.screening import masked_requests, request_material, screen  # noqa: E402
from shuzhi.templates import load_template  # noqa: E402


def median_ms(fn, rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    facts = load_facts(ROOT / "samples" / "facts-2022.yaml")
    template = load_template(facts.template)
    requests = {sid: SectionRequest(template=template, facts=facts, spec=spec, number=number, level=level)
                for sid, (number, level, spec) in specs_by_id(template).items()}
    cases = {
        "render_check, system prompt not cached": lambda: (_SYSTEM_CACHE.clear(), render_check(list(requests.values()))),
        "render_check, cached": lambda: render_check(list(requests.values())),
        "screen (facts, outline, texts)": lambda: screen(request_material(list(requests.values()))),
        "masked_requests": lambda: masked_requests(requests),
        "offline draft of the whole report": lambda: draft_report(Draft.new(facts, template), template,
                                                                  get_drafter("offline")),
    }
    print(f"{len(requests)} sections, median of {rounds} rounds")
    for name, fn in cases.items():
        print(f"  {name:<42} {median_ms(fn, rounds):7.2f} ms")


if __name__ == "__main__":
    main()
