"""File names for exported reports: the title as the user wrote it, made safe to save.

A title is user text: it may hold path separators, characters Windows refuses, control
characters, a leading dot, a reserved device name (CON, NUL…) or be very long. The name we
offer for download or write next to the input must be none of those, and still readable
Chinese.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 180  # well under the 255-byte limit of ext4/NTFS, with room for " (2)"
FALLBACK = "述职报告"
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_filename(title: str, ext: str) -> str:
    """``safe_filename("2024年述德述廉述职报告", "docx")`` → ``2024年述德述廉述职报告.docx``.

    Forbidden characters become "_", runs of space collapse, leading dots and trailing
    dots/spaces go, the name is cut (on a character boundary) to fit ``MAX_NAME_BYTES``."""
    name = unicodedata.normalize("NFC", title or "")
    name = _FORBIDDEN.sub("_", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"_{2,}", "_", name)
    name = re.sub(r"^[._ ]+|[._ ]+$", "", name) or FALLBACK  # no hidden file, no "..", no "x."
    if name.split(".")[0].lower() in _RESERVED:
        name = f"_{name}"
    ext = re.sub(r"[^A-Za-z0-9]", "", ext or "")[:10] or "txt"
    budget = MAX_NAME_BYTES - len(ext) - 1
    while len(name.encode("utf-8")) > budget:
        name = name[:-1]
    return f"{name.rstrip('._ ')}.{ext}"
