import pytest

from shuzhi.checker import apply_fixes, check_text

FOUND = [
    # (text, year, reported text, severity)
    ("2022年述德述廉述职报告\n\n2022年，我坚持学习。", 2023, "2022", "error"),
    ("认真学习贯彻十九届六中全会精神。", 2023, "十九届六中全会", "error"),
    ("深入学习十九届六中和七中全会精神。", 2024, "十九届六中和七中全会", "error"),
    ("组织学习十九届中央纪委六次全会精神。", 2023, "十九届中央纪委六次全会", "error"),
    ("学习贯彻党的十九大精神。", 2023, "十九大", "error"),
    ("学习贯彻党的十九大和十九届历次全会精神。", 2023, "十九大", "error"),
    ("认真学习党的十九届历次全会精神。", 2023, "十九届历次全会", "error"),
    ("学习贯彻中央纪委十九届四次全会精神。", 2023, "中央纪委十九届四次全会", "error"),
    ("学习贯彻中央纪委二十届三次全会精神。", 2025, "中央纪委二十届三次全会", "warning"),
    ("2024年度述职报告\n\n张明\n\n各位领导：\n\n现将本人2023年度履职情况报告如下。", None, "2023", "error"),
    ("以优异成绩迎接二十大胜利召开。", 2023, "迎接二十大", "error"),
    ("深入学习宣传贯彻即将召开的党的二十大精神。", 2022, "即将召开的党的二十大", "error"),
    ("深入学习二十届三中全会精神。", 2022, "二十届三中全会", "error"),
    # the latest plenum of the year missing where the sessions studied are listed
    ("深入学习党的二十大和二十届二中全会精神。", 2024, "二十届二中全会", "warning"),
    ("深入学习贯彻党的二十大和二十届二中全会精神。", 2025, "二十届二中全会", "warning"),
    ("认真学习党的二十大精神和二十届二中、三中全会精神。", 2025, "二十届二中、三中全会", "warning"),
    ("学习二十届中央纪委二次全会精神。", 2024, "二十届中央纪委二次全会", "warning"),
    # campaigns of another year, plans, outdated goals and slogans
    ("今年扎实开展党纪学习教育。", 2025, "党纪学习教育", "warning"),
    ("深入开展党史学习教育。", 2023, "党史学习教育", "warning"),
    ("扎实开展党的群众路线教育实践活动。", 2016, "党的群众路线教育实践活动", "warning"),
    ("今年是“十四五”开局之年。", 2023, "十四五", "warning"),
    ("以“十四五”开局为契机，谋划新一年工作。", 2026, "十四五", "warning"),
    ("“十四五”期间将继续推进数字化建设。", 2026, "十四五”期间将", "warning"),
    ("深入实施“十四五”规划。", 2026, "深入实施“十四五”规划", "warning"),
    ("为决胜全面建成小康社会贡献力量。", 2023, "决胜全面建成小康社会", "error"),
    ("加强疫情防控工作。", 2024, "疫情防控", "warning"),
    ("坚持以为民务实清廉为指导，加强作风建设。", 2025, "以为民务实清廉为指导", "warning"),
    ("坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导。", 2019,
     "坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导", "warning"),
    # bodies that no longer exist in the report's year
    ("配合国税、地税部门开展重点税源企业走访。", 2020, "国税、地税部门", "warning"),
    ("与县卫计委、安监局、工商局对接。", 2021, "卫计委", "warning"),
    ("按照中央全面深化改革领导小组部署推进改革。", 2019, "中央全面深化改革领导小组", "error"),
    ("配合纪委监察局开展监督检查。", 2020, "纪委监察局", "warning"),
    ("协调银保监局做好金融风险防控。", 2024, "银保监局", "warning"),
    ("配合县公安消防大队开展消防检查。", 2020, "公安消防大队", "warning"),
    ("配合县综治办做好矛盾纠纷排查。", 2021, "综治办", "warning"),
    ("县卫生局组织开展义诊。", 2019, "卫生局", "warning"),
    ("全年组织国税收入8.6亿元。", 2019, "国税收入", "error"),
    ("深入推进扫黑除恶专项斗争。", 2021, "扫黑除恶专项斗争", "warning"),
    ("坚决打好三大攻坚战。", 2022, "坚决打好三大攻坚战", "warning"),
    ("深入开展安全生产专项整治三年行动。", 2023, "深入开展安全生产专项整治三年行动", "warning"),
    ("今年是“基层减负年”，切实为基层松绑。", 2021, "基层减负年", "warning"),
    ("走访建档立卡贫困户120户。", 2023, "建档立卡贫困户", "warning"),
    ("2023年度述职报告\n\n现将本人2023年度履职情况报告如下。\n一、2022年主要工作\n认真履职。", None, "2022", "error"),
    # anniversaries off by more than a year
    ("开展纪念红军长征胜利80周年主题活动。", 2024, "80", "error"),
    # years that contradict each other within a report
    ("2024年述职报告\n\n现将本人2023年度履职情况报告如下。", None, "2023", "error"),
    ("2024年述职报告\n\n2023年以来，我认真履行职责。本年度共开展活动12次。", None, "2023", "warning"),
    ("2024年述职报告\n\n2024年，我认真履职。\n四、2023年工作打算\n一是继续学习。", None, "2023", "error"),
    ("2024年述职报告\n\n2024年，我认真履职。\n四、2024年工作打算\n一是继续学习。", None, "2024", "warning"),
    ("2024年述职报告\n\n2024年，我认真履职。\n　　　　张三\n　　　　2023年12月28日", None, "2023", "error"),
    ("二〇二四年述职报告\n\n2024年，我认真履职。\n　　　　张三\n　　　　二〇二三年十二月二十八日", None, "二〇二三",
     "error"),
    ("述职报告\n\n现将本人2023年度履职情况报告如下。\n四、2023年工作打算", None, "2023", "warning"),
    # anniversaries, years after Y+1
    ("庆祝建党100周年。", 2024, "100", "error"),
    ("计划于2027年完成。", 2024, "2027", "warning"),
]

