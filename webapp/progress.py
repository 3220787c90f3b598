"""A drafting job drawn into the page, live. The job runs in the server process
(``shuzhi.session.jobs``), not in this page's script: ``job_view`` is a fragment that re-reads
it twice a second, so leaving the page, reloading or opening the link in another browser shows
the same job where it is. Per section: the characters streamed so far against its target;
overall: the share of the expected length written; tokens and cost as they come."""

from __future__ import annotations

import time

import streamlit as st

from shuzhi.display import UsageTotal, literal_markdown
from shuzhi.errors import InputError
from shuzhi.session import DraftSession
from shuzhi.session.jobs import SectionProgress, progress_of, runner
from shuzhi.store.jobs import Job
from webapp.errors import attempt
from webapp.state import AppState

TICK = 0.5  # seconds between redraws of a running job
LABELS = {"queued": "排队中", "drafting": "起草中", "retrying": "重试中", "done": "已完成并保存", "failed": "失败"}
ICONS = {"queued": ":material/schedule:", "drafting": ":material/pending:", "retrying": ":material/refresh:",
         "done": ":material/check_circle:", "failed": ":material/cancel:"}


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


def target_text(p: SectionProgress) -> str:
    low, high = p.target
    return f"{low}–{high} 字" if high else f"约 {p.expected} 字"


def cost_words(total: UsageTotal, model: dict | None, streaming: int = 0) -> str:
    """The cost by the model's price table entry — 按 X 价格估算 — or 未知价格; ``streaming``
    completion tokens not yet priced by the backend are priced here."""
    from shuzhi.tokens import price_for

    model = model or {}
    price = price_for(model.get("model", ""), model.get("provider"))
    if price is None:
        return "费用：未知价格"
    spent = (total.cost or 0.0) + streaming * price["output"] / 1_000_000
    return f"费用：按 {price['model']} 价格估算 ¥{spent:.4f}"


def usage_line(job: Job, sections: list[SectionProgress]) -> str:
    """Tokens and cost so far: finished sections as the server counted them, the ones still
    streaming estimated from their text."""
    from shuzhi.tokens import count_tokens

    total = UsageTotal()
    streaming = 0
    for p in sections:
        if p.usage is not None:
            total.add(p.usage)
        elif p.text:
            streaming += count_tokens(p.text)
    total.completion_tokens += streaming
    total.estimated = total.estimated or bool(streaming)
    return f"用量 {total.tokens_text()} tokens · {cost_words(total, job.model, streaming)}"


def overall(sections: list[SectionProgress]) -> float:
    """The share of the expected length written (done sections count whole)."""
    expected = sum(p.expected for p in sections) or 1
    return sum(p.share * p.expected for p in sections) / expected


def draw(job: Job, sections: list[SectionProgress], here: bool, columns: int = 2) -> None:
    done = sum(p.status == "done" for p in sections)
    share = overall(sections)
    st.progress(share, text=f"起草中：已完成 {done}/{len(sections)} 节 · 约 {share:.0%}（按各节目标字数估算）")
    written = sum(p.chars for p in sections)
    line = f"已生成约 {written:,} 字"
    if job.model:
        line += " · " + usage_line(job, sections)
    st.caption(line)
    grid = st.columns(columns)
    for i, p in enumerate(sections):
        with grid[i % columns], st.container(border=True, height=240):
            st.markdown(f"**{literal_markdown(p.heading)}**")
            st.caption(f"{ICONS[p.status]} {LABELS[p.status]} · 已写 {p.chars:,} 字 / 目标 {target_text(p)}")
            if p.status == "failed":
                st.error(literal_markdown(p.error or "起草失败"))
            elif p.status == "retrying" and p.error:
                st.caption(f"上次出错：{literal_markdown(p.error)}")
            if p.text:
                tail = p.text if len(p.text) <= 240 or p.status == "done" else "…" + p.text[-240:]
                st.markdown(literal_markdown(tail) + (" ▍" if p.status == "drafting" else ""))
            elif p.status == "drafting" and not here:
                st.caption("正在另一服务器进程中起草，完成后显示全文")


def job_view(state: AppState, session: DraftSession, job: Job, follow: bool = False) -> None:
    """The draft's running job, redrawn every ``TICK`` until it ends, then the whole page again.
    ``follow``: the run that started it draws it in place (the script waits, as the user
    does); any later run — after navigating, a reload, another browser — in a fragment, so
    the page stays free meanwhile. Either way the job does not depend on this page."""
    state.watching = job.id
    if st.button("取消起草", key="job-cancel", icon=":material/stop_circle:"):
        with attempt("取消起草"):
            runner().cancel(session.store, job.id)
            st.rerun()

    def tick() -> None:
        job, here = runner().current(session.store, session.draft.id)
        if job is None or not job.live:
            st.rerun()  # it ended (here or elsewhere): the page shows the outcome
        ours = here is not None and here.job.id == job.id
        fresh = session if ours else DraftSession.open(session.draft.id, session.store)
        draw(job, progress_of(job, here if ours else None, fresh), ours)  # elsewhere: saved text

    if not follow:
        st.fragment(tick, run_every=TICK)()
        return
    state.following = None  # this run follows it; any later run (the user came back) uses the fragment
    slot = st.empty()
    while True:
        with slot.container():
            tick()
        time.sleep(TICK)


def outcome(state: AppState, session: DraftSession, job: Job) -> None:
    """What the job this session watched came to, as a note at the top of the page."""
    from shuzhi.display import usage_of

    _, here = runner().current(session.store, session.draft.id)
    screened = screened_note(here.screened) if here is not None and here.job.id == job.id else ""
    sections = [s for s in session.draft.sections if s.id in job.sections]
    if here is not None and here.job.id == job.id:
        for conflict in here.conflicts:
            state.note("error", literal_markdown(conflict))
        if here.error:
            state.note("error", literal_markdown(here.error))
    failed = [s for s in sections if s.status == "failed"]
    if job.state == "cancelled":
        state.note("warning", f"已取消起草：已完成的 {len(job.finished)} 节已保存，其余章节保持原样。")
    elif failed:
        state.note("warning", f"{len(failed)} 节起草失败，其余已保存。可在“修改与检查”中单独重新生成。{screened}")
    elif job.state == "done":
        usage = usage_of(sections)
        spent = (f"（用量 {usage.tokens_text()} tokens，{cost_words(usage, job.model)}）"
                 if usage.prompt_tokens + usage.completion_tokens else "")
        state.note("success", f"起草完成，已自动保存{spent}。请到“修改与检查”逐节修改。{screened}")
    state.saved()


def follow_regeneration(state: AppState, section_id: str, instruction: str, placeholder) -> None:
    """按指令重写 as a job: started with the model saved for the draft, its text streamed into
    ``placeholder`` while this page waits; if the user leaves, the job finishes anyway."""
    from webapp.model import drafter

    session = state.session
    live = runner().start(session, drafter(state.model), only=[section_id], instruction=instruction,
                          model=state.model.saved() if state.model else None)
    progress = live.sections[section_id]
    while live.running:
        if progress.text:
            placeholder.markdown(literal_markdown(progress.text) + " ▍")
        time.sleep(0.15)
    session.reload()
    if progress.status == "failed":
        placeholder.error(literal_markdown(progress.error or "重新生成失败"))
    if live.error:
        raise InputError(live.error)
    if live.screened:
        state.note("warning", screened_note(live.screened))
