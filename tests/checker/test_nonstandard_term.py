import random
import re

import pytest

from shuzhi.checker import apply_fixes, check_text
from shuzhi.checker.data import load
from shuzhi.checker.finding import BASES
from shuzhi.checker.formulations import compiled, near_form
from shuzhi.checker.nearmiss import Haystack, NearMissIndex, one_edit

# (text, report year or None, reported text, suggestion, text after --fix or None when the
# suggestion is advice only)
FOUND = [
    # known wrong forms
    ("紧密团结在以习近平总书记为核心的党中央周围。", None, "以习近平总书记为核心的党中央", "以习近平同志为核心的党中央", ...),
    ("落实一岗两责。", None, "一岗两责", "一岗双责", ...),
    ("严格执行中央八条规定。", None, "中央八条规定", "中央八项规定", ...),
    ("认真落实“三会一党课”制度。", None, "“三会一党课”", "“三会一课”", ...),
    ("学习贯彻习近平教育思想。", None, "习近平教育思想", "习近平总书记关于教育的重要论述", ...),
    ("深入学习贯彻党的二十大三中全会精神。", None, "二十大三中全会", "二十届三中全会", ...),
    ("全面准确完整贯彻新发展理念。", None, "全面准确完整贯彻新发展理念", "完整准确全面贯彻新发展理念", ...),
    ("坚持总体国家安全观，反对整体国家安全观。", None, "整体国家安全观", "总体国家安全观", ...),
    ("增强4个意识。", None, "4个意识", "四个意识", ...),
    ("学习习总书记重要讲话。", None, "习总书记", "习近平总书记", ...),
    ("严守《党纪处分条例》。", None, "《党纪处分条例》", "《中国共产党纪律处分条例》", ...),
    ("深入学习20届三中全会精神。", None, "20届三中全会", "二十届三中全会", ...),
    # near-misses, found by form: one character inserted, dropped, replaced, or two swapped
    ("坚持以习近平新时代的中国特色社会主义思想为指导。", None, "习近平新时代的中国特色社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特色的社会主义思想为指导。", None, "习近平新时代中国特色的社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特色社会主意思想为指导。", None, "习近平新时代中国特色社会主意思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特社会主义思想为指导。", None, "习近平新时代中国特社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国色特社会主义思想为指导。", None, "习近平新时代中国色特社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("紧密团结在以习近平同志为核心党中央周围。", None, "以习近平同志为核心党中央", "以习近平同志为核心的党中央", ...),
    ("深入学习习近平法制思想。", None, "习近平法制思想", "习近平法治思想", ...),
    ("严格遵守《中国共产党纪律处份条例》。", None, "中国共产党纪律处份条例", "中国共产党纪律处分条例", ...),
    ("践行绿水青山也是金山银山的理念。", None, "绿水青山也是金山银山", "绿水青山就是金山银山", ...),
    ("确立习近平新时代中国特色社会主义思想的领导地位。", None, "确立习近平新时代中国特色社会主义思想的领导地位",
     "确立习近平新时代中国特色社会主义思想的指导地位", ...),
    # an item of a fixed list is a fixed term too
    ("坚决维护习近平总书记党中央核心、全党的核心地位。", None, "坚决维护习近平总书记党中央核心、全党的核心地位",
     "坚决维护习近平总书记党中央的核心、全党的核心地位", ...),
    # a fixed list in its order with one item altered: the standard item put back
    ("坚持对党忠诚、服务人民、执法公正、纪律严格的总要求。", None, "对党忠诚、服务人民、执法公正、纪律严格",
     "对党忠诚、服务人民、执法公正、纪律严明", ...),
    ("坚持安全第一、预防为主、综合防治的方针。", None, "安全第一、预防为主、综合防治",
     "安全第一、预防为主、综合治理", ...),
    ("推动产业振兴、人材振兴、文化振兴、生态振兴、组织振兴。", None, "产业振兴、人材振兴、文化振兴、生态振兴、组织振兴",
     "产业振兴、人才振兴、文化振兴、生态振兴、组织振兴", ...),
    # enumerations out of their standard order: reordered in place
    ("履行政治协商、参政议政、民主监督职能。", None, "政治协商、参政议政、民主监督", "政治协商、民主监督、参政议政", ...),
    ("增强大局意识、政治意识、核心意识、看齐意识。", None, "大局意识、政治意识、核心意识、看齐意识",
     "政治意识、大局意识、核心意识、看齐意识", ...),
    ("坚定理论自信、道路自信、制度自信、文化自信。", None, "理论自信、道路自信、制度自信、文化自信",
     "道路自信、理论自信、制度自信、文化自信", ...),
    ("反对官僚主义、形式主义、享乐主义和奢靡之风。", None, "官僚主义、形式主义、享乐主义和奢靡之风",
     "形式主义、官僚主义、享乐主义和奢靡之风", ...),
    ("一体推进不敢腐、不想腐、不能腐。", None, "不敢腐、不想腐、不能腐", "不敢腐、不能腐、不想腐", ...),
    ("统筹政治建设、经济建设、文化建设、社会建设、生态文明建设。", None,
     "政治建设、经济建设、文化建设、社会建设、生态文明建设", "经济建设、政治建设、文化建设、社会建设、生态文明建设", ...),
    ("推进全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党。", None,
     "全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党",
     "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党", ...),
    ("确立习近平新时代中国特色社会主义思想的指导地位，确立习近平同志党中央的核心、全党的核心地位。", None,
     "确立习近平新时代中国特色社会主义思想的指导地位，确立习近平同志党中央的核心、全党的核心地位",
     "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位", ...),
    ("坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。", None,
     "坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位",
     "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导", ...),
    ("贯彻创新、协调、开放、绿色、共享的新发展理念。", None, "创新、协调、开放、绿色、共享", "创新、协调、绿色、开放、共享", ...),
    ("严守政治纪律、组织纪律、群众纪律、廉洁纪律、工作纪律和生活纪律。", None,
     "政治纪律、组织纪律、群众纪律、廉洁纪律、工作纪律和生活纪律", "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律", ...),
    ("落实支部委员会、支部党员大会、党小组会和党课制度。", None, "支部委员会、支部党员大会、党小组会和党课",
     "支部党员大会、支部委员会、党小组会和党课", ...),
    ("践行富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、友善、诚信。", None,
     "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、友善、诚信",
     "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善", ...),
    ("从德、能、绩、勤、廉五个方面述职。", None, "德、能、绩、勤、廉", "德、能、勤、绩、廉", ...),
    # collocations: the word of another slogan before or after it
    ("坚定“四个意识”，做到“两个维护”。", None, "坚定“四个意识”", "增强“四个意识”", ...),
    ("树立两个维护。", None, "树立两个维护", "做到两个维护", ...),
    ("协调推进“五位一体”总体布局。", None, "协调推进“五位一体”", "统筹推进“五位一体”", ...),
    ("统筹推进“四个全面”战略布局。", None, "统筹推进“四个全面”", "协调推进“四个全面”", ...),
    ("统筹推进“五位一体”战略布局。", None, "“五位一体”战略布局", "“五位一体”总体布局", ...),
    ("协调推进“四个全面”总体布局。", None, "“四个全面”总体布局", "“四个全面”战略布局", ...),
    ("执纪监督“四种形态”运用到位。", None, "执纪监督“四种形态”", "监督执纪“四种形态”", ...),
    # a verb shared by a list of slogans: advice, never a rewrite
    ("坚定“四个意识”“四个自信”。", None, "坚定“四个意识”", "增强“四个意识”", None),
    ("坚定“四个意识”、“四个自信”。", None, "坚定“四个意识”", "增强“四个意识”", None),
    ("全面做到“两个确立”。", None, "做到“两个确立”", "深刻领悟“两个确立”的决定性意义", None),
    # outdated names and slogans, in reports for years after they stopped being current
    ("严守《廉政准则》。", 2020, "《廉政准则》", "《中国共产党廉洁自律准则》", ...),
    ("坚定三个自信。", 2018, "三个自信", "四个自信", ...),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", 2022,
     "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
     "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党", ...),
    ("认真学习《中国共产党纪律处分条例》（2018年修订）。", 2024, "《中国共产党纪律处分条例》（2018年修订）",
     "《中国共产党纪律处分条例》", None),
    ("对照《中国共产党党内监督条例（试行）》。", 2020, "《中国共产党党内监督条例（试行）》", "《中国共产党党内监督条例》", ...),
]