CLEAN = [
    ("深入学习党的二十大精神、十九届六中和七中全会精神。", 2022),
    ("组织学习十九届中央纪委六次全会精神。", 2022),
    ("十九届六中全会通过的历史决议是重要文献。", 2024),
    ("党的十九大以来，学校发展迅速。", 2024),
    ("深入学习党的二十大和二十届三中全会精神。", 2024),
    ("深入学习党的二十大和二十届历次全会精神。", 2026),
    ("深入学习党的二十大和二十届二中、三中、四中全会精神。", 2025),
    ("巩固党纪学习教育成果。", 2025),
    ("下一步，2024年我将扎实开展党纪学习教育。", 2023),
    ("推动党史学习教育常态化长效化。", 2022),
    ("常态长效开展党史学习教育。", 2024),
    ("上半年以实际行动迎接党的二十大胜利召开，下半年深入学习贯彻党的二十大精神。", 2022),
    ("加强疫情防控工作。", 2022),
    ("庆祝建党101周年。", 2022),
    ("2023年工作打算：到2035年基本实现现代化。", 2022),
    ("“十四五”（2021—2025年）规划实施。", 2022),
    ("到2028年完成全部任务。", 2024),
    ("以优异成绩迎接党的二十大胜利召开。", 2021),
    ("“十四五”期间将继续推进数字化建设。", 2024),
    ("确保2027年实现建军百年奋斗目标。", 2024),
    ("二十届四中全会审议通过了“十五五”规划建议，学习二十届四中全会精神。", 2025),
    # plans: next year's start, history of a finished plan
    ("2026年是“十五五”开局之年，我们将谋划好新一年工作。", 2025),
    ("以“十五五”开局为契机，谋划新一年工作。", 2025),
    ("2025年“十四五”圆满收官，今年是“十五五”开局之年。", 2026),
    ("今年是“十四五”收官之年。", 2025),
    # bodies: before the reform, or as history
    ("配合国税、地税部门开展重点税源企业走访。", 2017),
    ("原国税、地税部门合并后，工作有序衔接。", 2019),
    ("国税地税征管体制改革顺利完成，全国税收收入稳步增长。", 2019),
    ("县自然资源和规划局、卫生健康局和卫生部门协同推进。", 2020),
    ("巩固安全生产专项整治三年行动成果，帮扶原建档立卡贫困户。", 2023),
    ("2019年“基层减负年”以来，会议文件明显精简。", 2021),
    ("扎实推进常态化扫黑除恶斗争，庆祝建军95周年。", 2022),
    ("在农业农村局、文化和旅游局的支持下，农业部门、文化部门协同推进，纪检监察部门加强监督。", 2020),
    # the report year, next year's plans, the date of writing
    ("2024年述职报告\n\n2024年，我认真履职。对照2024年工作计划，完成各项任务。\n四、2025年工作打算\n　　　　2025年1月6日", None),
    ("2024年述职报告\n\n2021年以来，我担任党委书记。2024年，认真履职。", None),
    ("2024年述职报告\n\n2024年，我认真履职。\n（三）完成2024年工作计划情况\n全面完成。", None),
    ("2024年述职报告\n\n2024年，我认真履职。\n一、2021年以来的主要成效\n好。\n二、比2023年增长的指标\n好。\n三、2025年工作打算\n好。", None),
]


