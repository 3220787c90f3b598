"""Drafting a whole report: every section concurrently (bounded), streamed, each failing alone.

Stages are explicit, as in stanford-oval/storm: the draft's sections come from the template's
outline; each section is drafted and saved as soon as it is done (``on_saved``), so a crash loses only text still streaming, and a resumed draft redoes only
what is not done.

Each section is retried on its own when the backend says a retry can help (429, 5xx,
timeouts, dropped streams), with exponential backoff that honours the server's Retry-After;
a section that still fails is marked ``failed`` with its Chinese reason and the others are
kept. Running ``draft_sections`` again redoes only the failed and pending ones.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from shuzhi.draft import Draft, Section, now
from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError, SectionRequest
from shuzhi.drafting.cleanup import clean_section_text
from shuzhi.freshness import facts_used
from shuzhi.templates import SectionSpec, Template, TemplateError

log = logging.getLogger(__name__)

DEADLINE = 300.0  # seconds a section may take in all (``--deadline``, SHUZHI_DEADLINE)
SaveHook = Callable[[Draft, Section], None]


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``max_attempts`` tries; waits ``base_delay`` × 2ⁿ (±10 % so a burst of 429s
    does not come back all at once), or what the server's Retry-After asks, capped."""

    max_attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 60.0

    def wait(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        backoff = self.base_delay * 2 ** (attempt - 1)
        return min(backoff * random.uniform(0.9, 1.1), self.max_delay)


def specs_by_id(template: Template) -> dict[str, tuple[str, int, SectionSpec]]:
    return {spec.id: (number, level, spec) for number, level, spec in template.walk_numbered()}


def has_own_text(spec: SectionSpec) -> bool:
    """A heading-only parent such as 二、 has no text of its own."""
    return not (spec.children and not spec.facts)


def sections_to_draft(draft: Draft, template: Template, only: Iterable[str] | None = None,
                      redo_done: bool = False) -> list[Section]:
    """The sections a run should write: those with text of their own in the template,
    not locked, and (unless ``redo_done`` or named in ``only``) not already done."""
    specs = specs_by_id(template)
    wanted = set(only) if only is not None else None
    chosen = []
    for section in draft.sections:
        spec = specs.get(section.id)
        if spec is None or not has_own_text(spec[2]):
            continue
        if wanted is not None and section.id not in wanted:
            continue
        if section.locked or (section.status == "done" and not redo_done and wanted is None):
            continue
        chosen.append(section)
    return chosen


async def draft_sections(draft: Draft, template: Template, drafter: Drafter,
                         callback: DraftCallback | None = None, *, concurrency: int | None = None,
                         only: Iterable[str] | None = None, redo_done: bool = False,
                         instruction: str | None = None, on_saved: SaveHook | None = None,
                         retry: RetryPolicy | None = None, deadline: float | None = DEADLINE) -> Draft:
    """``deadline``: seconds one section may take from its start, retries included (None:
    no limit); a section past it fails alone, whatever the server keeps sending."""
    callback = callback or DraftCallback()
    retry = retry or RetryPolicy()
    specs = specs_by_id(template)
    targets = sections_to_draft(draft, template, only, redo_done)
    for section in draft.sections:  # a heading-only parent (二、) is done once it exists
        if section.id in specs and not has_own_text(specs[section.id][2]) and section.status == "pending":
            section.status = "done"
    requests = {s.id: SectionRequest(template=template, facts=draft.facts, spec=specs[s.id][2],
                                     number=specs[s.id][0], level=specs[s.id][1], instruction=instruction,
                                     previous_text=s.text if instruction and s.text else None)
                for s in targets}
    render_check(list(requests.values()))
    requests = outbound_requests(requests, drafter, callback)
    await prepare(drafter)
    slots = min(concurrency or len(targets), drafter.concurrency_limit or len(targets))
    limit = asyncio.Semaphore(max(1, slots))  # None: all at once, as far as the backend takes
    callback.on_draft_start(draft, targets)
    loop = asyncio.get_running_loop()
    ends: dict[str, float] = {}  # each section's deadline, set when it first gets a slot

    async def attempt(section: Section, request: SectionRequest) -> str:
        async with limit:
            if section.id not in ends:  # started when it has a slot, not while queued
                ends[section.id] = loop.time() + deadline if deadline else math.inf
                section.status, section.error = "drafting", None
                callback.on_section_start(section)
            pieces: list[str] = []
            try:
                async with asyncio.timeout_at(ends[section.id] if deadline else None):
                    async for piece in drafter.stream_section(request):
                        pieces.append(piece)
                        callback.on_section_delta(section, piece)
            except TimeoutError:
                raise past_deadline(deadline) from None
        text = clean_section_text("".join(pieces), request.spec.heading, request.number)
        if not text:
            raise DraftingError("模型返回了空内容", retryable=True)
        return text

    async def run(section: Section) -> None:
        request = requests[section.id]
        for n in range(1, retry.max_attempts + 1):
            try:
                text = await attempt(section, request)
            except TemplateError:
                raise  # the template itself is broken (or hostile): every section would fail alike
            except Exception as exc:
                error = exc if isinstance(exc, DraftingError) else unexpected(exc)
                if not error.retryable or n == retry.max_attempts:
                    reason = str(error) if n == 1 else f"{error}（已尝试{n}次）"
                    section.status, section.error = "failed", reason
                    callback.on_section_failed(section, reason)
                    break
                wait = retry.wait(n, error.retry_after)
                if section.id in ends and loop.time() + wait >= ends[section.id]:
                    section.status, section.error = "failed", f"{past_deadline(deadline)}（最后一次：{error}）"
                    callback.on_section_failed(section, section.error)
                    break
                callback.on_section_retry(section, n, str(error), wait)
                await asyncio.sleep(wait)
            else:
                section.add_version(text, drafter.source, instruction, usage=request.usage,
                                    facts_used=facts_used(draft.facts, request.spec))
                callback.on_section_done(section)
                break
        draft.updated = now()
        if on_saved:
            try:
                on_saved(draft, section)
            except Exception as exc:
                save_errors.append(exc)

    save_errors: list[Exception] = []
    await asyncio.gather(*(run(s) for s in targets))
    callback.on_draft_done(draft)
    if save_errors:  # every section is drafted and in ``draft``; the caller learns what was not saved
        raise save_errors[0]
    return draft


async def prepare(drafter: Drafter) -> None:
    """The backend's look at its server before the sections start; a failure there is the
    sections' to report, one by one, not a reason to stop."""
    try:
        await drafter.prepare()
    except Exception as exc:
        log.warning("backend preparation failed: %s", type(exc).__name__)


def past_deadline(deadline: float | None) -> DraftingError:
    return DraftingError(f"超过 {deadline:g} 秒仍未写完，已停止这一部分（可用 --deadline 放宽时限；"
                         f"其余部分不受影响）", retryable=False)


def render_check(requests: list[SectionRequest]) -> None:
    """Render every template text these requests use (prompts and offline text) before
    anything is sent: a broken or hostile template stops the run with its one line, not
    halfway through. Rendering is cheap; the system prompt is rendered once and cached."""
    from shuzhi.drafting.offline import OfflineDrafter
    from shuzhi.drafting.prompts import section_prompt

    for r in requests:
        section_prompt(r.template, r.facts, r.spec, r.number, r.level, r.instruction, r.previous_text)
        if r.spec.offline:
            OfflineDrafter().render(r.spec, r.facts, r.template.id)


def outbound_requests(requests: dict[str, SectionRequest], drafter: Drafter,
                      callback: DraftCallback) -> dict[str, SectionRequest]:
    """The requests as they may leave: unchanged for a local model (or none), else screened
    (``shuzhi.screening``) — refused on a 涉密 marking or personal data, or masked as XX
    when the user chose so."""
    from shuzhi.screening import SensitiveContent, masked_requests, request_material, screen

    outbound = drafter.outbound
    if outbound is None or not outbound.cloud:
        return requests
    hits = screen(request_material(list(requests.values())))
    blocking = [h for h in hits if h.severity == "block"]
    if blocking and not outbound.mask:
        raise SensitiveContent(blocking)
    if hits:
        callback.on_screened(hits, masked=bool(blocking))
    return masked_requests(requests) if blocking else requests


def unexpected(exc: Exception) -> DraftingError:
    """A backend bug or an unmapped client error: reported by type only (a message could
    carry a URL or a key), not retried."""
    log.warning("section drafting failed unexpectedly: %s", type(exc).__name__)
    return DraftingError(f"起草时发生内部错误（{type(exc).__name__}）", retryable=False)


def draft_report(draft: Draft, template: Template, drafter: Drafter,
                 callback: DraftCallback | None = None, **options) -> Draft:
    """Synchronous wrapper for callers without an event loop (the CLI, tests)."""
    return asyncio.run(draft_sections(draft, template, drafter, callback, **options))


def regenerable(draft: Draft, template: Template, section_id: str) -> Section:
    """The section to regenerate, or a ``DraftingError`` saying why it cannot be."""
    specs = specs_by_id(template)
    try:
        section = draft.section(section_id)
    except KeyError:
        ids = "、".join(s.id for s in draft.sections if s.id in specs and has_own_text(specs[s.id][2]))
        raise DraftingError(f"草稿中没有“{section_id}”这一部分（可选：{ids}）") from None
    if section_id not in specs or not has_own_text(specs[section_id][2]):
        raise DraftingError(f"“{section.heading_line or section_id}”只有标题，没有可重写的正文")
    if section.locked:
        raise DraftingError(f"“{section.heading_line or section_id}”已锁定，解锁后才能重写")
    return section


async def regenerate_section(draft: Draft, template: Template, drafter: Drafter, section_id: str,
                             instruction: str | None = None,
                             callback: DraftCallback | None = None, **options) -> Section:
    """Rewrite one section (with an instruction such as “更精炼”), keeping every earlier
    version in ``section.versions``; ``Section.restore(i)`` brings any one back."""
    section = regenerable(draft, template, section_id)
    await draft_sections(draft, template, drafter, callback, only=[section_id],
                         instruction=instruction or None, **options)
    return section


def regenerate(draft: Draft, template: Template, drafter: Drafter, section_id: str,
               instruction: str | None = None, callback: DraftCallback | None = None,
               **options) -> Section:
    return asyncio.run(regenerate_section(draft, template, drafter, section_id, instruction,
                                          callback, **options))
