"""How much a model takes: its context window, and the output budget of one section.

The window comes, first found wins, from: ``--context-window`` / ``SHUZHI_CONTEXT_WINDOW``;
what the server says (``drafting/endpoint.py``); the table ``data/models.yaml``; the provider
preset (``data/providers.yaml``); a conservative default. ``Window.source`` says which, in
Chinese, so ``shuzhi models test`` and the refusal line can tell the user where the number
came from.

Budgets are in the model's own tokens. Without the server's tokenizer they are estimated with
cl100k times the model's ``token_ratio`` (from the same table), so a model whose tokenizer
spends more tokens on Chinese is not under-counted.
"""

from __future__ import annotations

import fnmatch
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from shuzhi.templates import SectionSpec

MODELS_FILE = Path(__file__).resolve().parents[1] / "data" / "models.yaml"
# cl100k tokens per character of Chinese report text (6,256 for the sample's 6,392-character
# system prompt): turns a target length in characters into tokens.
CL100K_PER_CHAR = 1.0
OUTPUT_HEADROOM = 1.25  # a section may run past its target length; don't cut it at the target
OUTPUT_EXTRA = 32  # tokens for the end of the answer (a closing line, the end-of-text token)


@dataclass(frozen=True)
class Window:
    tokens: int
    source: str  # “--context-window”, “服务端”, “模型表”, “服务商预设”, “默认值”


@cache
def _table() -> dict:
    return yaml.safe_load(MODELS_FILE.read_text(encoding="utf-8")) or {}


def lookup(key: str, model: str, provider: str | None):
    """``key`` from the first row of data/models.yaml that has it and whose pattern matches
    the model, rows for this provider first; then the file's default (None for the window:
    the caller tries the preset next)."""
    rows = sorted(_table().get("models") or [], key=lambda r: r.get("provider") is None)
    for row in rows:
        if key in row and row.get("provider") in (None, provider) \
                and fnmatch.fnmatch(model.lower(), str(row["model"]).lower()):
            return row[key]
    return None


def token_ratio(model: str, provider: str | None) -> float:
    """The model's tokens per cl100k token on Chinese text."""
    ratio = lookup("token_ratio", model, provider)
    return float(ratio if ratio is not None else _table()["default"]["token_ratio"])


def known_window(model: str, provider: str | None, preset: dict | None = None) -> Window:
    """The window when neither the user nor the server has said one."""
    if window := lookup("context_window", model, provider):
        return Window(int(window), "模型表")
    if preset and preset.get("context_window"):
        return Window(int(preset["context_window"]), "服务商预设")
    return Window(int(_table()["default"]["context_window"]), "默认值")


@dataclass(frozen=True)
class Budget:
    """Output tokens of one section: ``tokens`` asked for; never fewer than ``least``."""

    tokens: int
    least: int


def output_budget(spec: SectionSpec, tokens_per_char: float, cap: int | None = None) -> Budget:
    """From the section's target length (characters): enough for its longest form with
    headroom, at least its shortest form; ``cap`` (``--max-tokens``) bounds both."""
    low, high = spec.target_chars
    high = high or 400
    tokens = math.ceil(high * tokens_per_char * OUTPUT_HEADROOM) + OUTPUT_EXTRA
    least = math.ceil(max(low, 50) * tokens_per_char) + OUTPUT_EXTRA
    if cap is not None:
        tokens, least = min(tokens, cap), min(least, cap)
    return Budget(tokens, least)
