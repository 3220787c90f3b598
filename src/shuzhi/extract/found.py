"""What extraction finds: a figure (with its source) or an item, for one template section."""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.facts import Figure, Source


@dataclass
class Found:
    section: str | None  # None: no section's signals matched (shown to the user to place)
    figure: Figure | None = None
    item: str | None = None
    source: Source | None = None  # an item's source; a figure's is figure.source

    @property
    def where(self) -> Source | None:
        return self.figure.source if self.figure is not None else self.source


def number_value(text: str) -> int | float:
    """``12`` → 12, ``6832.50`` → 6832.5."""
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value
