"""Updating last year's report against a real model server (llama-cpp-python + SmolLM2-135M).

The model's Chinese is nonsense at 135M parameters: these tests assert the protocol (each
section requested with last year's text as the reference and this year's facts as the content),
the structure (the 上年问题整改 section there) and the accounting (usage, the checker run on the
result) — from the library and from the CLI, as a user runs it (#17).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from shuzhi.draft import Draft
from shuzhi.drafting.pipeline import RetryPolicy
from shuzhi.facts import load_facts
from shuzhi.update import update_with_drafter
from shuzhi.update.model import UPDATE_INSTRUCTION
from shuzhi.update.offline import prepare

from .conftest import MODEL
from .test_llama_server import DEADLINE, drafter

pytestmark = [pytest.mark.slow, pytest.mark.realserver, pytest.mark.timeout(2400)]
PAIR = Path(__file__).resolve().parents[1] / "data" / "update" / "xiangzhen-jiceng"


def test_each_section_rewritten_from_last_years_text_and_this_years_facts(llama_server):
    server = llama_server(8192, cache=True)  # the CLI's prompts are the library's
    backend = drafter(server, max_tokens=24)
    asked = []
    stream = backend.stream_section

    def recording(request):
        asked.append(request)
        return stream(request)

    backend.stream_section = recording
    last = (PAIR / "report-2024.txt").read_text(encoding="utf-8")
    facts = load_facts(PAIR / "facts-2025.yaml")
    result = asyncio.run(update_with_drafter(last, facts, backend, concurrency=1,
                                             retry=RetryPolicy(max_attempts=2), deadline=float(DEADLINE)))
    previous = {s.id: s.text for s in prepare(last, facts).last.sections}
    by_id = {r.spec.id: r for r in asked}
    written = [s for s in result.draft.sections if s.text]
    assert set(by_id) == {s.id for s in written}
    for section_id, request in by_id.items():
        assert request.instruction == UPDATE_INSTRUCTION
        assert request.previous_text == (previous.get(section_id) or request.previous_text)
        assert request.facts.year == 2025 and len(request.facts.previous_issues) == 3
    assert by_id["s1-1"].previous_text.startswith("坚持把抓好党建作为最大政绩")  # last year's words
    assert any(f.last == 12 for f in by_id["s1-1"].facts.all_figures())  # last year's 12次 beside this year's
    rectification = result.draft.section("rectification")
    assert rectification.heading == "上年度述职评议反馈问题整改情况" and rectification.text
    for section in written:
        version = section.versions[-1]
        if section.status == "done":
            assert version.source == backend.source
            assert version.usage.prompt_tokens > 100 and version.usage.completion_tokens > 0
        else:  # a section the model failed on keeps its offline update
            assert version.source == "update" and section.error
    from shuzhi.checker import check_text

    assert result.findings, "the checker ran on the result"
    assert [f.message for f in result.findings] == [f.message for f in check_text(result.draft.assemble(), year=2025)]


def test_cli_updates_last_years_report_with_the_model(llama_server, shuzhi_proc, tmp_path):
    server = llama_server(8192, cache=True)  # the CLI's prompts are the library's
    out = tmp_path / "2025.json"
    proc = shuzhi_proc("draft", "--from-report", PAIR / "report-2024.txt", "--facts", PAIR / "facts-2025.yaml",
                       "--base-url", server.base_url, "--model", MODEL, "--max-tokens", "24",
                       "--deadline", DEADLINE, "--concurrency", "1", "-o", out, timeout=2300)
    assert proc.returncode in (0, 3), proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    draft = Draft.model_validate_json(out.read_text("utf-8"))
    assert draft.title == "青石镇党委书记2025年度抓基层党建工作述职报告"
    assert [s.heading for s in draft.sections if s.level == 1][1] == "上年度述职评议反馈问题整改情况"
    sources = {s.versions[-1].source for s in draft.sections if s.versions}
    assert "update" not in sources or proc.returncode == 3  # every section the model's, or said why not
    assert "稿中仍是上年的句子" in proc.stderr
    assert len(draft.facts.previous_issues) == 3
