"""Drafting progress drawn into the page: the library's ``DraftCallback`` reports each
section's start, text, retries and end; these views draw them as they come. The page's script
is not re-run meanwhile — the views write into placeholders made before drafting starts."""

from __future__ import annotations

import time

import streamlit as st

from shuzhi.display import literal_markdown, usage_of
from shuzhi.drafting import DraftCallback


def screened_note(hits) -> str:
    """What screening found before a cloud model was called, for the message after the run
    (the user's own text escaped: it is shown as Markdown)."""
    def listed(found) -> str:
        return literal_markdown("；".join(h.describe() for h in found[:5]))

    masked = [h for h in hits if h.severity == "block"]
    noted = [h for h in hits if h.severity != "block"]
    parts = [f"发送前已将 {len(masked)} 处替换为 XX：{listed(masked)}"] if masked else []
    if noted:
        parts.append(f"请确认以下内容可以发往云端：{listed(noted)}")
    return "。".join(parts)


class PageView(DraftCallback):
    """What every view keeps for the message after the run: what screening found."""

    screened = ""

    def on_screened(self, hits, masked: bool) -> None:
        self.screened = screened_note(hits)


class StreamingView(PageView):
    """Every section being drafted in a box of its own, its newest words streaming in."""

    def __init__(self, targets: list, columns: int = 2):
        self.total = max(1, len(targets))
        self.finished = 0
        self.progress = st.progress(0.0, text=f"准备起草 {len(targets)} 节…")
        self.stats = st.empty()
        self.slots = {}
        grid = st.columns(columns)
        for i, section in enumerate(targets):
            with grid[i % columns], st.container(border=True, height=260):
                st.markdown(f"**{literal_markdown(section.heading_line or '导语')}**")
                self.slots[section.id] = (st.empty(), st.empty())
                self.slots[section.id][0].caption("排队中")
        self.buffers: dict[str, str] = {}
        self.shown_at: dict[str, float] = {}
        self.done_sections = []

    def on_section_start(self, section) -> None:
        self.slots[section.id][0].caption(":material/pending: 起草中…")

    def on_section_delta(self, section, delta: str) -> None:
        self.buffers[section.id] = self.buffers.get(section.id, "") + delta
        now = time.monotonic()
        if now - self.shown_at.get(section.id, 0) >= 0.15:  # ~7 repaints a second per section
            self.shown_at[section.id] = now
            text = self.buffers[section.id]
            tail = text if len(text) <= 240 else "…" + text[-240:]  # the box shows the newest words
            self.slots[section.id][1].markdown(literal_markdown(tail) + " ▍")
            written = sum(len(t) for t in self.buffers.values())
            self.stats.caption(f"已生成约 {written:,} 字 · 已完成 {self.finished}/{self.total} 节")

    def on_section_retry(self, section, attempt: int, reason: str, wait: float) -> None:
        self.slots[section.id][0].caption(f":material/refresh: 第 {attempt} 次重试（{literal_markdown(reason)}）")

    def on_section_done(self, section) -> None:
        status, text = self.slots[section.id]
        status.caption(":material/check_circle: 已完成并保存")
        text.markdown(literal_markdown(section.text))
        self.done_sections.append(section)
        self._advance()

    def on_section_failed(self, section, error: str) -> None:
        status, text = self.slots[section.id]
        status.caption(":material/cancel: 失败（其余章节不受影响）")
        text.error(literal_markdown(error))
        self._advance()

    def _advance(self) -> None:
        self.finished += 1
        self.progress.progress(self.finished / self.total, text=f"已完成 {self.finished}/{self.total} 节")
        usage = usage_of(self.done_sections)
        self.stats.caption(f"用量：{usage.tokens_text()} tokens · 费用 {usage.cost_text()}")


class SingleView(PageView):
    """One section regenerated, streaming into one placeholder."""

    def __init__(self, placeholder):
        self.placeholder = placeholder
        self.text = ""

    def on_section_delta(self, section, delta: str) -> None:
        self.text += delta
        self.placeholder.markdown(literal_markdown(self.text) + " ▍")

    def on_section_failed(self, section, error: str) -> None:
        self.placeholder.error(literal_markdown(error))
