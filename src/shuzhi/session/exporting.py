"""A draft as a file to download or write: its name, bytes and media type."""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.draft import Draft


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes
    mime: str


def export_formats() -> list[str]:
    """What the app offers to download (JSON is the CLI's, for ``regenerate`` and import)."""
    from shuzhi import export

    return [f for f in ("txt", "md", "docx") if f in export.formats()]


def safe_filename(name: str, ext: str) -> str:
    """A file name every OS accepts, keeping the Chinese (``shuzhi.export.safe_filename``)."""
    from shuzhi.export import safe_filename as sanitised

    return sanitised(name, ext)


def export_draft(draft: Draft, fmt: str) -> Export:
    """The draft as a ``fmt`` file named after its title and author."""
    from shuzhi import export

    person = draft.facts.person.strip()
    name = f"{draft.title}-{person}" if person else draft.title
    return Export(safe_filename(name, fmt), export.render(draft, fmt),
                  export.MEDIA_TYPES.get(fmt, "application/octet-stream"))
