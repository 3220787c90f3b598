"""Safe file names for exports: a title typed by a user must never become a path.

"2023年述职报告/张三" would otherwise create a folder, "..\\" climb out of one, and a control
character or a Windows-reserved name would make the download unopenable.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 180  # ext4 and NTFS allow 255; leave room for the extension and a " (2)"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
DEFAULT_STEM = "述职报告"


def safe_stem(title: str) -> str:
    """A file name stem from a title: no separators, control characters or leading dots."""
    text = unicodedata.normalize("NFC", title or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._")
    while len(text.encode("utf-8")) > MAX_BYTES:
        text = text[:-1]
    if not text or _WINDOWS_RESERVED.match(text):
        text = f"{DEFAULT_STEM}_{text}" if text else DEFAULT_STEM
    return text


def export_filename(title: str, fmt: str) -> str:
    """``2023年述德述廉述职报告.docx`` — what the CLI writes and the app offers to download."""
    return f"{safe_stem(title)}.{fmt}"
