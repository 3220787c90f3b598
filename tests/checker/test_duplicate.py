from shuzhi.checker import apply_fixes

SENTENCE = "组织全体党员深入学习党的二十大精神并开展专题研讨。"


def test_a_repeated_sentence_is_reported_at_the_repeat(run):
    text = f"前言。\n{SENTENCE}其他工作。\n后文。{SENTENCE}"
    findings = run(text, "duplicate")
    assert [(f.line, f.text) for f in findings] == [(3, SENTENCE)]
    assert "第2行" in findings[0].message and not findings[0].fixable


def test_an_immediate_repeat_can_be_deleted_exactly(run):
    text = f"一是学习。{SENTENCE}{SENTENCE}二是落实。"
    findings = run(text, "duplicate")
    assert len(findings) == 1 and findings[0].fixable
    assert apply_fixes(text, findings) == f"一是学习。{SENTENCE}二是落实。"


def test_short_formulas_and_headings_may_recur(run):
    text = "一、加强学习，提高政治站位\n推动整改。推动整改。\n一、加强学习，提高政治站位\n"
    assert run(text, "duplicate") == []


def test_blanks_and_punctuation_do_not_hide_a_repeat(run):
    text = f"{SENTENCE}\n{SENTENCE.replace('，', ',').replace('。', '')} 。"
    assert len(run(text, "duplicate")) == 1
