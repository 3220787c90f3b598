import pytest

from shuzhi.checker import apply_fixes, check_text
from shuzhi.checker.data import load

FOUND = [
    ("坚持以习近平新时代的中国特色社会主义思想为指导。", "习近平新时代的中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
    ("紧密团结在以习近平总书记为核心的党中央周围。", "以习近平总书记为核心的党中央", "以习近平同志为核心的党中央"),
    ("增强大局意识、政治意识、核心意识、看齐意识。", "大局意识、政治意识、核心意识、看齐意识", "政治意识、大局意识、核心意识、看齐意识"),
    ("坚定理论自信、道路自信、制度自信、文化自信。", "理论自信、道路自信、制度自信、文化自信", "道路自信、理论自信、制度自信、文化自信"),
    ("反对官僚主义、形式主义、享乐主义和奢靡之风。", "官僚主义、形式主义、享乐主义和奢靡之风", "形式主义、官僚主义、享乐主义和奢靡之风"),
    ("一体推进不敢腐、不想腐、不能腐。", "不敢腐、不想腐、不能腐", "不敢腐、不能腐、不想腐"),
    ("坚定“四个意识”，做到“两个维护”。", "坚定“四个意识”", "增强“四个意识”"),
    ("树立两个维护。", "树立两个维护", "做到两个维护"),
    ("落实一岗两责。", "一岗两责", "一岗双责"),
    ("严格执行中央八条规定。", "中央八条规定", "中央八项规定"),
    ("认真落实“三会一党课”制度。", "“三会一党课”", "“三会一课”"),
    ("学习贯彻习近平教育思想。", "习近平教育思想", "习近平总书记关于教育的重要论述"),
    ("深入学习习近平法制思想。", "习近平法制思想", "习近平法治思想"),
    ("深入学习贯彻党的二十大三中全会精神。", "二十大三中全会", "二十届三中全会"),
    ("全面准确完整贯彻新发展理念。", "全面准确完整贯彻新发展理念", "完整准确全面贯彻新发展理念"),
    ("坚持总体国家安全观，反对整体国家安全观。", "整体国家安全观", "总体国家安全观"),
    ("增强4个意识。", "4个意识", "四个意识"),
    ("学习习总书记重要讲话。", "习总书记", "习近平总书记"),
    ("严守《党纪处分条例》。", "《党纪处分条例》", "《中国共产党纪律处分条例》"),
    ("落实党委领导下的校长责任制。", "党委领导下的校长责任制", "党委领导下的校长负责制"),
]

CLEAN = [
    "坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "树牢“四个意识”，坚决维护习近平总书记党中央的核心、全党的核心地位。",
    "坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
    "增强政治意识、大局意识、核心意识、看齐意识。",
    "纠治形式主义、官僚主义，反对享乐主义和奢靡之风。",
    "严格贯彻中央八项规定精神，持续开展深入贯彻中央八项规定精神学习教育。",
    "深入学习贯彻党的二十大和二十届三中全会精神。",
    "学习贯彻习近平新时代中国特色社会主义思想主题教育。",
    "创新、协调、绿色、开放、共享的新发展理念。",
    "党的十二届三中全会通过了经济体制改革的决定。",
    "组织学习总书记重要讲话，做好学习总结。",
]


@pytest.mark.parametrize("text, wrong, correct", FOUND)
def test_wrong_forms_are_reported_with_the_standard_form(run, text, wrong, correct):
    findings = run(text, "nonstandard-term")
    assert [(f.text, f.suggestion) for f in findings] == [(wrong, correct)]
    assert apply_fixes(text, findings) == text.replace(wrong, correct)
    assert findings[0].basis and findings[0].basis in findings[0].message


@pytest.mark.parametrize("text", CLEAN)
def test_standard_forms_are_not_reported(run, text):
    assert run(text, "nonstandard-term") == []


ENTRIES = load("formulations")


def test_at_least_forty_entries_each_with_a_basis():
    assert len(ENTRIES) >= 40
    for entry in ENTRIES:
        assert entry.get("basis", "").startswith(("条例", "国标", "中央文件表述", "实务惯例")), entry


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.get("wrong")], ids=lambda e: e["correct"])
def test_every_literal_wrong_form_is_found_and_its_correct_form_is_clean(entry):
    for wrong in entry["wrong"]:
        findings = check_text(f"我们要{wrong}。", rules=["nonstandard-term"])
        assert findings and findings[0].text.replace('"', "") in (wrong, wrong.replace("“", "").replace("”", "")), wrong
        quoted = "“" in wrong
        assert findings[0].suggestion == (entry["correct"] if quoted else entry["correct"].replace("“", "").replace("”", ""))
    assert check_text(f"我们要{entry['correct']}。", rules=["nonstandard-term"]) == []
