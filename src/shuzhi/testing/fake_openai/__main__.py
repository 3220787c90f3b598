"""``python -m shuzhi.testing.fake_openai --port 8765 --ttft 0.5 --rate 40``: one in the foreground."""

from __future__ import annotations

import argparse
import time

from shuzhi.testing.fake_openai.recording import FLAVOURS
from shuzhi.testing.fake_openai.server import FakeOpenAI


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Local OpenAI-compatible fake server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ttft", type=float, default=0.0, help="seconds to first token")
    parser.add_argument("--rate", type=float, default=None, help="tokens per second per stream")
    parser.add_argument("--chars-per-token", type=int, default=2)
    parser.add_argument("--flavour", choices=FLAVOURS, default="vllm")
    parser.add_argument("--context-window", type=int, default=32768)
    args = parser.parse_args(argv)
    server = FakeOpenAI(ttft=args.ttft, tokens_per_second=args.rate, chars_per_token=args.chars_per_token,
                        port=args.port, flavour=args.flavour, context_window=args.context_window).start()
    print(server.base_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
