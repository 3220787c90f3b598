"""Exporting a draft: ``render(draft, fmt)`` gives the bytes of a txt, md or json file."""

from __future__ import annotations

from collections.abc import Callable

from shuzhi.draft import Draft
from shuzhi.export.text import to_json, to_markdown, to_text

RENDERERS: dict[str, Callable[[Draft], str | bytes]] = {
    "txt": to_text,
    "md": to_markdown,
    "json": to_json,
    "docx": lambda draft: __import__("shuzhi.export.docx", fromlist=["to_docx"]).to_docx(draft),
}

MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def formats() -> list[str]:
    return list(RENDERERS)


def render(draft: Draft, fmt: str) -> bytes:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(RENDERERS)}）") from None
    out = renderer(draft)
    return out.encode("utf-8") if isinstance(out, str) else out