CLEAN = [
    # grammar around a match: the verb governs another noun
    ("切实增强“两个维护”的政治自觉。", None),
    ("不断增强“两个维护”的思想自觉、政治自觉和行动自觉。", None),
    ("坚定“两个维护”的决心。", None),
    # accepted variants
    ("坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、做到“两个维护”。", None),
    ("树牢“四个意识”，坚决维护习近平总书记党中央的核心、全党的核心地位。", None),
    ("坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。", None),
    ("增强“四个意识”和“四个自信”。", None),
    ("更加自觉地增强道路自信、理论自信、制度自信、文化自信。", None),
    ("坚决做到“两个维护”，深刻领悟“两个确立”的决定性意义。", None),
    ("统筹推进“五位一体”总体布局和“四个全面”战略布局。", None),
    ("增强政治意识、大局意识、核心意识、看齐意识。", None),
    # a list in order with its own items, or a longer item that starts with the standard one
    ("坚持对党忠诚、服务人民、执法公正、纪律严明的总要求。", None),
    ("坚持安全第一、预防为主、综合治理方针，推动产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。", None),
    ("坚持政治协商、民主监督、参政议政。", None),
    ("纠治形式主义、官僚主义，反对享乐主义和奢靡之风。", None),
    ("严格贯彻中央八项规定精神，持续开展深入贯彻中央八项规定精神学习教育。", None),
    ("深入学习贯彻党的二十大和二十届三中全会精神。", None),
    ("学习贯彻习近平新时代中国特色社会主义思想主题教育。", None),
    ("创新、协调、绿色、开放、共享的新发展理念。", None),
    ("党的十二届三中全会通过了经济体制改革的决定。", None),
    ("组织学习总书记重要讲话，做好学习总结。", None),
    ("落实全面从严治校主体责任，学习习近平经济思想和习近平生态文明思想。", None),
    ("认真落实党委领导下的校长负责制，指导附属中学推进党组织领导的校长负责制。", None),
    ("坚持不忘初心，牢记使命。", None),
    ("形成了中国共产党人的精神谱系。", None),
    ("落实党委领导下的院长负责制，学习《中国共产党简史》《论中国共产党历史》。", None),
    ("中国共产党的领导是中国特色社会主义最本质的特征。", None),
    # a term with a word after it is the term, not an insertion
    ("习近平新时代中国特色社会主义思想的世界观和方法论。", None),
    # outdated names in the years they were current
    ("严守《廉政准则》，坚定三个自信。", 2014),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", 2019),
    ("认真学习《中国共产党纪律处分条例》（2018年修订）。", 2022),
]


