"""The checker's data files (YAML), loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent


@cache
def load(name: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
