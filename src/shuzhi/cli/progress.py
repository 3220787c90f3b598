"""Live per-section progress of a draft on stderr (rich), and the run's summary lines.

On a terminal the table updates as sections stream; elsewhere (a pipe, a CI log) rich prints
it once at the end. Shared by ``shuzhi draft`` and ``shuzhi regenerate``.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.table import Table

from shuzhi.draft import Draft, Section
from shuzhi.drafting.base import DraftCallback
from shuzhi.labels import STATUS_LABELS


class LiveProgress(DraftCallback):
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.sections: list[Section] = []
        self.chars: dict[str, int] = {}
        self.notes: dict[str, str] = {}
        self.failed: list[Section] = []
        self.started = time.monotonic()
        self._live: Live | None = None

    # -- callback ----------------------------------------------------------------------
    def on_draft_start(self, draft: Draft, sections: list[Section]) -> None:
        self.sections = list(sections)
        self.started = time.monotonic()
        self._live = Live(self.table(), console=self.console, refresh_per_second=8,
                          get_renderable=self.table, transient=False)
        self._live.start()

    def on_section_start(self, section: Section) -> None:
        self.chars[section.id] = 0

    def on_section_delta(self, section: Section, delta: str) -> None:
        self.chars[section.id] = self.chars.get(section.id, 0) + len(delta)

    def on_section_retry(self, section: Section, attempt: int, reason: str, wait: float) -> None:
        self.chars[section.id] = 0  # the partial text is dropped; the retry starts afresh
        self.notes[section.id] = f"第{attempt}次失败：{reason}，{wait:.1f}秒后重试"

    def on_section_done(self, section: Section) -> None:
        self.notes[section.id] = section_note(section)

    def on_section_failed(self, section: Section, error: str) -> None:
        self.failed.append(section)
        self.notes[section.id] = error

    def on_screened(self, hits: list, masked: bool) -> None:
        for hit in hits:
            what = "已替换为 XX 后发送" if hit.severity == "block" else "请确认可以发往云端"
            self.console.print(f"提示：{hit.describe()}：{what}", markup=False, highlight=False)

    def on_draft_done(self, draft: Draft) -> None:
        self.close()

    def close(self) -> None:
        """Stop the live display (also when the run ends by Ctrl-C or an error)."""
        if self._live is not None:
            self._live.stop()
            self._live = None
            if not self.console.is_terminal:
                self.console.line()  # rich leaves the last line of a non-live render open

    # -- rendering ---------------------------------------------------------------------
    def table(self) -> Table:
        elapsed = time.monotonic() - self.started
        table = Table("部分", "状态", "字数", "tokens（提示/输出）", "说明",
                      title=f"起草进度（{elapsed:.1f} 秒）", title_justify="left")
        for s in self.sections:
            usage = s.versions[-1].usage if s.status == "done" and s.versions else None
            tokens = f"{usage.prompt_tokens}/{usage.completion_tokens}" \
                if usage and (usage.prompt_tokens or usage.completion_tokens) else ""
            chars = len(s.text) if s.status == "done" else self.chars.get(s.id, 0)
            table.add_row(s.heading_line or "导语", STATUS_LABELS[s.status], str(chars), tokens,
                          self.notes.get(s.id, ""))
        return table


def section_note(section: Section) -> str:
    """What the user should know about a finished section: cut short, or a shortened prompt."""
    from shuzhi.drafting.prompts import STEP_NAMES

    version = section.versions[-1] if section.versions else None
    usage = version.usage if version else None
    notes = ["输出达到长度上限，已截断"] if version and version.cut else []
    if usage and usage.compacted:
        notes.append(f"提示词已压缩（{STEP_NAMES.get(usage.compacted, usage.compacted)}）")
    return "；".join(notes)


def usage_summary(sections: list[Section]) -> str:
    """One line: tokens (cached), estimated cost. Counts only versions written in this run."""
    usages = [s.versions[-1].usage for s in sections if s.status == "done" and s.versions
              and s.versions[-1].usage]
    if not any(u.prompt_tokens or u.completion_tokens for u in usages):
        return ""
    prompt = sum(u.prompt_tokens for u in usages)
    cached = sum(u.cached_tokens for u in usages)
    completion = sum(u.completion_tokens for u in usages)
    costs = [u.cost for u in usages]
    known = [c for c in costs if c is not None]
    cost = "未知（价格表中没有该模型）" if len(known) < len(costs) else f"约 ¥{sum(known):.4f}"
    estimated = "（服务端未报告用量，按分词估算）" if any(u.estimated for u in usages) else ""
    return (f"tokens：提示 {prompt}（其中缓存命中 {cached}），输出 {completion}{estimated}；"
            f"估计费用 {cost}")
