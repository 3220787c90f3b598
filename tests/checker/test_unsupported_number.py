import pytest

from shuzhi.facts import parse_facts

FACTS = parse_facts("""
year: 2022
unit: 图书与信息服务中心
person: 张三
honours: [党支部获评2021年度先进基层党组织]
sections:
  political:
    items: ["理论学习组集中学习{理论学习组集中学习}", 分六批次宣讲中央八项规定]
    figures:
      - {name: 理论学习组集中学习, value: 12, unit: 次}
      - {name: 学习率, value: 100.0, unit: "%"}
      - {name: 经费, value: 3.5, unit: 万元}
""")

FOUND = [
    ("理论学习组集中学习15次。", ["15"]),
    ("全年开展活动十五次。", ["十五"]),
    ("学习率达到98%。", ["98"]),
    ("投入经费3.6万元，9月1日开馆。", ["3.6", "9", "1"]),
]

CLEAN = [
    "理论学习组集中学习12次，学习率达到100%，经费3.5万元。",
    "理论学习组集中学习十二次，分六批次宣讲。",
    "2022年述德述廉述职报告",
    "2023年工作打算。党支部获评2021年度先进基层党组织。",
    "学习党的二十大精神和十九届六中全会精神，落实第一议题，推进“十四五”规划。",
    "学习《习近平谈治国理政》（第四卷）和《2022年工作要点》。",
    "1.加强学习\n（2）落实责任",
    "推进1+X证书和5G校园建设，建设211工程高校。",
    "一是学习，两个维护，四个意识，三会一课。",
    "理论学习组集中学习【待补充：15次】。",
    "投入经费3.5万元，覆盖3.5万人次。",  # the 万 of 3.5万 is no figure of its own
    "（一）、加强学习\n1）落实责任",
]


@pytest.mark.parametrize("text, found", FOUND)
def test_numbers_not_in_the_facts_are_reported(run, text, found):
    findings = run(text, "unsupported-number", facts=FACTS)
    assert [f.text for f in findings] == found
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize("text", CLEAN)
def test_supported_and_fixed_numbers_are_not(run, text):
    assert run(text, "unsupported-number", facts=FACTS) == []


def test_rule_needs_facts(run):
    assert run("学习15次。", "unsupported-number") == []


@pytest.mark.parametrize("text", ["严格贯彻中央八项规定精神。", "统筹推进“五位一体”总体布局。",
                                  "坚持四项基本原则。", "落实三项制度。", "增强四个意识。"])
def test_numbers_in_fixed_names_are_not_figures(run, text):
    assert run(text, "unsupported-number", facts=FACTS) == []
