"""The checker's data files (YAML), loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from shuzhi.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent


@cache
def load(name: str):
    return load_yaml(DATA_DIR / f"{name}.yaml")
