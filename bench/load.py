"""Load: N simulated users, each drafting a full report through the library at the same time,
the way N browser sessions of one app server would (one thread per session, one shared store).

    python bench/load.py                          # offline drafter, N = 1, 10, 50, SQLite
    python bench/load.py --backend fake           # the local fake OpenAI server (separate process)
    python bench/load.py --db postgresql+psycopg://…   # a shared PostgreSQL instead of SQLite
    python bench/load.py --processes 2 --db …     # the N users spread over 2 app-like processes

Prints, per N: wall time, reports/min, sections/s, p50/p95 section latency (start of a
section to its text being saved), save latency p95, and errors. Figures are printed, never
asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.drafting.base import DraftCallback  # noqa: E402


@dataclass
class Timings:
    sections: list[float] = field(default_factory=list)
    saves: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Clock(DraftCallback):
    """Section latency: from the section's start to the end of its save."""

    def __init__(self, timings: Timings):
        self.timings = timings
        self.started: dict[str, float] = {}

    def on_section_start(self, section):
        self.started[section.id] = time.perf_counter()

    def on_section_failed(self, section, error):
        with self.timings.lock:
            self.timings.errors.append(f"{section.id}: {error}")


def make_drafter(backend: str, base_url: str | None):
    from shuzhi.config import load_settings
    from shuzhi.drafting import resolve_drafter

    if backend == "offline":
        return resolve_drafter(load_settings(backend="offline")).drafter
    settings = load_settings(base_url=base_url, model="fake-model", api_key="sk-bench-not-a-key",
                             backend="openai")
    return resolve_drafter(settings).drafter


def one_user(url: str, backend: str, base_url: str | None, timings: Timings) -> None:
    """One report drafted through ``DraftSession``, as the app does, its saves timed."""
    from shuzhi.facts import load_facts
    from shuzhi.session import DraftNotSaved, DraftSession
    from shuzhi.store import Store

    store = Store(url)  # this user's own: its save_section is wrapped below
    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"), store=store)
    clock = Clock(timings)
    save = store.save_section

    def timed_save(draft_id, section, status=None):
        t0 = time.perf_counter()
        try:
            save(draft_id, section, status=status)
        finally:
            t1 = time.perf_counter()
            with timings.lock:
                timings.saves.append(t1 - t0)
                if section.status == "done" and section.id in clock.started:
                    timings.sections.append(t1 - clock.started[section.id])

    store.save_section = timed_save
    try:
        session.draft_all(make_drafter(backend, base_url), clock, redo_done=False)
    except DraftNotSaved as exc:
        timings.errors.append(f"unsaved: {exc}")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def users(n: int, url: str, backend: str, base_url: str | None) -> Timings:
    """N users in this process, one thread each (as an app server's sessions)."""
    timings = Timings()
    with ThreadPoolExecutor(max_workers=n) as pool:
        futures = [pool.submit(one_user, url, backend, base_url, timings) for _ in range(n)]
        for f in futures:
            try:
                f.result()
            except Exception as exc:
                timings.errors.append(f"{type(exc).__name__}: {exc}")
    return timings


def in_processes(n: int, processes: int, url: str, backend: str, base_url: str | None) -> Timings:
    """N users spread over several processes (``--worker`` runs of this script), started together."""
    import json

    share = [n // processes + (i < n % processes) for i in range(processes)]
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(k), "--db", url, "--backend",
                               backend, "--base-url", base_url or ""], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for k in share if k]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    timings = Timings()
    for p in procs:
        data = json.loads(p.communicate()[0])
        timings.sections += data["sections"]
        timings.saves += data["saves"]
        timings.errors += data["errors"]
        timings.wall = max(timings.wall, data["wall"])  # from "go", not counting start-up
    return timings


def run(n: int, url: str, backend: str, base_url: str | None, processes: int = 1) -> dict:
    start = time.perf_counter()
    if processes > 1:
        timings = in_processes(n, processes, url, backend, base_url)
        wall = timings.wall
    else:
        timings = users(n, url, backend, base_url)
        wall = time.perf_counter() - start
    return {"n": n, "wall": wall, "reports_min": n / wall * 60,
            "sections_s": len(timings.sections) / wall,
            "p50": pct(timings.sections, 50), "p95": pct(timings.sections, 95),
            "save_p95": pct(timings.saves, 95), "errors": len(timings.errors),
            "first_error": timings.errors[0] if timings.errors else ""}


def start_fake(ttft: float, rate: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "shuzhi.testing.fake_openai", "--port", "0",
                             "--ttft", str(ttft), "--rate", str(rate)],
                            stdout=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    return proc, proc.stdout.readline().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="1,10,50", help="comma-separated N values")
    parser.add_argument("--backend", choices=["offline", "fake"], default="offline")
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a fresh SQLite file)")
    parser.add_argument("--ttft", type=float, default=0.3, help="fake server: seconds to first token")
    parser.add_argument("--rate", type=float, default=50, help="fake server: tokens/s per stream")
    parser.add_argument("--processes", type=int, default=1, help="app-like processes sharing the users")
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:  # one process of a --processes run
        import json

        from shuzhi.store import Store

        Store(args.db)  # connect before "go", as a running app server would be
        sys.stdin.readline()
        start = time.perf_counter()
        t = users(args.worker, args.db, args.backend, args.base_url or None)
        print(json.dumps({"sections": t.sections, "saves": t.saves, "errors": t.errors,
                          "wall": time.perf_counter() - start}))
        return

    fake, base_url = (None, None)
    if args.backend == "fake":
        fake, base_url = start_fake(args.ttft, args.rate)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = args.db or f"sqlite:///{tmp}/load.db"
            backend_label = args.backend if not fake else f"fake (ttft {args.ttft}s, {args.rate} tok/s)"
            print(f"backend: {backend_label}; db: {url.split('://')[0]}; {args.processes} process(es); "
                  "10 sections written per report")
            print(f"{'N':>4} {'wall s':>8} {'rep/min':>8} {'sec/s':>7} {'p50 s':>7} {'p95 s':>7} "
                  f"{'save p95 ms':>11} {'errors':>6}")
            for n in (int(x) for x in args.users.split(",")):
                r = run(n, url, args.backend, base_url, args.processes)
                print(f"{r['n']:>4} {r['wall']:>8.2f} {r['reports_min']:>8.1f} {r['sections_s']:>7.1f} "
                      f"{r['p50']:>7.3f} {r['p95']:>7.3f} {r['save_p95'] * 1000:>11.1f} {r['errors']:>6}"
                      + (f"  first: {r['first_error'][:120]}" if r["errors"] else ""), flush=True)
    finally:
        if fake:
            fake.terminate()
            fake.wait(10)


if __name__ == "__main__":
    main()
