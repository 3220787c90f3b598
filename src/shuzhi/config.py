"""Settings, and the one function that decides where state lives.

``SHUZHI_HOME`` moves everything (database, config file) — tests point it at a temp dir.
``SHUZHI_DB`` overrides only the database URL (e.g. a PostgreSQL URL shared by several
app instances).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def user_dir() -> Path:
    override = os.environ.get("SHUZHI_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("shuzhi", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get("SHUZHI_DB") or f"sqlite:///{user_dir() / 'shuzhi.db'}"


class Settings(BaseSettings):
    """Drafting settings from SHUZHI_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="SHUZHI_", extra="ignore")

    backend: str = "offline"
    template: str = "shudeshulian"
    concurrency: int = 16
