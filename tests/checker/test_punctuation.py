import pytest

from shuzhi.checker import apply_fixes

# (text, reported texts, text after --fix)
FOUND = [
    ("认真学习,深入贯彻。", [","], "认真学习，深入贯彻。"),
    ("主要工作:一是学习。", [":"], "主要工作：一是学习。"),
    ("是否落实?已经落实。", ["?"], "是否落实？已经落实。"),
    ("完成年度任务.", ["."], "完成年度任务。"),
    ("学习《习近平谈治国理政》(第四卷)。", ["(", ")"], "学习《习近平谈治国理政》（第四卷）。"),
    ('开展"书香丽院"活动。', ['"', '"'], "开展“书香丽院”活动。"),
    ("认真学习，，深入贯彻。", ["，，"], "认真学习，深入贯彻。"),
    ("完成任务；。", ["；。"], "完成任务。"),
    ("一是学习...二是落实。", ["..."], "一是学习……二是落实。"),
    ("学习率100%，发言率90％，参与率95%。", ["％"], "学习率100%，发言率90%，参与率95%。"),
    ("（一）、加强学习", ["（一）、"], "（一）加强学习"),
    ("一.加强理论学习\n二.履行职责", [".", "."], "一、加强理论学习\n二、履行职责"),
    ("全年学习１２次。", ["１２"], "全年学习12次。"),
    ("深入学习党 的二十大精神，持续推进工作。", [" "], "深入学习党的二十大精神，持续推进工作。"),
    ("做到“两个维护，坚定信念。", ["“"], None),
    ("学习《条例，深入贯彻。", ["《"], None),
    # 顿号 between quoted or titled items (GB/T 15834-2011 4.5.3.5): info, removed by --fix
    ("围绕“强”、“凝”、“实”三个字开展工作。", ["、", "、"], "围绕“强”“凝”“实”三个字开展工作。"),
    ("学习《条例》、《准则》。", ["、"], "学习《条例》《准则》。"),
]

CLEAN = [
    # a published title keeps its own blanks (the 2021 book of the four leaders' words)
    "学习《毛泽东 邓小平 江泽民 胡锦涛关于中国共产党历史论述摘编》，写了读书笔记。",
    "经费1,000元，时间8:30，比例3.5。",
    "网址https://www.example.cn/a.html，请访问。",
    "1.加强学习",
    "做到“两个维护”，坚定“四个自信”。",
    "学习（第四卷），开展（一）项。",
    "坚持不懈——这是作风。一是……二是……",
    "述职人：张  三",
    "2022年述德述廉述职报告",
    "机械与动力工程学院党委书记　周启明",
    "学习《条例》（2023年修订）、《准则》和《规定》。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
]


@pytest.mark.parametrize("text, found, fixed", FOUND)
def test_punctuation_problems(run, text, found, fixed):
    findings = run(text, "punctuation")
    assert [f.text for f in findings] == found
    assert all(f.severity == ("info" if f.text == "、" else "warning") and "国标" in f.message for f in findings)
    if fixed is not None:
        assert apply_fixes(text, findings) == fixed


@pytest.mark.parametrize("text", CLEAN)
def test_clean_punctuation(run, text):
    assert run(text, "punctuation") == []


def test_markdown_links_are_not_half_width_errors(run):
    assert run("参见[通知](https://example.cn)。", "punctuation", markdown=True) == []


def test_a_document_half_width_throughout_is_one_finding_and_one_fix(run):
    text = "一、加强学习\n认真学习,深入贯彻;全面落实:加强领导,提高站位.\n二、履行职责\n开展调研(3次),解决问题."
    findings = run(text, "punctuation")
    assert len(findings) == 1 and "全文使用半角标点（共9处）" in findings[0].message
    assert findings[0].line == 2 and findings[0].text == ","
    assert apply_fixes(text, findings) == \
        "一、加强学习\n认真学习，深入贯彻；全面落实：加强领导，提高站位。\n二、履行职责\n开展调研（3次），解决问题。"


def test_a_few_half_width_marks_are_reported_one_by_one(run):
    text = "认真学习，深入贯彻，全面落实，加强领导,提高站位。"
    assert [f.text for f in run(text, "punctuation")] == [","]


def test_quoted_items_are_a_recommendation_not_a_warning(run):
    finding = run("落实“强”、“凝”。", "punctuation")[0]
    assert finding.severity == "info" and "4.5.3.5" in finding.basis and "通常不用顿号" in finding.basis