@pytest.mark.parametrize("text, year, wrong, correct, fixed", FOUND)
def test_wrong_forms_are_reported_with_the_standard_form(run, text, year, wrong, correct, fixed):
    findings = run(text, "nonstandard-term", year=year)
    assert [(f.text, f.suggestion) for f in findings] == [(wrong, correct)]
    finding = findings[0]
    assert finding.basis and finding.basis in finding.message
    if fixed is None:
        assert not finding.fixable and apply_fixes(text, findings) == text
    else:
        assert finding.fixable and apply_fixes(text, findings) == text.replace(wrong, correct)


@pytest.mark.parametrize("text, year", CLEAN)
def test_standard_forms_are_not_reported(run, text, year):
    assert run(text, "nonstandard-term", year=year) == []


def test_fix_of_a_shared_verb_keeps_the_sentence():
    """--fix never rewrites a verb that governs several slogans."""
    text = "坚定“四个意识”、“四个自信”，做到“两个维护”。"
    assert apply_fixes(text, check_text(text, rules=["nonstandard-term"])) == text


FORMULATIONS, ENUMERATIONS, COLLOCATIONS = load("formulations"), load("enumerations"), load("collocations")
ALL = FORMULATIONS + ENUMERATIONS + COLLOCATIONS


def test_at_least_two_hundred_entries_each_with_a_public_basis():
    assert len(ALL) >= 200
    for entry in ALL:
        basis = entry.get("basis", "")
        assert basis.startswith(BASES), entry
        assert not re.search(r"DOMAIN|BRIEF|§|\bE\d+\b|R-ST", basis), entry


