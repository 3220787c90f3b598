"""The one interface every drafting backend implements, and the progress callback.

A backend turns one section request into a stream of text pieces. Everything around that
(which sections, how many at once, retries, saving, checking) lives in ``pipeline.py``, so a
new backend is one small class registered in ``drafting/__init__.py``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import ClassVar

from shuzhi.draft import Draft, Section, Usage
from shuzhi.facts import Facts
from shuzhi.screening import Outbound
from shuzhi.templates import SectionSpec, Template


@dataclass
class SectionRequest:
    """What a backend needs to write one section."""

    template: Template
    facts: Facts
    spec: SectionSpec
    number: str
    level: int
    instruction: str | None = None  # a regeneration instruction: "更精炼"
    previous_text: str | None = None  # the current text, when regenerating
    usage: Usage = field(default_factory=Usage)  # filled in by the backend as it learns it


class Drafter(ABC):
    """A drafting backend: a name, one abstract method, and an optional hook (``prepare``)."""

    name: ClassVar[str]
    concurrency_limit: int | None = None  # the most sections the backend takes at once
    # Where requests go (``shuzhi.screening.Outbound``), set by the model backend's factory; None:
    # nowhere — the text is made on this machine.
    outbound: Outbound | None = None

    async def prepare(self) -> None:  # noqa: B027 -- a hook a backend may leave as it is
        """Called once before a run's sections start (e.g. to ask the server what it takes)."""

    @abstractmethod
    def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        """Yield the section's text in pieces; raise ``DraftingError`` on failure."""

    @property
    def source(self) -> str:
        """How versions written by this backend are labelled."""
        return self.name


class DraftingError(Exception):
    """A section could not be drafted; ``str()`` is a Chinese reason shown to the user."""

    def __init__(self, message: str, retryable: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class DraftCallback:
    """Progress of a draft, section by section. The CLI and the app each subclass this;
    every method is a no-op here so a subclass overrides only what it shows."""

    def on_draft_start(self, draft: Draft, sections: list[Section]) -> None: ...

    def on_section_start(self, section: Section) -> None: ...

    def on_section_delta(self, section: Section, delta: str) -> None: ...

    def on_section_retry(self, section: Section, attempt: int, reason: str, wait: float) -> None: ...

    def on_section_done(self, section: Section) -> None: ...

    def on_section_failed(self, section: Section, error: str) -> None: ...

    def on_screened(self, hits: list, masked: bool) -> None:
        """Before a cloud model is called: what screening found (``shuzhi.screening.Hit``);
        ``masked``: the blocking ones are sent as XX, at the user's choice."""

    def on_draft_done(self, draft: Draft) -> None: ...
