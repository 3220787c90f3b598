"""How long a full model draft takes, side by side with its limits and the alternatives.

Against the local fake server (a separate process, so the CPU time measured is the client's)
at a fixed decode rate, it times in one run:

  concurrent  the full draft as shuzhi does it: every section at once, streamed;
  cli         the same through ``shuzhi draft`` in a fresh process, start-up and export
              included (what a user waits for at the terminal);
  limit       the physical limit: time to first token + the longest section's decode time;
  sequential  the same sections one after another (concurrency 1);
  whole       the whole report asked for in one stream (prompts/<id>/whole.md), as a
              chat-window user would;

and prints the ratios, the share of each section prompt that is the shared prefix (what a
provider's prefix cache can serve), and the client's CPU time per streamed token.

    python bench/draft.py [--facts samples/facts-2022.yaml] [--ttft 0.3] [--rate 50]
    python bench/draft.py --cli-only --src /other/checkout/src   # another version's CLI

Goal: concurrent and cli ≤ 1.15 × limit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pydantic import SecretStr  # noqa: E402

from shuzhi.config import ModelConfig  # noqa: E402
from shuzhi.draft import Draft  # noqa: E402
from shuzhi.drafting.base import DraftCallback  # noqa: E402
from shuzhi.drafting.openai import OpenAIDrafter  # noqa: E402
from shuzhi.drafting.pipeline import draft_sections  # noqa: E402
from shuzhi.drafting.prompts import draft_prompts, shared_prefix_share, whole_prompt  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.templates import load_template  # noqa: E402


def default_facts() -> Path:
    sample = ROOT / "samples" / "facts-2022.yaml"
    return sample if sample.is_file() else ROOT / "tests" / "data" / "model-facts-2022.yaml"


def start_server(ttft: float, rate: float, chars_per_token: int = 2) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "shuzhi.testing.fake_openai", "--ttft", str(ttft),
                             "--rate", str(rate), "--chars-per-token", str(chars_per_token)],
                            stdout=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    return proc, proc.stdout.readline().strip()


class FirstText(DraftCallback):
    """When each section's first piece of text arrived (what the user waits for)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: dict[str, float] = {}

    def on_section_delta(self, section, delta) -> None:
        self.first.setdefault(section.id, time.perf_counter() - self.start)


async def full_draft(drafter, facts, template, concurrency: int):
    draft = Draft.new(facts, template)
    cpu, start = time.process_time(), time.perf_counter()
    first = FirstText()
    await draft_sections(draft, template, drafter, first, concurrency=concurrency)  # with the checker
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    full_draft.first_text = sorted(first.first.values())
    failed = [s.id for s in draft.sections if s.status == "failed"]
    assert not failed, f"sections failed: {failed}"
    tokens = [s.versions[-1].usage.completion_tokens for s in draft.sections if s.versions]
    return wall, cpu, tokens


async def whole_stream(drafter, facts, template):
    prompt = whole_prompt(template, facts)
    state = {"finish": None, "usage": None, "chunks": 0}
    messages = [{"role": role, "content": text} for role, text in prompt.messages()]
    start = time.perf_counter()
    pieces = [p async for p in drafter.stream_messages(messages, 8000, state)]
    return time.perf_counter() - start, "".join(pieces), state["usage"]["completion_tokens"]


