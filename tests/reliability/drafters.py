"""Test-only drafters (never registered in the product): the offline text, slowly or
failing on chosen sections, and recording which sections they were asked for."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

from shuzhi.drafting.base import Drafter, DraftingError, SectionRequest
from shuzhi.drafting.offline import OfflineDrafter


class ScriptedDrafter(Drafter):
    """Offline text, in small pieces; ``hang`` sections never finish, ``fail`` ones raise."""

    name = "offline"

    def __init__(self, delay: float = 0.0, hang: set[str] = frozenset(), fail: set[str] = frozenset()):
        self.inner = OfflineDrafter()
        self.delay, self.hang, self.fail = delay, set(hang), set(fail)
        self.asked: list[str] = []

    async def stream_section(self, request: SectionRequest) -> AsyncIterator[str]:
        self.asked.append(request.spec.id)
        if request.spec.id in self.fail:
            raise DraftingError("模型服务暂时不可用（测试）", retryable=False)
        text = "".join([p async for p in self.inner.stream_section(request)])
        for i in range(0, len(text), 40):
            await asyncio.sleep(self.delay)
            if request.spec.id in self.hang:
                await asyncio.sleep(3600)
            yield text[i:i + 40]


def main(url: str, facts_path: str, hang: str) -> None:
    """Run as a process: store a draft, print its id, draft slowly with one section hanging."""
    from shuzhi.facts import load_facts
    from shuzhi.session import DraftSession
    from shuzhi.store import Store

    session = DraftSession.new(load_facts(facts_path), store=Store(url))
    print(session.draft.id, flush=True)
    session.draft_all(ScriptedDrafter(delay=0.01, hang={hang}), redo_done=False, concurrency=3)


if __name__ == "__main__":
    main(*sys.argv[1:])
