"""The review's library side: sections whose facts changed since drafting, findings numbered by
the paragraphs a user sees, every exact fix at once, the report's length, marks and diffs."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.drafting.offline import OfflineDrafter
from shuzhi.facts import load_facts
from shuzhi.freshness import mismatches
from shuzhi.reading import DEFAULT_TARGET, char_count, length_of, marked_html, target_of
from shuzhi.review import by_rule, filtered, items, public_text, unflagged
from shuzhi.session import DraftSession
from shuzhi.store import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def session(isolated_home) -> DraftSession:
    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"))
    session.draft_all(OfflineDrafter())
    return session


def changed_figure(session: DraftSession, section_id: str, value) -> None:
    facts = session.draft.facts.model_copy(deep=True)
    facts.sections[section_id].figures[0].value = value
    session.update_facts(facts)


def test_a_changed_figure_marks_only_the_sections_that_drew_on_it(session):
    assert mismatches(session.draft, session.template) == []
    name = session.draft.facts.sections["study"].figures[0].name
    changed_figure(session, "study", 99)
    found = mismatches(session.draft, session.template)
    assert [m.section_id for m in found] == ["study"]
    assert found[0].changes == (f"数据“{name}”：4次 → 99次",)
    # the database keeps what each version was drafted from: a fresh process sees the same
    reopened = DraftSession.open(session.draft.id, Store())
    assert [m.section_id for m in mismatches(reopened.draft, reopened.template)] == ["study"]


def test_an_edit_keeps_its_facts_and_a_redraft_takes_the_new_ones(session):
    changed_figure(session, "study", 99)
    session.edit("study", session.draft.section("study").text + "\n另作辅导报告一场。")
    assert [m.section_id for m in mismatches(session.draft, session.template)] == ["study"]
    session.regenerate("study", OfflineDrafter())
    assert mismatches(session.draft, session.template) == []
    assert "99次" in session.draft.section("study").text
    session.restore("study", 0)  # the text drafted from the old figure is stale again
    assert [m.section_id for m in mismatches(session.draft, session.template)] == ["study"]


def test_items_added_to_a_list_field_are_named(session):
    facts = session.draft.facts.model_copy(deep=True)
    facts.integrity.append("全年未收受任何礼品礼金")
    session.update_facts(facts)
    found = {m.section_id: m.changes for m in mismatches(session.draft, session.template)}
    assert found == {"integrity": ("廉洁自律：新增 1 条",)}


def typo_session(session: DraftSession) -> DraftSession:
    session.edit("study", session.draft.section("study").text + "\n\n全年讲党课**次,覆盖全体党员,效果好.")
    return session


def test_findings_are_numbered_by_the_paragraphs_shown(session):
    typo_session(session)
    found = items(session.draft, session.check().findings)
    mine = [i for i in found if i.section_id == "study"]
    paragraphs = [text for _, text in session.draft.section("study").paragraphs()]
    assert {i.where for i in mine} == {f"第{len(paragraphs)}段"}  # the blank line is no paragraph
    star = next(i for i in mine if i.finding.rule == "placeholder")
    assert paragraphs[-1][slice(*star.span)] == "**"
    assert [i.finding.severity for i in filtered(found, ["error"])] == ["error"]
    groups = by_rule(found)
    assert list(groups)[0] == "placeholder" and len(groups["punctuation"]) == 3


def test_all_exact_fixes_at_once_and_locked_sections_left_alone(session):
    typo_session(session)
    session.edit("political", session.draft.section("political").text + "\n参加培训3次,提高了能力.")
    session.set_locked("political", True)
    changed = session.apply_all_fixes(session.check().findings)
    assert changed == 1
    stored = Store().get(session.draft.id)
    assert stored.section("study").text.endswith("全年讲党课**次，覆盖全体党员，效果好。")
    assert stored.section("study").versions[-1].instruction == "按检查建议全部修正"
    assert stored.section("political").text.endswith("参加培训3次,提高了能力.")
    after = session.check()
    assert not [f for f in after.findings if f.section_id == "study" and f.finding.rule == "punctuation"]
    assert session.apply_all_fixes(after.findings) == 0


def test_a_flagged_sentence_with_a_placeholder_is_shown_once(session):
    from shuzhi.update import Flag

    typo_session(session)
    found = items(session.draft, session.check().findings)
    sentence = "全年讲党课**次,覆盖全体党员,效果好."
    flags = [Flag("study", "", sentence, "figure", "去年为 3 次"), Flag("study", "", "另一句。", "figure", "")]
    assert [f.sentence for f in unflagged(flags, found)] == ["另一句。"]


def test_no_internal_reference_reaches_a_message():
    assert public_text("“全面建成小康社会”已过时（DOMAIN §1.1 E10）") == "“全面建成小康社会”已过时"
    assert public_text("过时（依据：BRIEF §3）") == "过时"
    assert public_text("（依据：国标 GB/T 15834-2011）") == "（依据：国标 GB/T 15834-2011）"


def test_length_and_reading_time_against_the_template(session):
    length = length_of(session.draft, session.template)
    assert length.chars == char_count(session.draft.assemble()) > 0
    assert length.minutes == pytest.approx(length.chars / 200)
    target, from_template = target_of(session.template)
    assert from_template and target[0] < target[1]
    assert "朗读约" in length.text() and f"{target[0]:,}" in length.text()
    assert target_of(session.template.model_copy(update={"preamble": session.template.preamble.model_copy(
        update={"target_chars": (0, 0)})})) == (DEFAULT_TARGET, False)


def test_marks_escape_user_text():
    html = marked_html("<b>a</b>**x**", [(8, 13, "占位符 \"x\"", "error")])
    assert html == '&lt;b&gt;a&lt;/b&gt;<mark class="error" title="占位符 &quot;x&quot;">**x**</mark>'


def test_a_version_diff_marks_what_changed_and_escapes_it():
    from shuzhi.compare import diff

    result = diff("第一段。\n学习12次。", "第一段。\n学习14次<b>。\n新增一段。")
    assert (result.added, result.removed) == (9, 1) and result.summary() == "新增 9 字，删去 1 字"
    assert "<p>第一段。</p>" in result.html
    assert "<del>2</del><ins>4</ins>" in result.html and "&lt;b&gt;" in result.html
    assert diff("同样。", "同样。").summary() == "两版相同"


def test_a_section_checked_against_the_new_facts_is_no_longer_marked(session):
    changed_figure(session, "study", 99)
    session.confirm_facts("study")
    assert mismatches(session.draft, session.template) == []
    study = Store().get(session.draft.id).section("study")
    assert study.versions[-1].instruction == "已按修改后的事实核对" and study.text == study.versions[-2].text
