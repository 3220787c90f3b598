from shuzhi.checker import apply_fixes, check_text

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


def test_a_sentence_copied_into_a_list_of_items_is_a_repeat(run):
    body = "全年主持党委会9次。坚持把党的领导融入公司治理各环节，把党建成效转化为发展活力。"
    plans = "一是深入学习全会精神；二是坚持把党的领导融入公司治理各环节，把党建成效转化为发展活力；三是轮训书记。"
    findings = run(f"{body}\n下一步：\n{plans}", "duplicate")
    assert [(f.line, f.text) for f in findings] == [(3, "坚持把党的领导融入公司治理各环节，把党建成效转化为发展活力；")]
    assert "第1行" in findings[0].message and not findings[0].fixable


def test_a_repeated_sentence_is_not_reported_again_as_its_clauses(run):
    sentence = "一是严格执行中央八项规定及其实施细则精神；二是管好家属子女和身边工作人员，守住廉洁底线。"
    assert len(run(f"{sentence}\n{sentence}", "duplicate")) == 1


def test_a_clause_repeated_later_as_a_whole_sentence_is_a_repeat(run):
    items = "一是深入学习全会精神；二是全年坚持把党的领导融入公司治理各环节，把党建成效转化为发展活力。"
    findings = run(f"{items}\n全年坚持把党的领导融入公司治理各环节，把党建成效转化为发展活力。", "duplicate")
    assert [f.line for f in findings] == [2] and "第1行" in findings[0].message


def test_a_short_sentence_said_twice_in_a_row_is_a_repeat():
    text = "2022年工作总结\n全年练兵考核合格率100%。全所无违法违纪问题。全所无违法违纪问题。\n"
    findings = check_text(text, rules=["duplicate"])
    assert len(findings) == 1 and findings[0].fixable
    assert apply_fixes(text, findings) == "2022年工作总结\n全年练兵考核合格率100%。全所无违法违纪问题。\n"
    apart = "2022年工作总结\n全所无违法违纪问题。全年练兵考核合格率100%。全所无违法违纪问题。\n"
    assert check_text(apart, rules=["duplicate"]) == []  # a short formula may recur


def test_the_byline_and_the_signature_naming_the_unit_are_no_repeat():
    text = ("2021年工作总结\n湘潭市岳塘区市场监督管理局\n全年办理注册登记业务1.2万件，同比增长12%。\n"
            "湘潭市岳塘区市场监督管理局\n2021年12月28日\n")
    assert check_text(text, rules=["duplicate"]) == []


def test_a_sentence_with_one_word_changed_is_a_repeat():
    text = ("2025年工作总结\n一、库房安全\n坚持把档案安全作为不可逾越的红线，做到库房安全检查每周一次、设施设备维护每月一次。\n"
            "二、打算\n一是推进数字化；二是坚持把档案安全作为不可逾越的底线，做到库房安全检查每周一次、设施设备维护每月一次。\n"
            "三、诉源治理\n对矛盾纠纷要抓前端、治未病，能调则调、当判则判。全年化解纠纷2100件。对矛盾纠纷要抓前端、治未病，能调就调、当判则判。\n")
    findings = check_text(text, rules=["duplicate"])
    assert [f.line for f in findings] == [5, 7] and all("几乎相同" in f.message for f in findings)


def test_two_facts_in_the_same_words_are_no_repeat():
    text = ("2025年工作总结\n组织党员到社区开展志愿服务活动12次，服务群众800人次。\n"
            "组织党员到社区开展志愿服务活动15次，服务群众800人次。\n")
    assert check_text(text, rules=["duplicate"]) == []