def cli_draft(facts: Path, base_url: str, src: Path, runs: int = 3) -> tuple[float, float, float]:
    """``shuzhi draft`` in a fresh process, best of ``runs``: (spawn to exit, spawn to the
    server's first request, the last stream's end to exit) in seconds."""
    import httpx

    stats = base_url.removesuffix("/v1") + "/_fake/stats"
    best = (float("inf"), 0.0, 0.0)
    for _ in range(runs):
        httpx.delete(stats)
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "PYTHONPATH": str(src), "SHUZHI_HOME": home}
            start = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "shuzhi", "draft", "--facts", str(facts),
                                   "--base-url", base_url, "--model", "fake-model",
                                   "-o", f"{home}/out.txt"], env=env, capture_output=True, text=True)
            end = time.monotonic()
        assert done.returncode == 0, done.stderr[-2000:]
        seen = httpx.get(stats).json()
        best = min(best, (end - start, seen["first"] - start, end - seen["last_answer"]))
    return best


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=Path, default=default_facts())
    parser.add_argument("--ttft", type=float, default=0.3, help="seconds to first token")
    parser.add_argument("--rate", type=float, default=50.0, help="tokens per second per stream")
    parser.add_argument("--chars-per-token", type=int, default=2,
                        help="characters a streamed token carries (3: the longest section is ~300 tokens)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ whose CLI is timed")
    parser.add_argument("--cli-only", action="store_true", help="time only the CLI (another checkout)")
    args = parser.parse_args()

    facts = load_facts(args.facts)
    template = load_template(facts.template)
    proc, base_url = start_server(args.ttft, args.rate, args.chars_per_token)
    if args.cli_only:
        try:
            cli_wall, cli_first, cli_tail = cli_draft(args.facts, base_url, args.src)
        finally:
            proc.terminate()
            proc.wait()
        print(f"cli full draft ({args.src}): {cli_wall:.2f} s; first request after {cli_first:.2f} s; "
              f"exit {cli_tail:.2f} s after the last stream")
        return
    try:
        drafter = OpenAIDrafter(ModelConfig(base_url=base_url, model="fake-model",
                                            api_key=SecretStr("not-needed"), timeout=60))
        await full_draft(drafter, facts, template, 16)  # warm-up: imports, connections, caches
        wall, cpu, tokens = await full_draft(drafter, facts, template, 16)
        first_text = full_draft.first_text
        seq_wall, _, _ = await full_draft(drafter, facts, template, 1)
        whole_wall, whole_text, whole_tokens = await whole_stream(drafter, facts, template)
        cli_wall, cli_first, cli_tail = cli_draft(args.facts, base_url, args.src)
    finally:
        proc.terminate()
        proc.wait()

    limit = args.ttft + max(tokens) / args.rate
    smallest, mean = shared_prefix_share(draft_prompts(template, facts))
    print(f"facts: {args.facts.relative_to(ROOT) if args.facts.is_relative_to(ROOT) else args.facts}")
    print(f"fake server: ttft {args.ttft:g} s, {args.rate:g} tokens/s per stream; "
          f"{len(tokens)} sections, {sum(tokens)} completion tokens (longest {max(tokens)})")
    print(f"{'concurrent full draft':28s} {wall:7.2f} s   {wall / limit:5.2f} × limit")
    print(f"{'cli full draft (process)':28s} {cli_wall:7.2f} s   {cli_wall / limit:5.2f} × limit"
          f"   (first request after {cli_first:.2f} s, exit {cli_tail:.2f} s after the last stream)")
    print(f"{'physical limit':28s} {limit:7.2f} s   (ttft + longest section / rate)")
    print(f"{'sequential sections':28s} {seq_wall:7.2f} s   {seq_wall / wall:5.2f} × concurrent")
    print(f"{'whole report, one stream':28s} {whole_wall:7.2f} s   {whole_wall / wall:5.2f} × concurrent"
          f"   ({whole_tokens} completion tokens, {len(whole_text)} chars)")
    print(f"first text of a section after: first {first_text[0]:.2f} s, last {first_text[-1]:.2f} s "
          f"(server ttft {args.ttft:g} s)")
    print(f"shared prefix of each section prompt: min {smallest:.1%}, mean {mean:.1%}")
    print(f"client CPU per streamed token: {cpu / sum(tokens) * 1000:.3f} ms "
          f"({cpu:.2f} s CPU for {sum(tokens)} tokens)")
    for name, value in (("concurrent", wall), ("cli", cli_wall)):
        print(f"goal {name} ≤ 1.15 × limit: {'met' if value <= 1.15 * limit else 'NOT met'}")


if __name__ == "__main__":
    asyncio.run(main())