@pytest.mark.parametrize("text, year, found, severity", FOUND)
def test_stale_references_are_reported(run, text, year, found, severity):
    findings = run(text, "stale-reference", year=year)
    assert [(f.text, f.severity) for f in findings][:1] == [(found, severity)], findings
    assert all(f.basis and "依据" in f.message for f in findings)


@pytest.mark.parametrize("text, year", CLEAN)
def test_current_and_historical_references_are_not(run, text, year):
    assert run(text, "stale-reference", year=year) == []


def test_year_read_off_the_title_when_not_given(run):
    text = "2024年述职报告\n\n今年扎实开展党纪学习教育，学习二十届三中全会精神。"
    assert run(text, "stale-reference") == []
    # for 2025: wrong title year, last year's campaign, and 四中全会 (2025-10) missing
    assert [f.text for f in run(text, "stale-reference", year=2025)] == ["2024", "党纪学习教育", "二十届三中全会"]


def test_year_read_off_the_preamble_when_the_title_has_none(run):
    text = "述职报告\n\n现将本人2024年度履职情况报告如下。\n深入学习党的二十大和二十届二中全会精神。"
    assert [f.text for f in run(text, "stale-reference")] == ["二十届二中全会"]


def test_fixes_are_exact(run):
    text = "2022年述德述廉述职报告\n\n2022年，我坚持学习。"
    assert apply_fixes(text, run(text, "stale-reference", year=2023)) == \
        "2023年述德述廉述职报告\n\n2023年，我坚持学习。"
    plans = "以“十四五”开局为契机，谋划新一年工作。"
    assert apply_fixes(plans, run(plans, "stale-reference", year=2026)) == "以“十五五”开局为契机，谋划新一年工作。"
    body = "配合国税、地税部门开展工作。"  # the new name depends on the sentence: advice only
    assert apply_fixes(body, run(body, "stale-reference", year=2020)) == body


def test_sessions_and_bodies_are_data_with_dates():
    from shuzhi.checker.data import load

    sessions = load("sessions")
    assert {(p["term"], p["number"]) for p in sessions["plenums"]} >= {(19, 6), (20, 3), (20, 4)}
    assert all(hasattr(p["start"], "year") for p in sessions["plenums"] + sessions["discipline"])
    for body in load("bodies"):
        assert isinstance(body["from"], int) and body["now"] and body["basis"].startswith(("中央文件表述", "法律", "实务惯例"))


def test_the_basis_names_the_session_itself(run):
    finding = run("深入学习贯彻党的二十大和二十届二中全会精神。", "stale-reference", year=2025)[0]
    assert finding.basis == "中央文件表述（二十届四中全会公报，2025年10月）"


def test_update_mode_flags_come_from_the_same_rule():
    """One list of superseded references: update mode asks the checker."""
    from shuzhi.update.review import stale_findings as _stale_findings

    text = "深入学习十九届六中全会精神，加强疫情防控。"
    assert [t for _, t, _ in _stale_findings(text, 2024)] == \
        [f.text for f in check_text(text, year=2024, rules=["stale-reference"])]