@pytest.mark.parametrize("entry", [e for e in FORMULATIONS if e.get("wrong")], ids=lambda e: e["correct"])
def test_every_literal_wrong_form_is_found_and_its_correct_form_is_clean(entry):
    year = entry["until"] + 1 if "until" in entry else None
    for wrong in entry["wrong"]:
        findings = check_text(f"我们要{wrong}。", rules=["nonstandard-term"], year=year)
        assert findings and findings[0].text.replace('"', "") in (wrong, wrong.replace("“", "").replace("”", "")), wrong
        quoted = "“" in wrong
        assert findings[0].suggestion == (entry["correct"] if quoted else entry["correct"].replace("“", "").replace("”", ""))
    assert check_text(f"我们要{entry['correct']}。", rules=["nonstandard-term"], year=year) == []


@pytest.mark.parametrize("entry", ENUMERATIONS, ids=lambda e: e["name"])
def test_every_list_is_clean_in_order_and_found_in_any_other(entry):
    items = [i if isinstance(i, str) else i[0] for i in entry["items"]]
    in_order = "、".join(items)
    assert check_text(f"我们要{in_order}。", rules=["nonstandard-term"]) == []
    shuffled = items[:]
    while shuffled == items:
        random.Random(len(items)).shuffle(shuffled)
    text = f"我们要{'、'.join(shuffled)}。"
    findings = check_text(text, rules=["nonstandard-term"])
    assert [f.suggestion for f in findings] == [in_order]
    assert apply_fixes(text, findings) == f"我们要{in_order}。"


def test_no_correct_form_is_a_near_miss_of_another():
    """Every standard text of the data checks clean, so the near-miss search cannot cry wolf on
    the standard forms themselves."""
    for entry in FORMULATIONS:
        if "\\" in entry["correct"] or "pattern" in entry:
            continue
        assert check_text(f"我们要{entry['correct']}。", rules=["nonstandard-term"]) == [], entry["correct"]


def test_the_prompts_standard_terms_check_clean():
    """The formulations the drafting model is told to write pass the checker."""
    from shuzhi.drafting.prompts import standard_terms

    for term in standard_terms():
        assert check_text(term, rules=["nonstandard-term"]) == [], term


@pytest.mark.parametrize("candidate, term, expected", [
    ("习近平新时代中国特色的社会主义思想", "习近平新时代中国特色社会主义思想", True),  # inserted
    ("习近平新时代中国特社会主义思想", "习近平新时代中国特色社会主义思想", True),  # dropped
    ("习近平新时代中国特色社会主意思想", "习近平新时代中国特色社会主义思想", True),  # replaced
    ("习近平新时代中国色特社会主义思想", "习近平新时代中国特色社会主义思想", True),  # swapped
    ("习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想", False),  # the same
    ("习近平新时代中国特色的社会主义的思想", "习近平新时代中国特色社会主义思想", False),  # two edits
    ("不忘初心，牢记使命", "不忘初心、牢记使命", False),  # a mark, not a word
])
def test_one_edit(candidate, term, expected):
    assert one_edit(candidate, term) is expected


def test_near_miss_index_finds_each_span_once_and_never_a_known_form():
    index = NearMissIndex(["习近平法治思想"], known=["习近平法制史"])
    text = "学习习近平法制思想，研究习近平法治思想。"
    assert list(index.find(Haystack(text))) == [(2, 9, "习近平法治思想")]


def test_near_miss_terms_are_the_long_names():
    assert near_form("《中国共产党纪律处分条例》") == "中国共产党纪律处分条例"
    assert near_form("一岗双责") is None  # too short: 一岗多责 is listed instead
    assert near_form("“三会一课”") is None
    assert "习近平新时代中国特色社会主义思想" in compiled().near_entries
