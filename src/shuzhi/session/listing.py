"""Which saved drafts the start page may offer, and the draft a pasted link names."""

from __future__ import annotations

import os
import re
from collections.abc import Collection

from shuzhi.store import DraftSummary, Store


def drafts_listed() -> bool:
    """Whether the start page lists *every* saved draft: only when whoever runs a single-user
    instance says so with ``SHUZHI_LIST_DRAFTS=1``. Otherwise a draft's unguessable link is its
    only key, and nobody is shown what others wrote."""
    return os.environ.get("SHUZHI_LIST_DRAFTS", "").strip().lower() in ("1", "true", "yes", "on")


def listed_drafts(store: Store, owner: str | None, opened: Collection[str], limit: int = 20) -> list[DraftSummary]:
    """The saved drafts the start page offers to open: a signed-in user's own; all of them on
    a single-user instance (``drafts_listed``); else only those this browser session created
    or opened (``opened``), so a visitor of a shared instance never sees another's."""
    if owner is not None:
        return store.list(owner=owner, limit=limit)
    if drafts_listed():
        return store.list(limit=limit)
    return store.list(ids=opened, limit=limit) if opened else []


def draft_id_from(link: str) -> str:
    """A pasted link (``…?draft=ID``) or a bare id → the id."""
    match = re.search(r"[?&]draft=([A-Za-z0-9_-]+)", link or "")
    return match.group(1) if match else (link or "").strip()
