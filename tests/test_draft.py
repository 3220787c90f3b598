"""The draft: sections in template order, versions kept and restorable, exports."""

from __future__ import annotations

import asyncio
import io

import pytest

from shuzhi import export
from shuzhi.draft import Draft
from shuzhi.drafting import DraftCallback, Drafter, DraftingError, get_drafter
from shuzhi.drafting.pipeline import draft_report, draft_sections
from shuzhi.facts import load_facts
from shuzhi.templates import load_template


@pytest.fixture
def draft(samples, offline_draft) -> Draft:
    return offline_draft(load_facts(samples / "facts-2022.yaml"))


def test_ids_are_unguessable_and_distinct(samples):
    facts = load_facts(samples / "facts-minimal.yaml")
    template = load_template("shudeshulian")
    ids = {Draft.new(facts, template).id for _ in range(50)}
    assert len(ids) == 50 and all(len(i) >= 20 for i in ids)


def test_versions_are_kept_and_restorable(draft):
    section = draft.section("study")
    first = section.text
    section.add_version("改写后的文字。", "edit")
    assert section.text == "改写后的文字。" and len(section.versions) == 2
    section.restore(0)
    assert section.text == first
    assert [v.source for v in section.versions] == ["offline", "edit", "restore"]


def test_locked_section_is_left_alone_when_drafting_again(draft, samples):
    template = load_template("shudeshulian")
    draft.section("study").add_version("我自己写的。", "edit")
    draft.section("study").locked = True
    draft_report(draft, template, get_drafter("offline"), redo_done=True)
    assert draft.section("study").text == "我自己写的。"
    assert len(draft.section("integrity").versions) == 2


class FailingFor(Drafter):
    """Fails one section, streams the others in two pieces."""

    name = "failing"

    def __init__(self, bad: str):
        self.bad = bad

    async def stream_section(self, request):
        if request.spec.id == self.bad:
            raise DraftingError("模型服务返回错误（500）")
        yield "第一段，"
        await asyncio.sleep(0)
        yield f"{request.spec.heading}。"


class Recorder(DraftCallback):
    def __init__(self):
        self.events = []

    def on_section_start(self, section):
        self.events.append(("start", section.id))

    def on_section_delta(self, section, delta):
        self.events.append(("delta", section.id))

    def on_section_done(self, section):
        self.events.append(("done", section.id))

    def on_section_failed(self, section, error):
        self.events.append(("failed", section.id, error))


def test_one_failing_section_loses_nothing_else(samples):
    facts = load_facts(samples / "facts-2022.yaml")
    template = load_template("shudeshulian")
    draft = Draft.new(facts, template)
    saved = []
    recorder = Recorder()
    asyncio.run(draft_sections(draft, template, FailingFor("team"), recorder,
                               on_saved=lambda d, s: saved.append(s.id)))
    assert draft.section("team").status == "failed"
    assert "500" in draft.section("team").error
    done = [s.id for s in draft.sections if s.status == "done" and s.versions]
    assert len(done) == 9 and "team" not in done
    assert ("failed", "team", "模型服务返回错误（500）") in recorder.events
    assert sorted(saved) == sorted(done + ["team"])
    assert draft.status == "failed"

    # retrying redoes only the failed section
    draft_report(draft, template, get_drafter("offline"))
    assert draft.status == "done"
    assert len(draft.section("study").versions) == 1


def test_markdown_keeps_user_text_literal(draft):
    draft.section("study").add_version("# 不是标题 **不是粗体** <script>x</script>", "edit")
    md = export.render(draft, "md").decode()
    assert "\\# 不是标题 \\*\\*不是粗体\\*\\* \\<script\\>x\\</script\\>" in md


def test_export_formats(draft):
    assert export.render(draft, "txt").decode() == draft.assemble()
    assert Draft.model_validate_json(export.render(draft, "json")) == draft
    with pytest.raises(ValueError, match="pdf"):
        export.render(draft, "pdf")


def test_lines_place_every_line_of_the_report_in_its_section(draft):
    """``Draft.lines`` is the report's layout: what assemble() joins, and where a checker
    finding on line N belongs (the section and the paragraph's line in its text)."""
    draft.section("study").add_version("　　第一段。\n\n第二段。", "edit")
    lines = draft.lines()
    assert draft.assemble() == "\n".join(line.text for line in lines) + "\n"
    assert [(line.kind, line.section_id) for line in lines[:3]] == [
        ("title", None), ("blank", None), ("paragraph", "preamble")]
    heading = next(i for i, line in enumerate(lines) if line.section_id == "study")
    assert lines[heading].kind == "heading" and lines[heading].text == draft.section("study").heading_line
    assert [(line.text, line.paragraph) for line in lines[heading + 1:heading + 3]] == [
        ("　　第一段。", 0), ("第二段。", 2)]  # as written; the blank line is not a line of the report
    parent = draft.section("duties")  # 二、 over its subsections: a heading with no text
    assert [line.kind for line in lines if line.section is parent] == ["heading"]


def test_markdown_and_word_follow_the_same_lines(draft):
    from docx import Document

    draft.section("study").add_version("第一段。\n第二段。", "edit")
    markdown = export.render(draft, "md").decode()
    blocks = [b for b in markdown.split("\n\n") if b]
    paragraphs = [p.text for p in Document(io.BytesIO(export.render(draft, "docx"))).paragraphs]
    report = [line.text for line in draft.lines()]
    assert len(blocks) == len(report) - 1  # the blank line under the title is no block
    assert paragraphs[: len(report)] == report  # then the signature and the date


def test_line_at_finds_a_findings_line(draft):
    from shuzhi.draft import line_at

    lines = draft.lines()
    assert line_at(lines, 1).kind == "title" and line_at(lines, len(lines)) is lines[-1]
    assert line_at(lines, None) is None and line_at(lines, 0) is None and line_at(lines, len(lines) + 1) is None
