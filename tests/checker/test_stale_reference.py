import pytest

from shuzhi.checker import check_text

FOUND = [
    # (text, year, reported text, severity)
    ("2022年述德述廉述职报告\n\n2022年，我坚持学习。", 2023, "2022", "error"),
    ("认真学习贯彻十九届六中全会精神。", 2023, "十九届六中全会", "error"),
    ("深入学习十九届六中和七中全会精神。", 2024, "十九届六中和七中全会", "error"),
    ("组织学习十九届中央纪委六次全会精神。", 2023, "十九届中央纪委六次全会", "error"),
    ("学习贯彻党的十九大精神。", 2023, "十九大", "error"),
    ("以优异成绩迎接二十大胜利召开。", 2023, "迎接二十大", "error"),
    ("深入学习二十届三中全会精神。", 2022, "二十届三中全会", "error"),
    ("深入学习党的二十大和二十届二中全会精神。", 2024, "二十届二中全会", "warning"),
    ("学习二十届中央纪委二次全会精神。", 2024, "二十届中央纪委二次全会", "warning"),
    ("今年扎实开展党纪学习教育。", 2025, "党纪学习教育", "warning"),
    ("深入开展党史学习教育。", 2023, "党史学习教育", "warning"),
    ("今年是“十四五”开局之年。", 2023, "十四五", "warning"),
    ("“十四五”期间将继续推进数字化建设。", 2026, "十四五”期间将", "warning"),
    ("为决胜全面建成小康社会贡献力量。", 2023, "决胜全面建成小康社会", "error"),
    ("加强疫情防控工作。", 2024, "疫情防控", "warning"),
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
    ("巩固党纪学习教育成果。", 2025),
    ("下一步，2024年我将扎实开展党纪学习教育。", 2023),
    ("推动党史学习教育常态化长效化。", 2022),
    ("加强疫情防控工作。", 2022),
    ("庆祝建党101周年。", 2022),
    ("2023年工作打算：到2035年基本实现现代化。", 2022),
    ("“十四五”（2021—2025年）规划实施。", 2022),
    ("到2028年完成全部任务。", 2024),
    ("以优异成绩迎接党的二十大胜利召开。", 2021),
    ("“十四五”期间将继续推进数字化建设。", 2024),
    ("确保2027年实现建军百年奋斗目标。", 2024),
    ("二十届四中全会审议通过了“十五五”规划建议，学习二十届四中全会精神。", 2025),
]


@pytest.mark.parametrize("text, year, found, severity", FOUND)
def test_stale_references_are_reported(run, text, year, found, severity):
    findings = run(text, "stale-reference", year=year)
    assert [(f.text, f.severity) for f in findings][:1] == [(found, severity)], findings


@pytest.mark.parametrize("text, year", CLEAN)
def test_current_and_historical_references_are_not(run, text, year):
    assert run(text, "stale-reference", year=year) == []


def test_year_read_off_the_title_when_not_given(run):
    text = "2024年述职报告\n\n今年扎实开展党纪学习教育，学习二十届三中全会精神。"
    assert run(text, "stale-reference") == []
    # for 2025: wrong title year, last year's campaign, and 四中全会 (2025-10) missing
    assert [f.text for f in run(text, "stale-reference", year=2025)] == ["2024", "党纪学习教育", "二十届三中全会"]


def test_title_year_fix_is_exact(run):
    from shuzhi.checker import apply_fixes

    text = "2022年述德述廉述职报告\n\n2022年，我坚持学习。"
    assert apply_fixes(text, run(text, "stale-reference", year=2023)) == \
        "2023年述德述廉述职报告\n\n2023年，我坚持学习。"


def test_sessions_are_data_with_dates():
    from shuzhi.checker.data import load

    sessions = load("sessions")
    assert {(p["term"], p["number"]) for p in sessions["plenums"]} >= {(19, 6), (20, 3), (20, 4)}
    assert all(hasattr(p["start"], "year") for p in sessions["plenums"] + sessions["discipline"])
