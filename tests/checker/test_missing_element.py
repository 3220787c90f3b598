"""missing-element: the elements a report's type requires of its author, judged on the author's
own text — gated by who writes (书记 or not, rank), with wide synonym sets, never on a text whose
type cannot be told."""

import re

import pytest

from shuzhi.checker import check_text, pick_template
from shuzhi.facts import Facts
from shuzhi.templates import load_template

# A 述德述廉述职报告 of a Party branch secretary that covers every element the type asks of him.
FULL = ("2022年述德述廉述职报告\n\n本人作为图书馆直属党支部书记，坚持理论学习，履行全面从严治党主体责任和第一责任人职责，"
        "落实意识形态工作责任制，加强党风廉政建设，严格贯彻中央八项规定精神，坚持民主集中制，如实报告个人有关事项，"
        "不存在违规兼职、违规借贷等情况。存在的问题是学习不够深入。下一步将加强学习。")


def texts(findings):
    return [f.text for f in findings]


def element(findings, name):
    return next((f for f in findings if f.text == name), None)


def test_a_report_covering_every_element_passes(run):
    assert run(FULL, "missing-element") == []


def test_each_missing_element_is_a_document_level_error(run):
    text = FULL.replace("严格贯彻中央八项规定精神，", "").replace("坚持民主集中制，", "")
    findings = run(text, "missing-element")
    assert texts(findings) == ["中央八项规定精神和纠治“四风”", "执行民主集中制"]
    assert all(f.line is None and f.column is None and f.severity == "error" for f in findings)
    assert "八项规定" in findings[0].basis and findings[0].basis in findings[0].message


def test_text_inside_placeholder_markers_does_not_cover_an_element(run):
    text = FULL.replace("坚持民主集中制，", "【待补充：民主集中制执行情况】")
    assert texts(run(text, "missing-element")) == ["执行民主集中制"]


def test_section_mode_skips_document_rules():
    assert check_text("正文。", rules=["missing-element"], section="study") == []


# -- 述法: only when the template, the title or the unit asks ------------------------------------

def test_law_is_not_asked_of_every_report(run):
    assert "述法（学法用法、依法履职）" not in texts(run(FULL, "missing-element"))


def test_law_asked_by_the_unit_is_required(run):
    found = element(run(FULL, "missing-element", require=["law"]), "述法（学法用法、依法履职）")
    assert found is not None and found.severity == "error"


def test_law_asked_by_the_title_is_required(run):
    text = FULL.replace("2022年述德述廉述职报告", "2022年度述职述廉述法报告")
    found = element(run(text, "missing-element"), "述法（学法用法、依法履职）")
    assert found is not None and found.severity == "error"
    assert "法治" in found.basis
    assert element(run(text + "认真学习习近平法治思想，依法履职。", "missing-element"),
                   "述法（学法用法、依法履职）") is None


def test_unknown_required_element_is_a_clear_error():
    with pytest.raises(ValueError, match="未知的要素"):
        check_text(FULL, require=["nope"])


# -- the report type: from the title, the facts or --template; unknown: nothing type-specific ------

@pytest.mark.parametrize("title, template_id", [
    ("2022年述德述廉述职报告", "shudeshulian"),
    ("2024年度述职述德述廉报告", "shudeshulian"),
    ("2023年度述职述廉报告", "shuzeshulian"),
    ("2024年述责述廉报告", "shuzeshulian"),
    ("市政府办公室主任2023年度述职述廉述党建报告", "shuzeshulian"),
    ("2024年度述学述职述廉述法报告", "sishu"),
    ("2024年度“四述”报告", "sishu"),
    ("2024年述廉述职报告", "shuzeshulian"),
    ("2024年度党风廉政建设述职报告", "shuzeshulian"),
    ("2023年度领导干部述职述廉述法报告", "sishu"),
    ("2023年度党支部书记抓基层党建工作述职报告", "jiceng-dangjian"),
    ("杨家庄村党支部书记2022年度抓党建工作述职报告", "jiceng-dangjian"),
    ("2023年度个人述职报告", "denengqinjilian"),
    ("2023年个人工作总结暨述职报告", "denengqinjilian"),
    ("2024年工作总结", "gongzuo-zongjie"),
    ("2024年度民主生活会对照检查材料", None),
    ("关于进一步加强校园安全的通知", None),
    # the type in other wordings
    ("2023年度述德述能述勤述绩述廉报告", "denengqinjilian"),
    ("关于2023年度个人述职的报告", "denengqinjilian"),
    ("2023年度个人述职材料", "denengqinjilian"),
    ("2023年度述廉报告", "shuzeshulian"),
    ("县委常委、班子成员2023年度述职述廉报告", "shuzeshulian"),  # a member's own report
    ("2023年度法治建设述职报告", "sishu"),
    ("2023年度述职报告（征求意见稿）", "denengqinjilian"),  # a bracketed note is not the genre
    ("2023年度工作总结暨2024年工作计划", "gongzuo-zongjie"),
    # adjacent genres that name a type: no type
    ("在2023年度述职述廉会议上的讲话", None),
    ("关于开展2023年度述职述廉工作的通知", None),
    ("2023年度述职述廉工作方案", None),
    ("2023年度述职述廉评议意见", None),
    ("在2023年度抓基层党建工作述职评议会上的点评", None),
    ("XX局领导班子2023年度述职述廉报告", None),  # the team's report, not a person's
])
def test_template_is_read_from_the_title(title, template_id):
    picked = pick_template(title)
    assert (picked.id if picked else None) == template_id


def test_facts_and_the_given_template_override_the_title():
    facts = Facts(year=2024, unit="某县", person="张三", template="sishu")
    assert pick_template("2024年度个人述职报告", facts).id == "sishu"
    given = check_text("2024年度个人述职报告\n\n正文。", rules=["missing-element"], template=load_template("sishu"))
    assert "述法（学法用法、依法履职）" in texts(given)


UNTYPED = "2024年度民主生活会个人对照检查报告\n\n本人作为学院党委书记，对照检查如下。一、主要问题。学习不够深入。"


def test_a_text_whose_type_cannot_be_told_gets_no_error(run):
    findings = run(UNTYPED.replace("学习不够深入。", "工作有序开展。"), "missing-element")
    assert findings, "the generic parts are still worth a look"
    assert all(f.severity == "warning" and f.message.startswith("请核实") for f in findings)
    assert "履行第一责任人职责" not in texts(findings) and "个人有关事项报告" not in texts(findings)


def test_a_text_with_no_title_gets_nothing(run):
    assert run("本人作为学院党委书记，认真履职。", "missing-element") == []


# -- who is writing -------------------------------------------------------------------------------

SHUZE = ("2024年度述职述廉报告\n\n{who}坚持理论学习，深入学习贯彻党的二十大精神，落实全面从严治党主体责任。"
         "严格遵守中央八项规定精神，廉洁自律。存在的问题是学习不够深入。下一步将加强学习。")


@pytest.mark.parametrize("who, missing, not_missing", [
    ("本人作为县教育局党委书记，", ["履行第一责任人职责"], ["履行监督责任", "落实“一岗双责”"]),
    ("本人作为县纪委书记，", ["履行监督责任"], ["履行第一责任人职责", "意识形态工作责任制"]),
    ("本人作为分管教学的副校长，", ["落实“一岗双责”"], ["履行第一责任人职责", "意识形态工作责任制"]),
    ("本人担任学校校长，", ["落实“一岗双责”"], ["履行第一责任人职责", "履行监督责任"]),
    ("", [], ["履行第一责任人职责", "履行监督责任", "落实“一岗双责”", "意识形态工作责任制"]),
])
def test_duties_follow_the_authors_post(run, who, missing, not_missing):
    names = texts(run(SHUZE.format(who=who), "missing-element"))
    for name in missing:
        assert name in names, name
    for name in not_missing:
        assert name not in names, name


def test_a_secretarys_missing_first_responsibility_is_an_error_naming_the_post(run):
    found = element(run(SHUZE.format(who="本人作为县教育局党委书记，"), "missing-element"), "履行第一责任人职责")
    assert found.severity == "error" and "党组织书记" in found.message
    assert "主体责任规定" in found.basis


def test_one_post_two_duties_is_a_warning_worded_to_verify(run):
    found = element(run(SHUZE.format(who="本人作为分管教学的副校长，"), "missing-element"), "落实“一岗双责”")
    assert found.severity == "warning" and found.message.startswith("请核实")


def test_posts_in_the_facts_override_the_text(run):
    facts = Facts(year=2024, unit="某县", person="张三", template="shuzeshulian", posts=["县纪委副书记"])
    names = texts(run(SHUZE.format(who="本人作为县教育局党委书记，"), "missing-element", facts=facts))
    assert "履行监督责任" in names and "履行第一责任人职责" not in names


@pytest.mark.parametrize("who, expected", [
    ("本人作为副县长，", "error"),  # 县处级副职: 报告对象
    ("根据县委关于开展2024年度处级领导干部述职述廉工作的通知，", "error"),
    ("本人作为镇长，", None),  # 乡科级: not a 报告对象 under the 规定
    ("本人作为县教育局办公室科员，", None),
    ("", "warning"),  # rank unknown: 请核实
])
def test_personal_matters_only_where_the_rules_apply_it(run, who, expected):
    found = element(run(SHUZE.format(who=who), "missing-element"), "个人有关事项报告")
    assert (found.severity if found else None) == expected
    if found:
        assert "领导干部报告个人有关事项规定" in found.basis


VILLAGE = ("杨家庄村党支部书记2022年度抓党建工作述职报告\n\n"
           "2022年，我作为村党支部书记，认真学习习近平新时代中国特色社会主义思想，坚持书记抓、抓书记。"
           "严格落实“三会一课”，发展党员2名。\n一、存在的问题\n村集体经济还比较薄弱，我抓发展的办法不多。\n"
           "二、下一步打算\n抓好党员队伍建设。")


def test_a_village_secretarys_party_building_report_is_not_asked_for_integrity_items(run):
    assert run(VILLAGE, "missing-element") == []


def test_party_building_report_without_problems_is_an_error(run):
    text = VILLAGE.replace("一、存在的问题\n村集体经济还比较薄弱，我抓发展的办法不多。\n", "")
    found = element(run(text, "missing-element"), "存在的问题及原因")
    assert found is not None and found.severity == "error"
    assert "述职评议考核办法" in found.basis


def test_party_building_report_needs_the_secretarys_own_duty(run):
    text = VILLAGE.replace("坚持书记抓、抓书记。", "")
    assert element(run(text, "missing-element"), "履行抓基层党建第一责任人职责").severity == "error"


# -- synonyms learnt from real reports --------------------------------------------------------

@pytest.mark.parametrize("name, phrase", [
    ("党风廉政建设和廉洁自律（述廉）", "开展廉政谈话34次"),
    ("执行民主集中制", "大事班子商量，小事分工负责"),
    ("执行民主集中制", "重要事项均经党委会集体研究决定"),
    ("执行民主集中制", "严格执行“三重一大”决策制度"),
    ("履行第一责任人职责", "对党建工作负总责"),
    ("履行第一责任人职责", "坚持书记抓、抓书记"),
    ("履行第一责任人职责", "重要工作亲自部署、重大问题亲自过问"),
    ("中央八项规定精神和纠治“四风”", "严格执行公务接待和公务用车规定"),
    ("个人有关事项报告", "按时如实填报个人事项"),
])
def test_synonyms_cover_an_element(run, name, phrase):
    bare = ("2024年度述德述廉述职报告\n\n本人作为县委书记，学习贯彻党的二十大精神，落实主体责任。"
            "存在的问题是学习不够深入。下一步将加强学习。")
    assert name in texts(run(bare, "missing-element")), "the bare text must miss it"
    covered = bare.replace("存在的问题", phrase + "。存在的问题")
    assert name not in texts(run(covered, "missing-element"))


# -- the author's own 不足 ---------------------------------------------------------------------

REPORT = ("2024年度述职述廉报告\n\n本人作为驻村工作队员，深入学习贯彻党的二十大精神，落实全面从严治党要求，严守廉洁纪律，"
          "遵守中央八项规定精神。\n一、工作情况\n{work}\n二、下一步打算\n继续做好驻村帮扶工作。")


@pytest.mark.parametrize("work, covered", [
    ("摸清了制约该村脱贫的短板，协调资金修建道路2公里。", False),  # 短板 of the village, not the author's
    ("协调资金修建道路2公里，帮助解决群众反映的问题。", False),
    ("协调资金修建道路2公里。回顾一年来的工作，本人还存在一些不足：调查研究不够深入。", True),
    ("协调资金修建道路2公里。但对照组织要求，服务群众的能力还有待提高。", True),
    # a problem named to say what was done about it is the work's, not the author's
    ("针对部分党员学习不够深入的问题，开展集中轮训2期。", False),
    ("补齐村级组织建设短板，协调资金修建道路2公里。", False),
    ("协调资金修建道路2公里。本人学习不够深入，调研不够扎实。", True),
])
def test_only_the_authors_own_shortcomings_count(run, work, covered):
    names = texts(run(REPORT.format(work=work), "missing-element"))
    assert ("存在的问题和不足" not in names) == covered


def test_a_section_headed_as_shortcomings_covers_them(run):
    text = REPORT.format(work="协调资金修建道路2公里。").replace("二、下一步打算", "二、存在的差距\n群众工作方法比较单一。\n三、下一步打算")
    assert "存在的问题和不足" not in texts(run(text, "missing-element"))


def test_an_empty_shortcomings_section_does_not(run):
    text = REPORT.format(work="协调资金修建道路2公里。").replace("二、下一步打算", "二、存在的不足\n【待补充：存在的不足】\n三、下一步打算")
    assert "存在的问题和不足" in texts(run(text, "missing-element"))


# -- severity and basis -----------------------------------------------------------------------

@pytest.mark.parametrize("template_id", ["shudeshulian", "shuzeshulian", "sishu", "jiceng-dangjian",
                                         "denengqinjilian", "gongzuo-zongjie"])
def test_every_finding_names_a_public_basis_and_warnings_ask_to_verify(template_id):
    findings = check_text("2024年度报告\n\n正文。", template=load_template(template_id), rules=["missing-element"])
    assert findings
    for f in findings:
        assert "DOMAIN" not in f.basis and "BRIEF" not in f.basis and "§" not in f.basis
        assert f.basis.startswith("《") or f.basis.startswith("实务惯例")
        assert (f.severity == "warning" and f.message.startswith("请核实")) or f.severity == "error"
        if f.basis.startswith("实务惯例"):
            assert f.severity == "warning", f.text  # no regulation named: never an error


def test_an_element_of_a_part_counts_only_there_when_the_report_has_that_part():
    base = load_template("shuzeshulian")
    data = base.model_dump(exclude={"directory", "elements"})
    data["elements"] = [{"use": "personal-matters", "where": "integrity", "min_rank": None}]
    from shuzhi.templates import Template

    template = Template.model_validate(data)
    text = ("2024年度述职述廉报告\n\n一、履职情况\n组织全局干部如实填报个人有关事项，抽查核实20人。\n"
            "二、廉洁自律情况\n严格遵守中央八项规定精神。\n")
    assert texts(check_text(text, template=template, rules=["missing-element"])) == ["个人有关事项报告"]
    moved = text.replace("严格遵守中央八项规定精神。", "严格遵守中央八项规定精神，本人按规定报告个人有关事项。")
    assert check_text(moved, template=template, rules=["missing-element"]) == []
    own = text.replace("抽查核实20人。", "本人按规定报告个人有关事项。")
    flat = own.replace("一、履职情况\n", "").replace("二、廉洁自律情况\n", "")  # no parts: anywhere
    assert check_text(flat, template=template, rules=["missing-element"]) == []


def test_an_element_said_only_of_others_is_a_warning_to_verify_and_one_not_said_at_all_an_error():
    """Where the words are there but not as the author's own (others' reports, a part other than
    the one it belongs to), the checker cannot be sure: a warning that says where they were."""
    text = ("2024年度述职述廉报告\n\n本人系市水利局党组书记、局长。\n一、履职情况\n"
            "组织全局干部如实填报个人有关事项，抽查核实20人。\n二、廉洁自律情况\n严格遵守中央八项规定精神。\n")
    hidden = element(check_text(text, rules=["missing-element"], year=2024), "个人有关事项报告")
    assert hidden.severity == "warning" and hidden.message.startswith("请核实：“个人有关事项报告”只见于他人")
    absent = text.replace("组织全局干部如实填报个人有关事项，抽查核实20人。", "全年完成水利投资3.2亿元。")
    found = element(check_text(absent, rules=["missing-element"], year=2024), "个人有关事项报告")
    assert found is not None and found.severity == "error" and found.message.startswith("缺少必备内容")


def test_a_problem_admitted_covers_no_other_element(run):
    """学习抓得不紧 in the problems section is a shortcoming, not an account of study."""
    text = ("2025年度村党支部书记抓基层党建工作述职报告\n一、履职情况\n本人作为村党支部书记，亲自抓支部建设，"
            "坚持“三会一课”。\n二、存在的问题\n一是我的理论学习抓得不紧。\n三、下一步打算\n下一步将加强学习。\n")
    study = "政治学习/理论武装（述学）"
    assert study in texts(run(text, "missing-element"))
    done = text.replace("坚持“三会一课”。", "坚持“三会一课”，全年专题学习12次。")
    assert study not in texts(run(done, "missing-element"))


@pytest.mark.parametrize("sentence, covered", [
    ("全年确定发展对象2名，", True),
    ("2名预备党员按期转正，", True),
    ("把“党员示范岗”设在胸痛中心，", False),  # what members do, not the branch's life
])
def test_the_branchs_recruitment_in_other_words(run, sentence, covered):
    text = (f"2024年度党支部书记抓基层党建工作述职报告\n本人作为村党支部书记，亲自抓党建工作，{sentence}全年专题学习12次。"
            "存在的问题是我的调研还不够深入。下一步将加强学习。\n")
    name = "基层组织建设（“三会一课”、组织生活、发展党员等）"
    assert (name not in texts(run(text, "missing-element"))) == covered


def test_a_heading_over_a_section_that_says_nothing_of_the_author_covers_nothing(run):
    """（一）履行第一责任人职责情况 over what the branch did names the element, it does not cover it."""
    text = ("2024年度党支部书记抓基层党建工作述职报告\n一、主要工作\n（一）履行第一责任人职责情况\n"
            "林场党支部严格落实党建工作责任制，支部委员会全年召开会议12次，“三会一课”按时开展。\n"
            "（二）理论武装\n我全年专题学习12次。\n二、存在的问题\n我的调研还不够深入。\n三、下一步打算\n下一步将加强学习。\n")
    name = "履行抓基层党建第一责任人职责"
    assert name in texts(run(text, "missing-element"))
    own = text.replace("林场党支部严格落实", "我作为书记，林场党支部严格落实")
    assert name not in texts(run(own, "missing-element"))


def test_a_heading_run_into_its_paragraph_covers_its_element_though_the_sentences_have_no_subject():
    """Official prose drops the subject (（二）个人有关事项。年初按规定如实填报…): a run-in heading
    with no 我 or 本人 after it is still the author's account. (Masking such headings was tried:
    on reports nobody here had read, it gave more false findings than it found omissions.)"""
    text = ("2024年度述职述廉报告\n\n本人系市水利局党组书记、局长。\n一、廉洁自律情况\n"
            "（一）严格遵守中央八项规定精神，本人不接受宴请。\n（二）个人有关事项。年初按时填报，与组织核查结果一致。\n")
    assert "个人有关事项报告" not in texts(check_text(text, rules=["missing-element"], year=2024))
    gone = text.replace("（二）个人有关事项。年初按时填报，与组织核查结果一致。\n", "")
    assert "个人有关事项报告" in texts(check_text(gone, rules=["missing-element"], year=2024))


@pytest.mark.parametrize("end", ["\n", "。"])
def test_no_mask_reaches_over_a_line_or_a_sentence_end(end):
    """The rule masks a signal's own lines before the whole text, and takes a section with a 。
    in it as not blank once masked (fast): right only while no mask pattern can match a line end
    or a 。."""
    from re import _parser  # type: ignore[attr-defined]

    from shuzhi.checker.data import load

    data = load("coverage")
    # (the notice's quoted words, ``unsaid``, may hold a 。: they are masked before any section is judged)
    patterns = [*(data["unsaid"] if end == "\n" else []), *data["own_part"]["others"],
                *(p for entry in data["masks"] for p in entry["patterns"])]

    def crossing(items) -> bool:
        for op, av in items:
            if op is _parser.IN:
                negated = av[0][0] is _parser.NEGATE
                if negated != ((_parser.LITERAL, ord(end)) in av) or any(kind is _parser.CATEGORY for kind, _ in av):
                    return True
            if (op is _parser.LITERAL and av == ord(end)) or (op is _parser.NOT_LITERAL and av != ord(end)) \
                    or op is _parser.ANY:
                return True
            subs = av[-1] if op is _parser.SUBPATTERN else av[2] if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) \
                else None
            if subs is not None and crossing(subs):
                return True
            if op is _parser.BRANCH and any(crossing(alt) for alt in av[1]):
                return True
        return False

    sources = [p["pattern"] if isinstance(p, dict) else p for p in patterns]
    assert [s for s in sources if crossing(_parser.parse(s))] == []


def _personal_matters_template():
    from shuzhi.templates import Template

    data = load_template("shuzeshulian").model_dump(exclude={"directory", "elements"})
    data["elements"] = [{"use": "personal-matters", "min_rank": None}, {"use": "eight-rules"},
                        {"use": "shortcomings", "severity": "error", "basis": "《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》"}]
    return Template.model_validate(data)


def test_what_others_do_or_say_is_not_the_authors_own_account():
    """Urging others to report their matters is not reporting one's own; the notice quoted in
    the framing sentence and the criticism quoted from last year's review are not content."""
    text = ("2024年度述职述廉报告\n"
            "按照市国资委《通知》要求，围绕执行中央八项规定精神等方面，现将本人情况报告如下。\n"
            "一、履职情况\n督促全院科级以上干部如实报告个人有关事项，组织开展抽查核实。"
            "上年度评议指出“服务管理还有差距”，今年已整改到位。本人带头开展批评和自我批评。\n")
    found = texts(check_text(text, template=_personal_matters_template(), rules=["missing-element"]))
    assert found == ["个人有关事项报告", "中央八项规定精神和纠治“四风”", "存在的问题和不足"]
    own = text.replace("今年已整改到位。", "今年已整改到位。本人严格执行公务接待规定，如实报告个人有关事项；"
                       "但调查研究还不够深入。")
    assert check_text(own, template=_personal_matters_template(), rules=["missing-element"]) == []
    framed = own.replace("现将本人情况报告如下。", "现就本人一年来的情况作如下汇报。")
    assert check_text(framed, template=_personal_matters_template(), rules=["missing-element"]) == []
    notice_only = text.replace("现将本人情况报告如下。", "现就本人一年来的情况作如下汇报。")
    assert "中央八项规定精神和纠治“四风”" in texts(check_text(notice_only, template=_personal_matters_template(),
                                                     rules=["missing-element"]))


@pytest.mark.parametrize("byline, rank", [
    ("松阳县应急管理局党组书记、局长　蒋立波", "乡科级正职"),  # a county department's head: 正科
    ("国家税务总局青川县税务局党委书记、局长　罗建明", "乡科级正职"),
    ("清河区教育局副局长　王敏", "乡科级副职"),
    ("石岭镇党委委员、纪委书记　邓永强", "乡科级副职"),
    ("县委常委、县纪委书记　李明", "县处级副职"),
    ("云溪县人民法院党组书记、院长　沈立新", "县处级副职"),  # a 县级 court's head: 副县级
    ("政协平川县委员会副主席　杨淑芬", "县处级副职"),
    ("安平县公安局城南派出所所长、党支部书记　郑国强", "乡科级"),
    ("石桥县市场监督管理局石桥镇市场监管所所长　吴海燕", "乡科级"),
    ("白河县妇女联合会党组书记、主席　林晓雯", "乡科级正职"),
    ("临河镇人大主席　韩建国", "乡科级正职"),
    ("共青团青川县委员会书记　王丽", "乡科级正职"),
    ("团县委书记　王丽", "乡科级正职"),  # not a 县委书记
])
def test_county_department_heads_and_township_members_are_not_asked_for_personal_matters(byline, rank):
    """个人有关事项报告 is required from 县处级副职 up; the byline tells who is below."""
    from shuzhi.roles import author_from_text

    text = f"2023年度述职述廉报告\n{byline}\n一、履职情况\n认真履行职责，廉洁自律。\n"
    assert author_from_text(text, "2023年度述职述廉报告").rank == rank
    findings = texts(check_text(text, template=load_template("shuzeshulian"), rules=["missing-element"]))
    assert ("个人有关事项报告" in findings) == (rank == "县处级副职")


def test_the_authors_own_conduct_counts_in_the_integrity_section_when_there_is_one():
    """查处违反中央八项规定精神问题 in the work section is others' conduct; the 述廉 section
    says nothing of the author's own 八项规定 — so it is missing."""
    text = ("2024年度述责述廉报告\n一、履行监督责任情况\n查处违反中央八项规定精神问题12起，处理15人。\n"
            "二、廉洁自律情况\n本人严格遵守廉洁自律准则，管好家属和身边工作人员。\n三、存在的问题\n调研不够深入。\n"
            "四、下一步打算\n下一步，我将继续加强学习。\n")
    template = load_template("shuzeshulian")
    assert "中央八项规定精神和纠治“四风”" in texts(check_text(text, template=template, rules=["missing-element"]))
    own = text.replace("本人严格遵守廉洁自律准则", "本人严格执行中央八项规定精神，严格遵守廉洁自律准则")
    assert "中央八项规定精神和纠治“四风”" not in texts(check_text(own, template=template, rules=["missing-element"]))


# -- wider signal sets, and the near-identical sentence that must not count ----------------------

@pytest.mark.parametrize("name, sentence, covered", [
    # 第一责任人: the author's own lead, not others' and not another field's
    ("履行第一责任人职责", "当好抓党建的“班长”，", True),
    ("履行第一责任人职责", "始终把抓党建作为最大的政绩，", True),
    ("履行第一责任人职责", "带头讲党课4次，", True),
    ("履行第一责任人职责", "带头上廉政党课2次，", True),
    ("履行第一责任人职责", "培养致富带头人12名，", False),
    ("履行第一责任人职责", "带头落实中央八项规定精神，", False),  # his own conduct, not his lead
    ("履行第一责任人职责", "发挥“双带头人”作用，", False),
    ("履行第一责任人职责", "认真履行推进法治建设第一责任人职责，", False),
    ("履行第一责任人职责", "作为安全生产第一责任人，", False),
    ("履行第一责任人职责", "督促各党支部书记履行第一责任人职责，", False),
    ("履行第一责任人职责", "各党支部书记认真履行第一责任人职责，", False),
    ("履行第一责任人职责", "抓党建出了问题，板子先打在我身上，", True),
    ("履行第一责任人职责", "支部党建这件事，我是头一个要担责的人，", True),
    ("履行第一责任人职责", "全年主持召开支委会10次，专题研究党建工作4次，", True),
    ("履行第一责任人职责", "全年召开支委会10次，", False),
    ("履行第一责任人职责", "与各支部层层签订责任书，", False),
    ("履行第一责任人职责", "督促12个村党组织书记落实抓党建第一责任人职责，", False),
    # 个人有关事项: by what it lists; not others'
    ("个人有关事项报告", "如实向组织报告本人婚姻、房产、投资等情况，", True),
    ("个人有关事项报告", "严格执行领导干部个人有关事项报告制度，", True),
    ("个人有关事项报告", "督促全馆干部如实报告个人有关事项，", False),
    ("个人有关事项报告", "对12名干部个人有关事项进行抽查核实，", False),
    ("个人有关事项报告", "把本人婚姻状况、名下房产、家庭投资等情况逐项据实填写上报，", True),
    ("个人有关事项报告", "家里的情况照实向组织说清楚，", True),
    ("个人有关事项报告", "帮助困难职工解决住房问题，", False),
    ("个人有关事项报告", "每季度向党组报告个人思想和工作情况，", False),  # no 个人有关事项
    ("个人有关事项报告", "按规定如实向组织报告个人有关事项，", True),
    ("个人有关事项报告", "按规定如实向学校党委组织部报告个人有关事项，", True),
    ("个人有关事项报告", "组织开展个人有关事项报告专项检查，", False),
    ("个人有关事项报告", "按时向组织如实报告本人和家庭成员的婚姻、房产情况，", True),
    ("个人有关事项报告", "督促班子其他成员如实报告个人有关事项，", False),
    # 八项规定 and 四风: as authors write them; 作风建设 alone is not it
    ("中央八项规定精神和纠治“四风”", "下基层调研不接受宴请，", True),
    ("中央八项规定精神和纠治“四风”", "严格控制“三公”经费，带头过紧日子，", True),
    ("中央八项规定精神和纠治“四风”", "加强干部作风建设，", False),
    ("中央八项规定精神和纠治“四风”", "以改进工作作风为抓手推动项目落地，", False),  # any work's 作风
    ("中央八项规定精神和纠治“四风”", "查处违反中央八项规定精神问题3起，", False),  # others' conduct
    ("中央八项规定精神和纠治“四风”", "督促全馆干部严格落实中央八项规定精神，", False),
    ("中央八项规定精神和纠治“四风”", "本人带头严格落实中央八项规定精神，", True),
    ("中央八项规定精神和纠治“四风”", "出差严格按差旅标准，没有用公款宴请，", True),
    ("中央八项规定精神和纠治“四风”", "开展活动不摆花篮、不发纪念品，", True),
    ("中央八项规定精神和纠治“四风”", "出差学习培训3次，", False),
    ("中央八项规定精神和纠治“四风”", "严守规定精神，自觉抵制“四风”，", True),  # 规定…“…” is no quoted requirement
    # 民主集中制: 提请…研究决定, 四议两公开; a meeting held is not it
    ("执行民主集中制", "凡属重大事项均提请党组研究决定，", True),
    ("执行民主集中制", "村级重大事项严格执行“四议两公开”，", True),
    ("执行民主集中制", "重要工作及时向上级请示报告，", False),
    ("执行民主集中制", "根据县政府常务会议决定，启动老旧小区改造，", False),  # another body's decision
    ("执行民主集中制", "指导学生会修订议事规则，主席团会议坚持集体讨论决定，", False),  # another body's
    ("执行民主集中制", "班子会上我最后表态，", True),
    ("执行民主集中制", "议题我不先定调子，", True),
    ("执行民主集中制", "大事一起商量着办，", True),
    ("执行民主集中制", "班子会上我传达文件，", False),
    ("执行民主集中制", "提交主任办公会研究的合同全部经法律顾问审查，", False),  # a meeting that studies a contract
    # 意识形态: the 阵地 in the author's own words
    ("意识形态工作责任制", "讲座、展览和公众号的内容都要我签字才能对外，", True),
    ("意识形态工作责任制", "每学期研判一次师生思想动态，", True),
    ("意识形态工作责任制", "公众号全年推送文章120篇，", False),
    ("意识形态工作责任制", "加大宣传力度，营造良好舆论氛围，", False),  # any campaign's boilerplate
    ("意识形态工作责任制", "牢牢掌握舆论引导主动权，", True),
    # 述廉 in plain words
    ("党风廉政建设和廉洁自律（述廉）", "不收企业一张卡，不替任何人打招呼，", True),
    ("党风廉政建设和廉洁自律（述廉）", "不收取读者任何费用，", False),
    # 述学: what was studied or preached
    ("政治学习/理论武装（述学）", "带头宣讲党的二十大精神6场，", True),
    ("政治学习/理论武装（述学）", "坚持读书看报，", False),
    # a rule read, passed on or filed is not a rule kept; 学习贯彻 is both
    ("个人有关事项报告", "专题学习了《领导干部报告个人有关事项规定》等党内法规，", False),
    ("个人有关事项报告", "认真对照《领导干部报告个人有关事项规定》，如实报告本人婚姻、房产、投资等情况，", True),
    ("中央八项规定精神和纠治“四风”", "组织学习中央八项规定及其实施细则精神，", False),
    ("中央八项规定精神和纠治“四风”", "节前印发《关于严格落实中央八项规定精神的通知》，", False),
    ("中央八项规定精神和纠治“四风”", "认真学习贯彻中央八项规定精神，", True),
    ("中央八项规定精神和纠治“四风”", "认真学习和严格遵守中央八项规定精神，", True),
    ("执行民主集中制", "组织学习《中国共产党章程》关于民主集中制的规定，", False),
    ("意识形态工作责任制", "学习《党委（党组）意识形态工作责任制实施办法》，", False),
    ("履行第一责任人职责", "学习《党委（党组）落实全面从严治党主体责任规定》中关于第一责任人的规定，", False),
    # others' reports handled, and the author's own checked by others
    ("个人有关事项报告", "抽查核实个人有关事项报告18人，", False),
    ("个人有关事项报告", "对拟提拔人选全部核查档案、核查个人有关事项，", False),
    ("个人有关事项报告", "本人个人有关事项报告经抽查核实，与实际情况一致，", True),
    ("个人有关事项报告", "接受组织对个人有关事项的抽查核实，结果一致，", True),
    ("个人有关事项报告", "年度个人有关事项报告经组织抽查，与实际一致，", True),
    ("个人有关事项报告", "分管部门干部个人有关事项经抽查核实无问题，", False),
    ("个人有关事项报告", "按要求如实填报了《领导干部个人有关事项报告表》，", True),
    # the unit helping or inspected by another body, the author inspecting others
    ("意识形态工作责任制", "配合县委宣传部开展意识形态工作专项检查，", False),
    ("意识形态工作责任制", "县委宣传部对我局意识形态工作进行考核，", False),
    ("意识形态工作责任制", "每半年专题研究意识形态工作，", True),
    ("执行民主集中制", "对12个党支部执行民主集中制情况进行督查，", False),
    ("中央八项规定精神和纠治“四风”", "对全局干部开展八项规定精神执行情况监督检查，", False),
    ("中央八项规定精神和纠治“四风”", "归档县委办公室八项规定监督检查材料42卷，", False),
    # own conduct as the 实施细则 and the 党章 name it
    ("中央八项规定精神和纠治“四风”", "没有出入私人会所，", True),
    ("中央八项规定精神和纠治“四风”", "没有违规收送礼品礼金，", False),  # 廉洁纪律, not the 八项规定's own
    ("中央八项规定精神和纠治“四风”", "督察大队查纠违规吃喝等问题6起，", False),  # others' breaches
    ("中央八项规定精神和纠治“四风”", "开展违规吃喝专项整治，", False),  # a campaign against others' breaches
    ("中央八项规定精神和纠治“四风”", "文件规定，领导干部要带头执行中央八项规定精神，", False),
    ("个人有关事项报告", "局里12名科级干部全部按时报告了个人有关事项，", False),
    ("中央八项规定精神和纠治“四风”", "下乡调研不搞层层陪同、迎来送往，", True),
    ("中央八项规定精神和纠治“四风”", "不违规发放津补贴，", True),
    ("执行民主集中制", "自觉做到个人服从组织、少数服从多数，", True),
    ("执行民主集中制", "我严格要求自己，坚决执行民主集中制，", True),
    ("执行民主集中制", "推动班子团结，带头执行民主集中制，", True),
    ("执行民主集中制", "推动各村严格执行“四议两公开”，", False),
    ("执行民主集中制", "坚持民主基础上的集中和集中指导下的民主相结合，", True),
    ("履行第一责任人职责", "认真履行党组书记抓党建的职责，", True),
    ("履行第一责任人职责", "切实履行抓党建“一把手”职责，", True),
    ("履行第一责任人职责", "认真履行县自然资源局党组书记、局长的职责，", False),  # any post's duties
    ("履行第一责任人职责", "上级要求党组织书记履行第一责任人职责，", False),
    # another's named duty, the body's own, and 亲自 of another matter
    ("履行第一责任人职责", "县委书记是全县党建工作第一责任人，", False),
    ("履行第一责任人职责", "我作为县委办党支部书记是支部党建第一责任人，", True),
    ("履行第一责任人职责", "督促5名支部书记履行第一责任人职责，", False),
    ("履行第一责任人职责", "党支部始终把管党治党责任扛在肩上，", False),
    ("履行第一责任人职责", "我始终把管党治党责任扛在肩上，", True),
    ("履行第一责任人职责", "带领党组把管党治党责任扛在肩上，", True),
    ("履行第一责任人职责", "我始终把党建工作扛在肩上、抓在手上，", True),
    ("履行第一责任人职责", "对涉及群众投诉的网络舆情亲自过问，", False),
    ("履行第一责任人职责", "对党建重点任务亲自过问，", True),
    ("履行第一责任人职责", "亲自带队督导村级换届，", True),
    ("履行第一责任人职责", "聚焦主责主业，推动业务工作高质量发展，", False),
    ("履行第一责任人职责", "始终把抓党建作为主责主业，", True),
    ("履行第一责任人职责", "把抓党建当作头等大事，", True),
    ("履行第一责任人职责", "把项目建设当作头等大事，", False),
    ("履行第一责任人职责", "把安全生产作为第一职责，", False),
    ("履行第一责任人职责", "抓好党建是书记的分内事，", True),
    ("履行第一责任人职责", "公司党委充分发挥把方向、管大局、保落实的领导作用，", False),  # the body's role
    ("履行第一责任人职责", "带头深入企业调研，", False),  # any work's
    ("履行第一责任人职责", "带头联系软弱涣散党支部，", True),
    ("履行第一责任人职责", "作为森林防火第一责任人，", False),  # another field's
    # the body's rules of procedure, unless the author says what he did in them
    ("执行民主集中制", "党支部严格执行民主集中制，修订完善了议事规则，", False),
    ("执行民主集中制", "党支部严格执行民主集中制，我在支委会上坚持最后表态，", True),
    ("执行民主集中制", "局党组严格执行民主集中制，我局“三重一大”事项全部集体研究，", False),  # 我局 is the unit
    # the rule named as what an action follows, and what the author helped others with
    ("个人有关事项报告", "按照《领导干部报告个人有关事项规定》和上级要求，配合组织部核对2名拟提拔人选的填报情况，", False),
    ("个人有关事项报告", "严格按照《领导干部报告个人有关事项规定》如实报告个人有关事项，", True),
    ("个人有关事项报告", "抓好领导干部报告个人有关事项工作，", False),
    # what a leader or a meeting said, reported without quotes
    ("中央八项规定精神和纠治“四风”", "县委书记在警示教育大会上强调，领导干部要带头执行中央八项规定精神，", False),
    ("中央八项规定精神和纠治“四风”", "会议强调，要严格执行中央八项规定精神，我带头做到不接受宴请，", True),
    ("执行民主集中制", "部长在部务会上提出，班子成员要严格执行民主集中制，", False),
    ("执行民主集中制", "县委书记调研时肯定了我局落实民主集中制的做法，", False),
    ("执行民主集中制", "群众反映“局里大事都是集体研究”，", False),
    ("执行民主集中制", "按照县委要求，严格执行民主集中制，", True),  # he complies
    ("中央八项规定精神和纠治“四风”", "一旦出现公款吃喝问题，一律严肃追责，", False),  # a rule for what may happen
    ("政治学习/理论武装（述学）", "习近平总书记强调，要坚持不懈用党的创新理论凝心铸魂，", True),
    # the secretary's own lead in a branch's words: 亲力亲为, 我管总, 一件件过问, the team's division of
    # labour, talks with the branch secretaries, 头等大事 — not the same words of his other work
    ("履行第一责任人职责", "支部建设我亲力亲为，", True),
    ("履行第一责任人职责", "业务工作我亲力亲为，", False),
    ("履行第一责任人职责", "支部的事，我一件件过问，", True),
    ("履行第一责任人职责", "科室的事，我一件件过问，", False),
    ("履行第一责任人职责", "班子成员的分工我年初重新做了调整，", True),
    ("履行第一责任人职责", "科室的分工我年初重新做了调整，", False),
    ("履行第一责任人职责", "我对3名支部书记逐一开展提醒谈话，", True),
    ("履行第一责任人职责", "我把发展党员当成头等大事，", True),
    ("履行第一责任人职责", "我把招商引资当成头等大事，", False),
    ("履行第一责任人职责", "我和4名党委委员分别签订党建工作责任书，", True),
    ("履行第一责任人职责", "支部委员会全年召开会议12次，研究党建工作7次，", False),  # the body's, not his
    ("履行第一责任人职责", "我始终认为抓党建是本职、不抓党建是失职，", True),
    ("履行第一责任人职责", "我领办了“党建+茶产业”项目，", True),
    ("履行第一责任人职责", "我领办了2个招商引资项目，", False),
    ("履行第一责任人职责", "我每季度听取3个党支部的党建工作汇报，", True),
    ("履行第一责任人职责", "我每季度听取3个项目部的进度汇报，", False),
    ("执行民主集中制", "议事中充分发扬民主，", True),
    ("中央八项规定精神和纠治“四风”", "女儿考上大学没有办升学宴，", True),
    # 民主集中制 as the author keeps it in the meeting: his view said there, the decision kept
    ("执行民主集中制", "班子议事时，我在会上讲清楚自己的意见，", True),
    ("执行民主集中制", "党组作出决定后，哪怕和我原来的想法不一样，我也按决定执行，", True),
    ("执行民主集中制", "提交主任办公会研究的合同全部经法律顾问审查，", False),  # a review, no decision
    # study by what was read
    ("政治学习/理论武装（述学）", "把党的二十大报告里讲城市更新的段落抄下来贴在墙上，", True),
    ("政治学习/理论武装（述学）", "把项目进度表抄下来贴在墙上，", False),
    ("政治学习/理论武装（述学）", "全会闭幕后第一时间跟进学习，写了学习心得，", True),
    # the 八项规定 by what is refused
    ("中央八项规定精神和纠治“四风”", "不接受医药代表和耗材公司的任何吃请，", True),
    ("中央八项规定精神和纠治“四风”", "不接受医药代表和耗材公司的任何推销，", False),
    # a body's study ledger is not the author's study, unless he says what he did in it
    ("政治学习/理论武装（述学）", "局党组理论学习中心组全年集中学习12次，", False),
    ("政治学习/理论武装（述学）", "局党组理论学习中心组全年集中学习12次，我作交流发言2次，", True),
    # what a notice asks of everyone is not the author's report
    ("个人有关事项报告", "组织部下发通知，要求全体处级干部如实报告个人有关事项，", False),
    ("个人有关事项报告", "按照组织部通知要求，本人如实报告了个人有关事项，", True),
    ("个人有关事项报告", "本人婚姻、住房、投资情况没有漏报、瞒报，", True),
    ("执行民主集中制", "按照县委组织部通知要求，严格执行民主集中制，", True),  # he complies
    # the rule enforced on the unit's cadres and what the check of them found are not his report
    ("个人有关事项报告", "落实个人事项报告制度，组织全局科级干部集中填报，经抽查核实未发现漏报瞒报问题，", False),
    ("个人有关事项报告", "本人个人有关事项报告经组织抽查核实，未发现漏报瞒报问题，", True),
    ("个人有关事项报告", "组织部通知要求，对漏报、瞒报的将严肃处理，", False),
    ("执行民主集中制", "重要事项我都与班子成员会前充分沟通，", True),
    # the 中央's maxim repeated is not the duty done
    ("意识形态工作责任制", "始终牢记意识形态工作是党的一项极端重要的工作，", False),
    ("意识形态工作责任制", "每季度主持研判一次意识形态领域情况，", True),
])
def test_a_phrasing_covers_its_element_and_a_near_one_does_not(run, name, sentence, covered):
    replaced = {"履行第一责任人职责": "履行全面从严治党主体责任和第一责任人职责，",
                "个人有关事项报告": "如实报告个人有关事项，",
                "中央八项规定精神和纠治“四风”": "严格贯彻中央八项规定精神，",
                "执行民主集中制": "坚持民主集中制，",
                "意识形态工作责任制": "落实意识形态工作责任制，",
                "党风廉政建设和廉洁自律（述廉）": "加强党风廉政建设，",
                "政治学习/理论武装（述学）": "坚持理论学习，"}[name]
    text = FULL.replace("本人作为图书馆直属党支部书记", "本人作为县委常委、县委办公室主任、党支部书记")
    assert name not in texts(run(text, "missing-element"))
    if name == "履行第一责任人职责":
        replaced, sentence = "和第一责任人职责，", "，" + sentence
    assert replaced in text
    if name == "意识形态工作责任制":  # (asked where the report raises it: here its plans do)
        text = text.replace("下一步将加强学习。", "下一步将加强学习，落实意识形态工作责任制。")
    names = texts(run(text.replace(replaced, sentence), "missing-element"))
    assert (name not in names) == covered


def test_a_supervisors_duty_in_other_words(run):
    text = ("2024年度述责述廉报告\n\n本人作为县纪委书记，深入学习贯彻党的二十大精神，落实全面从严治党要求。"
            "严格遵守中央八项规定精神，廉洁自律，坚持民主集中制。存在的问题是学习不够深入。下一步将加强学习。")
    assert "履行监督责任" in texts(run(text, "missing-element"))
    for said in ("精准运用第一种形态，开展谈话函询21件。", "全年立案查处违纪问题37件。", "对全乡12个村开展专项监督检查。"):
        assert "履行监督责任" not in texts(run(text.replace("存在的问题", said + "存在的问题"), "missing-element"))
    for other in ("参加纪检监察业务培训2次。", "协助党委开展监督检查。", "配合县纪委开展专项监督。"):
        assert "履行监督责任" in texts(run(text.replace("存在的问题", other + "存在的问题"), "missing-element"))


def test_the_notice_a_report_answers_is_not_content(run):
    """按照《关于做好…述职述廉工作的通知》要求 names the notice's headings, not the author's deeds;
    nor does a framing sentence in other words (…述职述廉如下，请予评议)."""
    text = FULL.replace("严格贯彻中央八项规定精神，", "")
    for notice in ("按照县委组织部《关于做好2023年度中央八项规定精神落实情况述职述廉工作的通知》要求，本人认真准备。\n",
                   "根据县委关于执行中央八项规定精神等内容述职述廉的通知要求，本人认真准备。\n",
                   "现就本人执行中央八项规定精神等方面情况述职述廉如下，请予评议。\n"):
        framed = text.replace("\n\n", "\n" + notice, 1)
        assert "中央八项规定精神和纠治“四风”" in texts(run(framed, "missing-element")), notice


@pytest.mark.parametrize("heading, part", [
    ("三、工作中的困难和问题", "存在的问题和不足"),
    ("三、存在的突出问题", "存在的问题和不足"),
    ("三、下步工作打算", "下一步打算和努力方向"),
    ("三、二〇二五年工作计划", "下一步打算和努力方向"),
    ("三、下一阶段思路举措", "下一步打算和努力方向"),
    ("三、谋：明年的几件事", "下一步打算和努力方向"),  # the plans named by the year they are for
])
def test_parts_headed_in_other_words_cover_themselves(run, heading, part):
    text = ("2024年度述职述廉报告\n本人作为驻村工作队员，深入学习贯彻党的二十大精神，落实全面从严治党要求，"
            "严守廉洁纪律，遵守中央八项规定精神。\n一、工作情况\n协调资金修建道路2公里。\n" f"{heading}\n"
            "群众工作方法比较单一，村集体经济基础薄弱。\n")
    assert part not in texts(run(text, "missing-element"))
    assert part in texts(run(text.replace(heading, "三、其他工作"), "missing-element"))


def test_what_the_work_prepared_for_is_not_a_plan(run):
    text = ("2024年度述职述廉报告\n本人作为驻村工作队员，深入学习贯彻党的二十大精神，落实全面从严治党要求，"
            "严守廉洁纪律，遵守中央八项规定精神。本人调研不够深入。协调资金修建道路2公里，为下一步发展产业打下了基础。\n")
    assert "下一步打算和努力方向" in texts(run(text, "missing-element"))
    planned = text.replace("为下一步发展产业打下了基础。", "下一步，我将继续发展产业。")
    assert "下一步打算和努力方向" not in texts(run(planned, "missing-element"))


@pytest.mark.parametrize("sentence, covered", [
    ("业务账和作风账一起算，", True),
    ("分管科室的业务要我负责，干部的作风和廉洁也要我负责，", True),
    ("坚持党风廉政建设与业务工作同部署、同落实，", True),
    ("与各科室层层签订“一岗双责”责任书，", False),  # others' duty
    ("分管科室的业务要我负责，", False),
])
def test_a_deputys_one_post_two_duties_in_his_own_words(run, sentence, covered):
    text = SHUZE.format(who="本人作为分管业务的副局长，").replace("落实全面从严治党主体责任。", sentence + "落实全面从严治党主体责任。")
    assert ("落实“一岗双责”" not in texts(run(text, "missing-element"))) == covered


def test_others_words_and_a_notice_followed_are_not_the_authors_account(run):
    """A requirement quoted from a 责任书 (明确“小区党支部书记是第一责任人”) or the subject of a
    notice followed (按县委宣传部加强网络舆情引导的通知) covers nothing."""
    base = SHUZE.format(who="本人作为县卫健局党组书记，")
    quoted = base.replace("落实全面从严治党主体责任。", "落实全面从严治党主体责任，街道与各社区签订责任书，明确“小区党支部书记是第一责任人”。")
    assert "履行第一责任人职责" in texts(run(quoted, "missing-element"))
    notice = base.replace("落实全面从严治党主体责任。", "落实全面从严治党主体责任。按县委宣传部加强网络舆情引导的通知，由县医院收集信息。")
    assert "意识形态工作责任制" in texts(run(notice, "missing-element"))
    own = base.replace("落实全面从严治党主体责任。", "落实全面从严治党主体责任，本人作为第一责任人，每季度研判意识形态和网络舆情。")
    assert not {"履行第一责任人职责", "意识形态工作责任制"} & set(texts(run(own, "missing-element")))


def test_what_the_notice_says_a_report_must_contain_is_not_content(run):
    text = FULL.replace("坚持民主集中制，", "")
    notice = "根据县委组织部的通知，述职报告要重点报告理论学习、执行民主集中制和廉洁自律情况。\n"
    assert "执行民主集中制" in texts(run(text.replace("\n\n", "\n" + notice, 1), "missing-element"))
    notice = "按照县委通知要求，述职内容包括德、能、勤、绩、廉以及执行民主集中制等情况。\n"
    assert "执行民主集中制" in texts(run(text.replace("\n\n", "\n" + notice, 1), "missing-element"))


def test_a_campaign_the_unit_helped_with_is_not_the_authors_law(run):
    text = ("2024年度述职述廉述法报告\n本人作为县委常委、县纪委书记，深入学习贯彻党的二十大精神，精准运用“四种形态”。"
            "严格遵守中央八项规定精神，廉洁自律，坚持民主集中制，如实报告个人有关事项。乡里配合县司法局开展“八五”普法进村活动。"
            "存在的问题是学习不够深入。下一步将加强学习。")
    law = "述法（学法用法、依法履职）"
    assert law in texts(run(text, "missing-element"))
    own = text.replace("乡里配合", "本人带头学习宪法和监察法，乡里配合")
    assert law not in texts(run(own, "missing-element"))


DENENG = ("2024年度个人述职报告\n本人作为县档案馆馆员，一年来情况如下。\n一、德：加强学习，坚定政治立场\n"
          "深入学习贯彻党的二十届三中全会精神。\n二、能：钻研业务，提高履职本领\n参加业务培训2次。\n"
          "三、勤：爱岗敬业\n全年无请假。\n四、绩：用心做事\n完成县纪委监委移交的干部廉政档案数字化任务3000卷。\n"
          "五、存在的不足\n学习不够深入。\n六、今后努力方向\n下一步加强学习。\n")


@pytest.mark.parametrize("change, missing", [
    ("", True),  # written under 德、能、勤、绩 with no 廉: 廉政档案 in the 绩 part is no 廉
    ("五、存在的不足", False),  # (replaced below by a 廉 part)
    ("三、勤：爱岗敬业\n", False),  # two parts only: the words anywhere count
])
def test_a_report_written_under_de_neng_qin_ji_lian_needs_its_lian_part(run, change, missing):
    text = DENENG
    if change == "五、存在的不足":
        text = text.replace(change, "五、廉：严守纪律规矩\n不收受礼品礼金。\n六、存在的不足")
    elif change:
        text = text.replace(change, "").replace("二、能：钻研业务，提高履职本领\n", "")
    assert ("廉洁自律（廉）" in texts(run(text, "missing-element"))) == missing


@pytest.mark.parametrize("template_id, problems, covered", [
    ("shuzeshulian", "一是城乡教育发展仍不均衡，乡村学校教师短缺；二是城区学位供给仍然偏紧。", False),  # the field's
    ("shuzeshulian", "一是城乡教育发展仍不均衡；二是本人深入学校调研不够。", True),
    ("shuzeshulian", "一是理论学习的系统性还不够强；二是对分管领域风险的研判还不够精准。", True),  # no 我, still his
    # what it says of others (少数干部…担当作为的精气神不足) is not his
    ("shuzeshulian", "一是部分乡镇班子专业化程度不高；二是少数干部存在“躺平”心态，担当作为的精气神不足。", False),
    ("shuzeshulian", "一是少数干部存在“躺平”心态；二是本人对干部的教育管理还不够严。", True),
    # how he oversaw the bodies under him is his own (督导检查多、帮助指导少), not the field's
    ("shuzeshulian", "一是城乡教育发展仍不均衡；二是对各学校党组织的督导检查多、帮助指导少。", True),
    ("gongzuo-zongjie", "一是城乡教育发展仍不均衡，乡村学校教师短缺；二是城区学位供给仍然偏紧。", True),  # a unit's summary
])
def test_a_persons_problems_section_must_say_something_of_the_author(template_id, problems, covered):
    text = ("2024年度述职述廉报告\n本人作为县教育局副局长，分管基础教育。\n一、履职情况\n完成校舍改造12所。\n"
            f"二、存在的问题\n{problems}\n三、下一步打算\n下一步，我将加强学习。\n")
    names = texts(check_text(text, template=load_template(template_id), rules=["missing-element"]))
    assert (not {"存在的问题和不足"} & set(names)) == covered


SISHU = ("2024年度述学述职述廉述法报告\n本人作为县应急管理局党组书记、局长，现将有关情况报告如下。\n"
         "一、述学：深学细悟\n深入学习贯彻党的二十届三中全会精神。\n二、述职：履职尽责\n"
         "认真履行全面从严治党主体责任第一责任人职责，落实意识形态工作责任制，严格执行民主集中制，"
         "坚持依法行政，全年开展执法检查612家次。\n三、述廉：守住底线\n严格执行中央八项规定精神，廉洁自律。\n"
         "{law}四、存在的不足\n本人学习不够深入。\n五、下一步打算\n下一步加强学习。\n")


@pytest.mark.parametrize("law, missing", [
    ("", True),  # written 述学、述职、述廉 with no 述法 part: 坚持依法行政 in the 述职 part is no 述法
    ("四、述法：依法履职\n带头学习宪法和安全生产法，重大决策全部经合法性审查。\n", False),
    # a 述法 part that lists only the unit's figures, or what the 局党组 did, says nothing of the author
    ("四、述法\n行政执法“三项制度”落实率：100%\n行政复议被纠错案件：0件\n“八五”普法年度任务完成率：100%\n", True),
    ("四、述法\n局党组把法治建设作为重点工作来抓，全局组织学习了《民法典》，开展普法宣传活动6场。\n", True),
    ("四、述法\n认真学习宪法和《民法典》，组织全局学法考试4次。\n", False),  # the author implied
])
def test_a_report_written_under_shuxue_shuzhi_shulian_shufa_needs_its_law_part(run, law, missing):
    names = texts(run(SISHU.format(law=law), "missing-element"))
    assert ("述法（学法用法、依法履职）" in names) == missing


@pytest.mark.parametrize("sentence, covered", [
    ("本人在抓落实上还存在“重部署、轻督导”的现象。", True),
    ("深感自身能力素质与岗位要求还不相适应。", True),
    ("创新意识不强，工作方法比较单一。", True),
    ("调查研究做得还不多。", True),
    ("部分党员意识不强。", False),  # others' in a person's report
    ("村里基础设施仍有短板。", False),  # the field's, in a person's report with no 不足 section
    ("对分管口子的监督抓得不够细。", True),
    ("本人解决复杂问题的能力有待提高。", True),  # his handling of problems judged: his own
    ("针对部分党员学习不够深入的问题，开展专题培训。", False),  # what was done about others
    ("在抓落实上还存在“重部署、轻督导”的现象。", True),
    ("县委巡察组反馈我局干部作风不实、学习不够深入等2个方面5个问题，已全部整改。", False),  # fed back, done
])
def test_a_persons_shortcomings_in_his_own_words_and_not_others(run, sentence, covered):
    text = FULL.replace("存在的问题是学习不够深入。", sentence)
    assert ("存在的问题和不足" not in texts(run(text, "missing-element"))) == covered


@pytest.mark.parametrize("sentence, covered", [
    ("展望2025年，继续加强学习。", True),
    ("我决心在新的起点上再接再厉。", True),
    ("为下一步工作奠定基础。", False),
])
def test_plans_in_other_words(run, sentence, covered):
    text = FULL.replace("下一步将加强学习。", sentence)
    assert ("下一步打算和努力方向" not in texts(run(text, "missing-element"))) == covered


@pytest.mark.parametrize("title, template_id", [
    ("2024年度履行全面从严治党主体责任和个人廉洁自律情况报告", "shuzeshulian"),
    ("2024年度党委书记履行全面从严治党第一责任人职责情况报告", "shuzeshulian"),
    ("2024年度履行党风廉政建设“一岗双责”情况报告", "shuzeshulian"),
    ("中共青川县委关于2024年度落实全面从严治党主体责任情况的报告", None),  # the 党委's own report
    ("2024年度个人履职情况报告", "denengqinjilian"),
    ("2024年个人工作述职", "denengqinjilian"),
    ("2024年度人大代表履职报告", None),  # a deputy's report to voters: another genre
    ("2024年度个人总结", "gongzuo-zongjie"),
])
def test_a_report_type_named_in_other_words(title, template_id):
    picked = pick_template(title)
    assert (picked.id if picked else None) == template_id


def test_a_sentence_of_what_the_author_will_do_is_not_what_he_did(run):
    text = FULL.replace("严格贯彻中央八项规定精神，", "").replace("下一步将加强学习。", "下一步，我将严格执行中央八项规定精神。")
    assert "中央八项规定精神和纠治“四风”" in texts(run(text, "missing-element"))
    assert "下一步打算和努力方向" not in texts(run(text, "missing-element"))


def test_what_the_author_will_do_is_not_what_he_did(run):
    """A plan to keep the 八项规定 or to report 个人有关事项 (in the 下一步打算 section) does not cover
    them; a section headed for both the problems and the plans still counts as the problems."""
    text = ("2024年度述职述廉报告\n本人作为县委常委、宣传部部长，现将履职情况报告如下。\n一、履职情况\n"
            "深入学习贯彻党的二十届三中全会精神，落实全面从严治党主体责任，坚持民主集中制，廉洁自律。\n"
            "二、存在的问题\n本人调查研究还不够深入。\n三、下一步打算\n严格执行中央八项规定精神，按时如实报告个人有关事项。\n")
    names = texts(run(text, "missing-element"))
    assert {"中央八项规定精神和纠治“四风”", "个人有关事项报告"} <= set(names)
    done = text.replace("坚持民主集中制，", "坚持民主集中制，严格执行中央八项规定精神，按时如实报告个人有关事项，")
    assert not {"中央八项规定精神和纠治“四风”", "个人有关事项报告"} & set(texts(run(done, "missing-element")))
    both = text.replace("二、存在的问题\n本人调查研究还不够深入。\n三、下一步打算\n", "二、存在的问题和下一步打算\n本人调查研究还不够深入。")
    assert "存在的问题和不足" not in texts(run(both, "missing-element"))
    work = done.replace("一、履职情况\n", "一、履职情况及下一步打算\n")  # the year's work too
    assert not {"中央八项规定精神和纠治“四风”", "个人有关事项报告"} & set(texts(run(work, "missing-element")))


@pytest.mark.parametrize("sentence, covered", [
    ("逢年过节村民送来的土鸡、腊肉，我都婉言谢绝，", True),
    ("企业送来的两盒茶叶当即退回，", True),
    ("帮助村民销售土鸡、腊肉，", False),
])
def test_gifts_turned_down_in_the_authors_words_are_integrity(run, sentence, covered):
    text = FULL.replace("加强党风廉政建设，", sentence)
    assert ("党风廉政建设和廉洁自律（述廉）" not in texts(run(text, "missing-element"))) == covered


@pytest.mark.parametrize("problems, covered", [
    ("村集体经济还比较薄弱，我抓发展的办法不多。", True),
    ("原因主要是主观上对党建工作重视不够。", True),
    ("组织生活质量不高，原因是对党建工作思想认识不到位。", True),
    ("我们对党员的教育管理还不够严格。", True),
    ("原因在于抓党建的精力投入不够。", True),
    ("我们村地处偏远，外出务工党员多。", False),
    ("我村地处偏远，外出务工党员多。", False),  # 我村 is the village
    ("村集体经济还比较薄弱。原因是村里点多线长、经费有限，客观上制约了支部建设。", False),  # the unit's only
])
def test_a_secretarys_party_building_problems_put_himself_in(run, problems, covered):
    """抓党建述职: the 书记 把自己摆进去 — one problem or one 主观 cause of his own."""
    text = VILLAGE.replace("村集体经济还比较薄弱，我抓发展的办法不多。", problems)
    assert ("存在的问题及原因" not in texts(run(text, "missing-element"))) == covered


def test_a_deputys_duty_is_not_what_his_head_did_or_asked(run):
    """中心主任作为第一责任人，与我…签订了责任书，要求班子成员落实“一岗双责”: the head's duty and
    request, not the deputy's own 一岗双责 or 管党治党责任."""
    text = ("2024年度述职述廉报告\n本人作为县政务服务中心副主任，深入学习贯彻党的二十届三中全会精神。\n"
            "中心主任作为第一责任人，与我和各科室负责人签订了党风廉政建设责任书，要求班子成员落实“一岗双责”。"
            "严格遵守中央八项规定精神，廉洁自律，坚持民主集中制，重大事项提交主任办公会集体研究。\n"
            "存在的问题是本人学习不够深入。下一步将加强学习。")
    names = texts(run(text, "missing-element"))
    assert {"落实“一岗双责”", "履行全面从严治党主体责任（述责）"} <= set(names)
    studied = text.replace("深入学习贯彻党的二十届三中全会精神。", "深入学习习近平总书记关于全面从严治党的重要论述。")
    assert "履行全面从严治党主体责任（述责）" in texts(run(studied, "missing-element"))
    own = text.replace("要求班子成员落实“一岗双责”。", "要求班子成员落实“一岗双责”。我对分管科室的党风廉政建设负直接责任，业务和廉政一起抓。")
    assert not {"落实“一岗双责”", "履行全面从严治党主体责任（述责）"} & set(texts(run(own, "missing-element")))


def test_a_meeting_that_decides_is_no_organisation_building(run):
    text = VILLAGE.replace("严格落实“三会一课”，发展党员2名。", "重大事项先经支委会研究。")
    assert "基层组织建设（“三会一课”、组织生活、发展党员等）" in texts(run(text, "missing-element"))
    held = VILLAGE.replace("严格落实“三会一课”，发展党员2名。", "全年召开支委会12次。")
    assert "基层组织建设（“三会一课”、组织生活、发展党员等）" not in texts(run(held, "missing-element"))
    counted = VILLAGE.replace("严格落实“三会一课”，发展党员2名。", "支部下设3个党小组。")  # the structure, not its work
    assert "基层组织建设（“三会一课”、组织生活、发展党员等）" in texts(run(counted, "missing-element"))


def test_rectification_asked_by_the_title(run):
    title = "杨家庄村党支部书记2022年度抓党建工作述职报告（含上年度述职评议问题整改情况）"
    text = VILLAGE.replace("杨家庄村党支部书记2022年度抓党建工作述职报告", title)
    assert "上年度述职评议问题整改情况" not in texts(run(VILLAGE, "missing-element"))
    assert "上年度述职评议问题整改情况" in texts(run(text, "missing-element"))
    claimed = text.replace("发展党员2名。", "发展党员2名。上年度述职评议指出的2个问题已整改到位。")
    assert "上年度述职评议问题整改情况" in texts(run(claimed, "missing-element"))  # no problem named
    done = text.replace("发展党员2名。", "发展党员2名。上年度述职评议指出我村“流动党员管理松散”，今年建立流动党员微信群，每季度联系一次。")
    assert "上年度述职评议问题整改情况" not in texts(run(done, "missing-element"))


_RECTIFIED = "上年度述职评议问题整改情况"


@pytest.mark.parametrize("section, missing", [
    # a heading of its own raises it; a formula under it tells nothing a 评议 could check
    ("三、上年度述职评议问题整改情况\n对上年度述职评议指出的问题，支部高度重视，明确责任人和完成时限，目前已全部整改到位，得到镇党委肯定。\n", True),
    # the unit's 巡察 rectification is another matter
    ("三、巡察整改\n县委巡察组反馈村集体“三资”管理不规范的问题，我们补建了合作社分红台账，两笔工程款重新公示。\n", True),
    # … and so it is under a 评议 heading
    ("三、上年度述职评议问题整改情况\n县委巡察组反馈村集体“三资”管理不规范的问题，我们补建了合作社分红台账。\n", True),
    # the problem named and what was done this year
    ("三、上年度述职评议问题整改情况\n去年述职评议时，镇党委指出我们村“党员活动不经常”。今年定下每月10日为固定主题党日，全年开展12次。\n", False),
    ("三、上一年评议的两件事\n去年述职评议，镇党委对我提了两点意见：\n一是支部活动和产业结合不紧。今年组织党员开展技术培训6次。\n"
     "二是对老党员关心少。今年我上门看望老党员19人次。\n", False),
])
def test_rectification_raised_by_the_report_is_judged_on_substance(run, section, missing):
    text = VILLAGE.replace("一、存在的问题", section + "四、存在的问题")
    assert (_RECTIFIED in texts(run(text, "missing-element"))) == missing


def test_rectification_only_planned_is_not_told(run):
    planned = VILLAGE.replace("抓好党员队伍建设。", "一是对照上年度述职评议指出的问题，逐条制定整改措施，确保明年上半年全部整改到位。二是抓好党员队伍建设。")
    assert _RECTIFIED in texts(run(planned, "missing-element"))


def test_rectification_in_passing_does_not_raise_it(run):
    """A clause in another paragraph (…上年度述职评议反馈的问题全部整改销号) does not set out to report it."""
    passing = VILLAGE.replace("发展党员2名。", "发展党员2名，上年度述职评议反馈的问题全部整改销号。")
    assert _RECTIFIED not in texts(run(passing, "missing-element"))


@pytest.mark.parametrize("heading, missing", [
    ("三、守住底线，干净做事", True),  # the 述廉 part in other words: only it counts
    ("三、严于律己，清白做人", True),
    ("三、守住安全底线，服务群众", False),  # a work part: the words anywhere count
])
def test_the_integrity_part_headed_in_other_words(run, heading, missing):
    text = ("2024年度述职述廉报告\n本人作为县委常委、宣传部部长，现将履职情况报告如下。\n一、理论学习\n"
            "深入学习贯彻党的二十届三中全会精神。\n二、履职尽责\n落实全面从严治党主体责任，在分管领域落实“一岗双责”，"
            "坚持民主集中制，重大事项提交常委会集体研究。下基层调研我带头执行中央八项规定精神。\n"
            f"{heading}\n严格遵守廉洁自律准则，如实报告个人有关事项，不收受礼品礼金。\n"
            "四、存在的问题\n本人调查研究还不够深入。\n五、下一步打算\n下一步，我将加强学习。\n")
    assert ("中央八项规定精神和纠治“四风”" in texts(run(text, "missing-element"))) == missing


def test_the_units_campaign_is_not_the_authors_conduct(run):
    text = FULL.replace("严格贯彻中央八项规定精神，", "在全馆开展中央八项规定精神落实情况自查，")
    assert "中央八项规定精神和纠治“四风”" in texts(run(text, "missing-element"))
    own = FULL.replace("严格贯彻中央八项规定精神，", "我对照中央八项规定精神逐条自查，")
    assert "中央八项规定精神和纠治“四风”" not in texts(run(own, "missing-element"))


# -- whose act, and when: a notice relayed under a run-in heading, another year's report --------

# A 县处级副职's 述廉 whose personal-matters paragraph is filled in below.
_RANKED = ("2024年度述职述廉报告\n\n本人系市水利局党组成员、副局长。\n一、廉洁自律情况\n"
           "（一）严格遵守中央八项规定精神，本人不接受宴请。\n（二）个人有关事项。{}\n"
           "二、存在的问题\n我的调研还不够深入。\n三、下一步打算\n下一步将加强学习。\n")
_MATTERS = "个人有关事项报告"


def test_a_requirement_restated_is_no_account_of_the_authors_report():
    """按照…要求，副处级以上领导干部要如实报告…: what everyone must do; reminding others is not his."""
    paragraph = ("按照市委组织部要求，副处级以上领导干部要如实、按时报告个人有关事项，并将开展随机抽查，"
                 "我在班子会上传达了相关规定，并提醒分管部门2名副处级干部按时填报。")
    text = _RANKED.replace("（二）个人有关事项。{}", "（二）{}").format(paragraph)
    assert element(check_text(text, rules=["missing-element"], year=2024), _MATTERS) is not None
    own = text.replace("我在班子会上传达了相关规定", "我3月如实报告了个人有关事项")
    assert element(check_text(own, rules=["missing-element"], year=2024), _MATTERS) is None


def test_a_run_in_heading_over_a_notice_relayed_is_no_account_of_the_authors_report():
    paragraph = ("局党组年初下发通知，要求全体处级干部于3月底前如实报告个人有关事项，对漏报、瞒报的将严肃处理。"
                 "市纪委也多次强调，处级干部要把如实报告个人有关事项作为对党忠诚老实的重要检验。")
    found = element(check_text(_RANKED.format(paragraph), rules=["missing-element"], year=2024), _MATTERS)
    assert found is not None and found.severity == "error"


@pytest.mark.parametrize("paragraph, covered", [
    # the unit's enforcement, and the author as the one who organises others' reports: not his own
    ("局党组严格执行领导干部报告个人有关事项制度，我作为分管人事工作的班子成员，年初组织全局县处级领导干部和科级干部按时填报，"
     "做到应报尽报；配合市委组织部开展随机抽查和重点抽查核实工作，全局个人有关事项报告工作规范有序。", False),
    ("年初按时如实填报，没有漏报、瞒报。", True),  # subjectless, his own: the heading names what it is
])
def test_a_run_in_heading_over_others_reports_is_no_account_of_the_authors(paragraph, covered):
    found = element(check_text(_RANKED.format(paragraph), rules=["missing-element"], year=2024), _MATTERS)
    assert (found is None) == covered


@pytest.mark.parametrize("paragraph", [
    "2022年提任时，我已按规定向组织如实报告了个人有关事项，相关情况组织已经掌握。",
    "两年前提任时，我向组织如实报告了个人有关事项。",
    "一是不接受宴请；二是2022年6月提任副局长时，我如实填报了本人婚姻、房产、投资等情况。",  # after its ordinal
])
def test_another_years_report_is_no_account_of_this_years(paragraph):
    """The words are the author's, of another year: a reader is asked to check (a warning)."""
    found = element(check_text(_RANKED.format(paragraph), rules=["missing-element"], year=2024), _MATTERS)
    assert found is not None and found.severity == "warning" and "往年情况" in found.message


@pytest.mark.parametrize("paragraph", [
    "今年3月，我按规定如实报告了个人有关事项。",
    "2024年1月，我按规定如实填报了个人有关事项报告，包括本人和配偶的房产、投资情况。",
    "年初按规定如实报告了2023年度个人有关事项，与组织核查结果一致。",  # the matters' year, reported this year
    "2021年以来，我每年都按时如实报告个人有关事项。",  # a time reaching this year
])
def test_this_years_own_report_covers_personal_matters(paragraph):
    findings = check_text(_RANKED.format(paragraph), rules=["missing-element"], year=2024)
    assert _MATTERS not in texts(findings)


def test_another_years_act_still_covers_last_years_rectification():
    """上年度述职评议问题整改 is told by last year's problems: 去年… is its very content."""
    text = ("2024年度村党支部书记抓基层党建工作述职报告\n本人作为村党支部书记，亲自抓党建工作，全年专题学习12次，"
            "坚持“三会一课”。去年述职评议指出的发展党员不及时问题，今年已发展党员2名。"
            "存在的问题是我的调研还不够深入。下一步将加强学习。\n")
    names = texts(check_text(text, rules=["missing-element"], year=2024, require=["rectification"]))
    assert "上年度述职评议问题整改情况" not in names


# -- a slogan in the 导语 ------------------------------------------------------------------------

_DEPUTY = ("2020年度述德述廉述职报告\n东陵大学外国语学院副院长  宋佳宁\n{}现将本人情况报告如下。\n"
           "一、述德\n我参加学院党委理论学习中心组学习10次。\n二、述职\n{}\n"
           "三、述廉\n本人严格执行中央八项规定精神，没有接受宴请；3月如实填报了个人有关事项报告。\n"
           "四、存在的问题\n我对教学改革思考不够。\n五、下一步打算\n下一步将加强学习。\n")
_CENTRALISM = "执行民主集中制"


def test_a_stance_in_the_opening_paragraph_is_no_account_of_the_year():
    """一年来，我始终坚持民主集中制 before the first heading is the 导语's slogan: the sections say
    nothing of how he took part in the team's decisions."""
    text = _DEPUTY.format("一年来，我始终坚持民主集中制，自觉维护班子团结。", "我牵头开设线上课程142门。")
    found = element(check_text(text, rules=["missing-element"], year=2020), _CENTRALISM)
    assert found is not None and found.severity == "warning" and "导语表态" in found.message


@pytest.mark.parametrize("opening, work", [
    # the practice, not a principle, in the opening paragraph
    ("一年来，我在班子议事中坚持末位表态。", "我牵头开设线上课程142门。"),
    # the same words in the account of the work
    ("", "我始终坚持民主集中制，分管工作的重要事项都提交党政联席会议集体研究。"),
])
def test_a_practice_or_the_account_of_the_work_covers_it(opening, work):
    findings = check_text(_DEPUTY.format(opening, work), rules=["missing-element"], year=2020)
    assert _CENTRALISM not in texts(findings)


@pytest.mark.parametrize("work, covered", [
    # the rules written and the meetings counted: the body's paperwork, not his part in its decisions
    ("修订《学校党支部会议议事规则》《校长办公会议议事规则》，全年支部委员会召开19次，会议纪要按月归档。", False),
    # how matters were decided there
    ("修订《校长办公会议议事规则》，“三重一大”事项一律提交支部委员会集体研究，我最后表态。", True),
])
def test_rules_of_procedure_revised_are_not_the_authors_centralism(work, covered):
    text = _DEPUTY.format("", work)
    assert (_CENTRALISM not in texts(check_text(text, rules=["missing-element"], year=2020))) == covered


# -- what a word is used for: the network's security is not its 意识形态 -------------------------

_SECRETARY = ("2022年度述职述廉报告\n本人作为县公共资源交易中心党支部书记，亲自抓支部建设，履行第一责任人职责。\n"
              "一、履职情况\n我全年专题学习12次。\n（一）网络意识形态阵地管理。{}\n"
              "二、廉洁自律\n我严格执行中央八项规定精神，不接受宴请。\n三、存在的问题\n我的调研还不够深入。\n"
              "四、下一步打算\n下一步将加强学习。\n")
_IDEOLOGY = "意识形态工作责任制"


@pytest.mark.parametrize("paragraph, covered", [
    # firewalls and backups: the systems' security
    ("门户网站是网络意识形态工作的重要阵地。今年我们完成了网络安全等级保护三级测评，更换了两台防火墙，"
     "部署了网页防篡改系统，全年拦截网络攻击1.2万余次。", False),
    # what is published on it
    ("门户网站是网络意识形态工作的重要阵地。今年我们完成了网络安全等级保护测评，"
     "我对网站发布的内容实行终审把关。", True),
])
def test_the_networks_security_is_not_its_ideology(paragraph, covered):
    findings = check_text(_SECRETARY.format(paragraph), rules=["missing-element"], year=2022)
    assert (_IDEOLOGY not in texts(findings)) == covered


def test_no_paragraph_is_masked_for_an_element_a_section_covers_by_its_heading():
    """Such a section is taken as not blank once masked when it has a 。 in it: right only while
    no whole paragraph is masked for its element."""
    from shuzhi.checker.data import load
    from shuzhi.templates import element_library

    by_heading = {e["id"] for e in element_library()["elements"].values() if e.get("covered_by_heading")}
    assert not by_heading & {i for entry in load("coverage")["paragraphs"] for i in entry["elements"]}


# -- a person's own 工作总结: his own 不足 -------------------------------------------------------

_SUMMARY = ("{}\n省交通投资集团高速公路运营分公司收费管理部经理  韩振东\n一、主要工作及成效\n"
            "我带领部门同志处理异常交易4.7万笔，追缴通行费386万元。\n二、存在的问题\n{}\n"
            "三、2021年工作思路\n一是开展收费人员全员轮训；二是深化稽核挽损。\n")
_PROBLEMS = "存在的问题和不足"
_OTHERS = ("一是部分同志对新系统操作不熟练；二是个别收费站管理松散，有的站长“重收费、轻管理”；"
           "三是有的站文明服务抓得好，有的站投诉居高不下。")


def test_a_persons_summary_needs_his_own_shortcomings():
    """个人工作总结: problems that are all others' (部分同志…, 个别收费站…, 有的站…) are not his."""
    found = element(check_text(_SUMMARY.format("2020年个人工作总结", _OTHERS), rules=["missing-element"]),
                    _PROBLEMS)
    assert found is not None and found.severity == "warning"


@pytest.mark.parametrize("title, problems", [
    ("2020年个人工作总结", _OTHERS + "我对各站的督导还不够经常。"),  # his own, too
    ("收费管理部2020年工作总结", _OTHERS),  # a unit's summary reports the unit's problems
])
def test_a_units_summary_or_his_own_shortcoming_covers_it(title, problems):
    findings = check_text(_SUMMARY.format(title, problems), rules=["missing-element"])
    assert _PROBLEMS not in texts(findings)


def test_the_years_rectification_measures_are_no_plan():
    """中心逐项制定整改措施：一是出台… tells what was done about last year's problems, not what
    will be done: a summary that ends there has no plans."""
    text = ("东安县农村公路管理养护中心2023年工作总结\n一、主要工作及成效\n全年完成农村公路新改建126公里。\n"
            "二、存在的问题和不足\n一是日常养护重建轻养；二是养护员队伍老化。\n三、上年问题整改情况\n"
            "针对2022年工作总结中查找出的三个方面问题，中心逐项制定整改措施：一是出台《农村公路日常养护考核办法》。\n")
    plans = "下一年度工作思路"
    assert plans in texts(check_text(text, rules=["missing-element"], year=2023))
    planned = text + "四、2024年工作思路\n一是完成县道升级改造30公里。\n"
    assert plans not in texts(check_text(planned, rules=["missing-element"], year=2023))


@pytest.mark.parametrize("cause, covered", [
    ("原因主要是，对“两新”组织党建规律研究不深，工作方法办法不多。", True),  # the 书记's own, without a 我
    ("原因主要是园区企业流动性大、党员分散。", False),  # the field's objective difficulty
])
def test_a_secretarys_own_cause_without_a_subject(cause, covered):
    text = ("2022年度抓基层党建工作述职报告\n本人作为园区综合党委书记，亲自抓党建工作，全年专题学习12次，坚持“三会一课”。\n"
            "一、主要工作\n全年新建企业党组织3个。\n二、存在的问题及原因\n"
            f"一是部分小微企业党支部组织生活不经常；二是流动党员管理还有盲区。{cause}\n三、下一步工作思路\n"
            "一是扩大组织覆盖。\n")
    name = "存在的问题及原因"
    assert (name not in texts(check_text(text, rules=["missing-element"], year=2022))) == covered


@pytest.mark.parametrize("problem, covered", [
    # the branch secretaries as a group: their want of time, not his
    ("基层党支部书记大多是生产骨干，抓党建的时间和精力难以保证", False),
    ("我抓党建的时间和精力投入不够，到基层支部调研偏少", True),
])
def test_the_secretaries_below_him_are_not_the_secretary(problem, covered):
    text = ("2022年度抓基层党建工作述职报告\n本人作为公司党委书记，亲自抓党建工作，坚持“三会一课”。\n"
            "一、主要工作\n全年新建党支部3个。\n二、存在的问题及原因\n"
            f"一是{problem}。二是公司经营区域分散，集中学习组织难度大。\n三、下一步工作思路\n一是扩大组织覆盖。\n")
    assert ("存在的问题及原因" not in texts(check_text(text, rules=["missing-element"], year=2022))) == covered


def test_items_of_what_he_will_do_are_no_shortcoming():
    """存在的不足和今后打算 whose every item is a plan (一是要进一步…; 力争…) admits nothing."""
    text = ("2023年度个人述职报告\n南岭镇中心卫生院院长  梁晓东\n一、工作实绩\n我全年坐诊186天。\n"
            "二、廉洁自律\n我不收受红包，不接受医药代表宴请。\n三、存在的不足和今后打算\n"
            "一是要进一步加强理论学习，提高政治站位。二是要进一步提升医疗服务能力，力争在2024年开展腹腔镜手术。\n")
    assert "存在的问题和不足" in texts(check_text(text, rules=["missing-element"], year=2023))
    admitted = text.replace("一是要进一步加强理论学习", "一是我理论学习不够系统。二是要进一步加强理论学习")
    assert "存在的问题和不足" not in texts(check_text(admitted, rules=["missing-element"], year=2023))


# -- whose 廉: a scheme's 廉 part that tells only of his family and staff -----------------------

_SCHEME = ("临河镇镇长2021年度述职报告\n临河镇人民政府镇长  许国平\n一、德：坚定政治方向\n我全程参加党史学习教育。\n"
           "二、能：提高履职能力\n我跑了三个村的村庄规划编制。\n三、勤：扑下身子干事\n全年我在村里的时间超过160天。\n"
           "四、绩：交出临河答卷\n全镇完成规上工业产值18.6亿元。我对分管领域坚持把党风廉政建设与业务工作同部署。\n"
           "五、廉：守住清廉家风\n{}\n六、存在的不足\n我对农业产业化研究不深。\n七、下一步打算\n一是抓好招商。\n")
_FAMILY = ("家风连着作风。今年我带着爱人参加了家属廉洁教育座谈会，回来后给儿子写了一封家书，叮嘱他守规矩。"
           "我爱人经营一家小超市，我给她立了三条规矩：不和镇里有业务往来的单位做生意，不收企业老板的“购物卡”。"
           "对身边工作人员，我同样严格要求，不准打着镇长的旗号办事。")


def test_a_lian_part_of_only_his_familys_and_staffs_conduct_leaves_his_own_out():
    found = element(check_text(_SCHEME.format(_FAMILY), rules=["missing-element"], year=2021), "廉洁自律（廉）")
    assert found is not None and found.severity == "error"


@pytest.mark.parametrize("own", ["我本人严格遵守廉洁自律准则，全年没有收受礼品礼金。", "不收受礼品礼金。"])
def test_a_word_of_his_own_conduct_in_the_lian_part_covers_it(own):
    findings = check_text(_SCHEME.format(_FAMILY + own), rules=["missing-element"], year=2021)
    assert "廉洁自律（廉）" not in texts(findings)


_BODIES = ("镇纪委组织全镇党员干部观看警示教育片3次，开展集体廉政谈话2次。"
           "全镇严格落实中央八项规定精神，公务接待费同比下降18%。")


@pytest.mark.parametrize("lian, left_out", [
    (_BODIES, True),  # only what the 镇纪委 and the whole town did: nothing of his own 廉
    (_BODIES + "我本人不收受礼品礼金。", False),
])
def test_a_lian_part_of_only_a_bodys_acts_leaves_his_own_out(lian, left_out):
    # headed 德——…, the other common form of the scheme's headings
    text = re.sub("、([德能勤绩廉])：", r"、\1——", _SCHEME.format(lian))
    found = element(check_text(text, rules=["missing-element"], year=2021), "廉洁自律（廉）")
    assert (found is not None and found.severity == "error") == left_out


# -- a plans section of only what a superior asks and slogans --------------------------------

_COURSE = ("2026年个人工作总结\n西岭农业大学教务处处长  蒋慧敏\n一、主要工作及成效\n全年新获批省级一流本科课程14门。\n"
           "二、存在的问题和不足\n我对教学改革的长远谋划研究不够。\n三、2027年工作思路\n{}\n")
_PLANS = "下一年度工作思路"


def test_a_plans_section_of_a_superiors_asks_and_slogans_has_no_plan():
    hollow = ("按照学校2027年工作要点和学校党委的统一部署，教务处将认真抓好各项工作落实。学校党委在年终工作会议上要求，"
              "教务部门要“对标一流、补齐短板、提质增效”，要以更高标准推进本科教育教学改革。我们将坚决按照学校的要求，"
              "以更加饱满的精神状态、更加务实的工作作风，推动各项工作再上新台阶。")
    found = element(check_text(_COURSE.format(hollow), rules=["missing-element"], year=2026), _PLANS)
    assert found is not None and found.severity == "warning"


def test_a_plans_section_of_the_years_label_guidance_and_resolve_has_no_plan():
    hollow = ("2027年是“十五五”规划开局之年。教务处将继续坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和"
              "二十届历次全会精神，在学校党委的坚强领导下，进一步统一思想、凝聚共识，锚定目标、真抓实干，以更加饱满的热情、"
              "更加务实的作风，为谱写学校高质量发展新篇章贡献教务力量。\n西岭农业大学教务处")
    found = element(check_text(_COURSE.format(hollow), rules=["missing-element"], year=2026), _PLANS)
    assert found is not None and found.severity == "warning"


def test_a_plans_section_of_the_lead_it_follows_and_an_aim_without_measure_has_no_plan():
    hollow = ("2027年，教务处将坚持以人民为中心的发展思想，紧紧围绕学校党委的决策部署，进一步解放思想、开拓创新、真抓实干，"
              "不断提高本科教学质量，推动各项工作再上新台阶。")
    found = element(check_text(_COURSE.format(hollow), rules=["missing-element"], year=2026), _PLANS)
    assert found is not None and found.severity == "warning"
    measured = hollow.replace("不断提高本科教学质量", "年内完成12个专业的人才培养方案修订")
    assert element(check_text(_COURSE.format(measured), rules=["missing-element"], year=2026), _PLANS) is None


@pytest.mark.parametrize("plans", [
    "一是深入学习贯彻党的二十届四中全会精神，每学期组织一次教学管理干部专题研讨。",
    "按照学校的统一部署，完成新一轮本科人才培养方案修订，新增微专业3个。",
    "一是抓好审核评估整改验收。",
])
def test_a_plans_section_with_something_to_do_covers_them(plans):
    findings = check_text(_COURSE.format(plans), rules=["missing-element"], year=2026)
    assert _PLANS not in texts(findings)


def test_every_form_of_another_years_time_has_what_tells_to_look_for_it():
    """A run-in paragraph with 我 in it is searched for another year's time only when it has what
    every form of it has (fast): right only while every form has it."""
    from shuzhi.checker.rules.missing_element import _TIME_HINT, _times_before

    for example in ["2022年", "去年", "前年", "上一年", "两年前", "提任时", "提拔时", "任职时", "到任时", "调任时", "履新时"]:
        assert any(time.search(example) for time in _times_before(2024)) and _TIME_HINT.search(example), example


# -- round 2 on other writers' reports: a document's 要, a superior's deployment, a 人大's acts ----

_PARTY_BUILDING = ("2026年度党组织书记抓基层党建工作述职报告\n临港经济开发区党工委书记　钱卫国\n一、履职情况和主要成效\n"
                   "我作为抓园区党建第一责任人，年初主持召开党工委会议专题研究党建工作，制定《临港经济开发区2026年党建工作要点》"
                   "和任务清单45项。全年主持党工委“第一议题”学习30次，严格落实“三会一课”制度，新建企业党组织19个。\n"
                   "二、存在的问题及原因\n一是“两新”组织党建质量还不够高，原因是本人分类指导不够精准。\n{}")


def test_this_years_work_plan_is_no_plan_for_next_year():
    """《2026年党建工作要点》 in a 2026 report is the year's own document (its 要 is 要点): a report
    that ends with its problems has no plans."""
    name = "下一步工作思路和措施"
    found = element(check_text(_PARTY_BUILDING.format(""), rules=["missing-element"], year=2026), name)
    assert found is not None and found.severity == "error"
    planned = _PARTY_BUILDING.format("三、下一步工作思路\n一是推动产业链党委实体化运行。\n")
    assert name not in texts(check_text(planned, rules=["missing-element"], year=2026))


_VICE_MAGISTRATE = ("2025年度述职述廉报告\n清河县委常委、常务副县长　李建平\n一、履职情况\n我分管财政、国资、金融工作，"
           "全年牵头召开经济运行分析会12次，协调解决企业问题146个。\n二、廉洁自律情况\n我严格执行民主集中制，"
           "分管领域重大事项均提交县政府常务会议集体研究决定。{}严格遵守中央八项规定精神，如实报告个人有关事项。\n"
           "三、存在的不足\n我对金融风险的研判还不够深入。\n四、下一步打算\n一是抓好财源建设。\n")
_DUTY = "履行全面从严治党主体责任（述责）"


def test_a_superiors_deployment_named_is_no_account_of_the_authors_duty():
    """按照县委关于落实全面从严治党主体责任的部署，积极参加… names the 县委's deployment: the author's
    own 述责 is not in it."""
    text = _VICE_MAGISTRATE.format("按照县委关于落实全面从严治党主体责任的部署，积极参加县委组织的各项活动。")
    found = element(check_text(text, rules=["missing-element"], year=2025), _DUTY)
    assert found is not None and found.severity == "error"


def test_the_authors_own_duty_after_a_deployment_covers_it():
    text = _VICE_MAGISTRATE.format("按照县委关于落实全面从严治党主体责任的部署，我认真履行分管领域全面从严治党责任，"
                          "与分管部门负责人开展廉政谈话18人次。")
    assert _DUTY not in texts(check_text(text, rules=["missing-element"], year=2025))


_CONGRESS = ("2023年度个人述职报告\n武陵县人大常委会副主任　覃建国\n一、履职情况\n按照常委会分工，我分管法制委员会和预算工作委员会。"
             "{}全年组织执法检查2次、专题询问1次。\n二、存在的不足\n我调查研究还不够深入。\n三、下一步打算\n一是加强预算审查监督。\n")


def test_a_peoples_congress_statutory_acts_are_not_the_authors_centralism():
    """县人大常委会作出的决议决定 are the state organ's acts, not how the author takes part in his
    班子's decisions."""
    text = _CONGRESS.format("组织对县人大常委会近三年作出的决议决定执行情况开展“回头看”，督促落实审议意见43条。")
    assert _CENTRALISM in texts(check_text(text, rules=["missing-element"], year=2023))
    own = _CONGRESS.format("我坚持民主集中制，分管工作中的重要事项都提交主任会议集体研究。")
    assert _CENTRALISM not in texts(check_text(own, rules=["missing-element"], year=2023))


_HOSPITAL = ("2025年度述职述廉报告\n南岭县中医院{}　梁晓东\n一、政治思想方面\n我积极参加医院党委理论学习中心组学习11次。\n"
             "二、工作实绩方面\n我分管医务工作，修订医疗核心制度18项。\n三、廉洁自律方面\n严格执行中央八项规定精神，"
             "认真落实“一岗双责”，对分管科室开展廉政谈话16人次。\n四、存在的不足\n理论学习的主动性还不够强。\n"
             "2026年，我将持续推进医疗质量安全提升行动。\n")


@pytest.mark.parametrize("post, asked", [
    ("副院长", False),  # a 副职 below 县处级 on no 党委: no member of the 班子 that decides
    ("党委委员、副院长", True),
])
def test_centralism_is_asked_of_a_deputy_on_the_party_committee(post, asked):
    findings = check_text(_HOSPITAL.format(post), rules=["missing-element"], year=2025)
    assert (_CENTRALISM in texts(findings)) == asked


_PERSONAL = _HOSPITAL.replace("2025年度述职述廉报告", "2025年度个人述职报告").replace("认真落实“一岗双责”，对分管科室开展廉政谈话16人次。", "{}")


@pytest.mark.parametrize("duty, asked", [
    ("", False),  # never raised: the five parts of 德能勤绩廉 have no 述责 and no 民主集中制
    ("院长要求班子成员落实“一岗双责”。医院党委坚持民主集中制，修订了议事规则。", True),  # raised, as another's duty: 请核实
    ("我对分管科室落实“一岗双责”，分管工作的重要事项都提交院党委会集体研究。", False),
])
def test_a_township_deputys_duties_in_a_personal_report_are_asked_where_raised(duty, asked):
    findings = check_text(_PERSONAL.format("党委委员、副院长", duty), rules=["missing-element"], year=2025)
    assert (_TWO_DUTIES in texts(findings)) == asked
    assert (_CENTRALISM in texts(findings)) == asked
    assert all(f.severity == "warning" for f in findings if f.text in (_TWO_DUTIES, _CENTRALISM))


_VILLAGE = ("2025年度个人述职报告\n桐木镇柳溪村村民委员会主任　黄大勇\n一、工作情况\n我牵头硬化通组公路3.2公里。\n"
            "二、廉洁自律\n{}严格遵守中央八项规定精神，不收受群众红包礼品。\n三、存在的不足\n我学习抓得还不够紧。\n"
            "四、下一步打算\n明年我将带头发展油茶产业。\n")
_TWO_DUTIES = "落实“一岗双责”"


@pytest.mark.parametrize("duty", [
    # 要求 ending its clause is a noun: the quote after it is the author's own term, not others' words
    "一是配合村党支部落实全面从严治党要求，履行好“一岗双责”，对村里的项目建设全部按“四议两公开”办理。",
])
def test_a_term_quoted_after_a_requirement_is_the_authors_own(duty):
    assert _TWO_DUTIES not in texts(check_text(_VILLAGE.format(duty), rules=["missing-element"], year=2025))


def test_a_chief_leading_his_units_integrity_work_does_his_part_of_it():
    """A 行政正职 who fulfils the 党风廉政建设 第一责任人 duty of his own office says his 一岗双责."""
    text = ("2021年度述职述廉报告\n安平市人民政府办公室主任　范志刚\n一、履职情况\n我牵头起草市政府工作报告，"
            "办理市政府常务会议议定事项128件。\n二、廉洁自律\n{}我严格遵守中央八项规定精神。\n三、存在的不足\n"
            "我对基层调研还不够深入。\n四、下一步打算\n一是提高办文质量。\n")
    own = "认真履行办公室党风廉政建设第一责任人职责，与各科室负责人签订党风廉政建设责任书。"
    assert _TWO_DUTIES not in texts(check_text(text.format(own), rules=["missing-element"], year=2021))
    assert _TWO_DUTIES in texts(check_text(text.format(""), rules=["missing-element"], year=2021))


# A clause whose subject is a body or the whole unit (委党组中心组…, 全局…) is its ledger, not the
# author's own study or conduct; the same clause with him in it is his.
@pytest.mark.parametrize("name, removed, sentence, covered", [
    ("政治学习/理论武装（述学）", "坚持理论学习，", "处党支部组织处室干部集中学习12次，开展主题教育成果巩固活动。", False),
    ("政治学习/理论武装（述学）", "坚持理论学习，", "委党组理论学习中心组全年开展集中学习10次，我作专题发言2次。", True),
    ("政治学习/理论武装（述学）", "坚持理论学习，", "我参加理论学习中心组集中学习10次。", True),
    ("中央八项规定精神和纠治“四风”", "严格贯彻中央八项规定精神，", "全局严格落实中央八项规定精神，公务接待费同比下降15%。", False),
    ("中央八项规定精神和纠治“四风”", "严格贯彻中央八项规定精神，", "我严格落实中央八项规定精神，下乡一律吃工作餐。", True),
    ("党风廉政建设和廉洁自律（述廉）", "加强党风廉政建设，", "局纪委组织全局干部观看警示教育片4次，开展廉政谈话12人次。", False),
    # the body's clause opening a line of its own
    ("政治学习/理论武装（述学）", "坚持理论学习，", "\n处党支部组织处室干部集中学习12次。\n", False),
])
def test_a_bodys_clause_is_not_the_authors_own(run, name, removed, sentence, covered):
    assert removed in FULL
    text = FULL.replace(removed, "").replace("存在的问题", sentence + "存在的问题")
    assert (name not in texts(run(text, "missing-element"))) == covered


# A deputy's 述责 and 一岗双责 told as what he did in the fields he heads (he talks their risks over
# with their heads, checks their approvals): his own, though the words 主体责任/一岗双责 are not there.
_JUSTICE_DEPUTY = ("2020年度述职述廉报告\n临泽县司法局党组成员、副局长　马永福\n一、述学\n我全年参加局党组中心组集体学习12次。\n"
           "二、述职\n我分管人民调解和社区矫正，全年调解纠纷1134件。\n三、述廉\n我不吃请、不收礼。{}\n"
           "四、述法\n我参加领导干部法治专题讲座2次。\n五、问题和不足\n我到基层调研的次数少。\n六、明年打算\n一是推动社区矫正信息化监管平台全覆盖。\n")


@pytest.mark.parametrize("duty, covered", [
    ("对分管的工作，我年初和调解股、矫正股的负责人谈了廉政风险，全年抽查矫正对象请假审批材料40份。", True),
    ("我对分管股室负责人逐一开展廉政提醒谈话。", True),
    ("局党组年初组织全局开展廉政风险排查。", False),  # the body's, not his
    ("一是抓分管股室的廉洁从业，我组织调解股全体人员学习廉洁从业规定，人人签订廉洁承诺书。", True),
])
def test_a_deputys_duty_told_as_what_he_did_in_his_fields(duty, covered):
    found = texts(check_text(_JUSTICE_DEPUTY.format(duty), rules=["missing-element"], year=2020))
    assert ("履行全面从严治党主体责任（述责）" not in found) == covered
    assert (_TWO_DUTIES not in found) == covered


# -- a section that is a body's account: no word of the author, a body its first subject ---------

_STANDING = ("2025年度述责述廉报告\n中共石门县皂市镇委员会书记　周卫东\n一、读书和思考\n{study}\n"
             "二、履行主体责任和第一责任人职责\n年初我主持召开镇党委会专题研究党风廉政建设工作，和7名班子成员逐一签订责任书。\n"
             "三、落实意识形态工作责任制情况\n{ideology}\n四、执行民主集中制情况\n“三重一大”事项我都提交镇党委会集体研究，我最后表态。\n"
             "五、个人廉洁自律情况\n我严格遵守中央八项规定精神，没有接受过管理服务对象的宴请。\n六、存在的问题\n我对班子成员的谈心谈话少了一半。\n"
             "七、2026年打算\n我将严把村“两委”换届人选关，对候选人逐一联审。\n")
_OWN_STUDY = "我每周五晚上读原著，全年通读了《习近平谈治国理政》第五卷。"
_IDEOLOGY = "意识形态工作责任制"
_STUDY = "政治学习/理论武装（述学）"


@pytest.mark.parametrize("ideology, covered", [
    # the 镇党委's ledger, every clause after it without a subject: not the 书记's own
    ("镇党委严格落实意识形态工作责任制，年初印发意识形态工作责任清单，全年召开意识形态工作专题会议2次，全镇意识形态领域总体平稳。", False),
    ("镇党委严格落实意识形态工作责任制，我年初主持研判意识形态形势2次，处置网络舆情3起。", True),
    ("年初印发意识形态工作责任清单，全年召开意识形态工作专题会议2次。", True),  # no subject: his own
    # a paragraph under a heading run into it
    ("（一）抓意识形态工作。镇党委牢牢掌握意识形态工作领导权、管理权、话语权，认真落实意识形态工作责任制，确保全镇意识形态领域安全稳定。", False),
    ("（一）抓意识形态工作。年初印发意识形态工作责任清单，全年研判意识形态形势2次。", True),
])
def test_a_section_that_is_a_bodys_account_covers_nothing_of_the_author(ideology, covered):
    findings = check_text(_STANDING.format(study=_OWN_STUDY, ideology=ideology), rules=["missing-element"], year=2025)
    assert (_IDEOLOGY not in texts(findings)) == covered


@pytest.mark.parametrize("study, covered", [
    ("县政府党组坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，全年召开理论学习中心组学习会14次。", False),
    # a body named after a time that opens the sentence, in a section that has him elsewhere
    ("我每周五晚上不安排应酬。党的二十大召开后，县委理论学习中心组及时组织专题学习，县政府办公室编印《学习资料汇编》12期。", False),
    ("我每周五晚上不安排应酬。党的二十大召开后，县委理论学习中心组及时组织专题学习，我作了交流发言。", True),
    ("二十届四中全会召开后，我在党员大会上领学全会公报。", True),
])
def test_a_bodys_study_is_not_the_authors(study, covered):
    findings = check_text(_STANDING.format(study=study, ideology="我主持研判意识形态形势2次。"), rules=["missing-element"], year=2025)
    assert (_STUDY not in texts(findings)) == covered


_SECTION_HEAD = ("2021年度个人述职报告\n{}　蒲海燕\n一、德\n我把《中国共产党简史》读完，写了31页笔记。\n二、能\n我先把政策吃透，再给科里同志讲。\n"
                 "三、勤\n我承担了全市就业形势分析报告的起草。\n四、绩\n全市城镇新增就业5.62万人。\n五、廉\n补贴审核我不开口子，企业老板请吃饭我一律不去，"
                 "严格遵守中央八项规定精神。\n六、存在的不足\n我对政策的研究还不够深入。\n七、2022年工作打算\n一是把零工市场从城区延伸到县城。\n")


@pytest.mark.parametrize("byline, asked", [
    ("绵阳市人力资源和社会保障局就业促进科科长", False),  # the head of a 科 inside the 局: no member of its 班子
    ("县人民法院民事审判第一庭庭长", False),
    ("绵阳市人力资源和社会保障局党组成员、副局长", True),
])
def test_the_head_of_a_body_inside_a_unit_is_not_asked_for_the_班子s_duties(byline, asked):
    found = texts(check_text(_SECTION_HEAD.format(byline), rules=["missing-element"], year=2021))
    assert (_CENTRALISM in found) == asked
    assert (_TWO_DUTIES in found) == asked


@pytest.mark.parametrize("duty, covered", [
    ("年初我和两名副校长、总务主任签了党风廉政建设责任书，把食堂采购列为重点环节。", True),
    ("年初学校与各年级组签订了安全责任书。", False),
])
def test_a_heads_duty_told_as_the_letters_he_signs_with_his_deputies(run, duty, covered):
    text = SHUZE.format(who="本人担任学校校长，").replace("落实全面从严治党主体责任。", duty)
    assert ("落实“一岗双责”" not in texts(run(text, "missing-element"))) == covered


@pytest.mark.parametrize("centralism, covered", [
    ("在2021年度民主生活会上，我对照检查时查摆了“执行民主集中制不够到位、会前沟通不够充分”的问题，", False),  # a problem admitted
    ("“三重一大”事项我都提交支委会集体研究，", True),
])
def test_a_problem_admitted_in_quotes_is_no_account_of_doing_it(run, centralism, covered):
    text = FULL.replace("坚持民主集中制，", centralism)
    assert ("执行民主集中制" not in texts(run(text, "missing-element"))) == covered


def test_an_office_party_secretarys_direct_responsibility_is_his_form_of_the_first():
    text = ("2021年度机关党委书记抓基层党建工作述职报告\n市自然资源和规划局党组成员、机关党委书记　孙慧娟\n一、学习\n"
            "我全年参加局党组理论学习中心组学习12次。\n二、履行抓机关党建的直接责任\n局党组书记是第一责任人，我作为机关党委书记，"
            "抓的是具体落实。年初我起草了局机关党建工作要点和14个支部的任务清单。\n三、存在的问题及原因\n我对支部书记的培训抓得不够。\n"
            "四、下一步打算\n一是开展支部书记轮训。\n")
    assert "履行抓基层党建第一责任人职责" not in texts(check_text(text, rules=["missing-element"], year=2021))
    dropped = text.replace("二、履行抓机关党建的直接责任", "二、抓机关党建").replace(
        "年初我起草了局机关党建工作要点和14个支部的任务清单。", "机关各支部全年开展主题党日12次。")
    assert "履行抓基层党建第一责任人职责" in texts(check_text(dropped, rules=["missing-element"], year=2021))


@pytest.mark.parametrize("section, covered", [
    ("2023年，我将重点抓好以下工作：一是深入学习贯彻党的二十大精神；二是深化“枫桥式公安派出所”创建，力争刑事警情再下降10%。", False),
    ("我对年轻民警的思想动态掌握不够。2023年，我将重点抓好以下工作：一是深化“枫桥式公安派出所”创建。", True),
])
def test_a_problems_and_plans_section_of_only_plans_has_no_problem(section, covered):
    text = ("2022年度述职报告\n大桥县公安局城北派出所所长　郑海涛\n一、德\n我带头学习习近平新时代中国特色社会主义思想。\n"
            "二、绩\n全年破获刑事案件146起。\n三、廉\n我严格执行中央八项规定精神，坚决不接受辖区企业的宴请和礼品。\n"
            f"四、存在的不足和下一步打算\n{section}\n")
    found = texts(check_text(text, rules=["missing-element"], year=2022))
    assert ("存在的问题和不足" not in found) == covered


@pytest.mark.parametrize("problems, covered", [
    ("回顾一年来的工作，自身还存在一些差距和不足：一是理论学习有待进一步加强；二是工作创新意识有待进一步提高；三是工作作风有待进一步改进。", False),
    ("一是理论学习不够系统，有待进一步加强；二是到基层调研少，对零工市场的需求掌握不细。", True),
])
def test_stock_lines_that_fit_anyones_report_name_no_shortcoming_of_his(problems, covered):
    text = _SECTION_HEAD.format("绵阳市人力资源和社会保障局就业促进科科长").replace("我对政策的研究还不够深入。", problems)
    assert ("存在的问题和不足" not in texts(check_text(text, rules=["missing-element"], year=2021))) == covered


_BRANCH = ("2021年度党支部书记抓基层党建工作述职报告\n宁波市鄞州区姜山镇第二初级中学党支部书记、副校长　陈雅芬\n一、学习\n"
           "我每天早读课时间在办公室读《中国共产党简史》40分钟。\n二、书记的担子\n{}\n三、存在的问题及原因\n我对青年教师党员的培养抓得不够。\n"
           "四、下一步打算\n一是每月主持一次支部专题学习。\n")


@pytest.mark.parametrize("lead, covered", [
    ("开学第一周，我把全年党建工作列成19项任务，在支委会上逐项过。", True),
    ("书记的担子我自己挑。8月底我主持了两次支部专题会，讨论课后服务怎么排。", True),
    ("我和9名社区书记逐一谈心，点评他们抓党建的问题。", True),
    ("支部全年召开支委会12次，党员大会4次。", False),  # the branch's ledger: no act of his
])
def test_a_secretarys_lead_told_plainly_is_his_first_responsibility(lead, covered):
    found = texts(check_text(_BRANCH.format(lead), rules=["missing-element"], year=2021))
    assert ("履行抓基层党建第一责任人职责" not in found) == covered


@pytest.mark.parametrize("rules, covered", [
    # the fields he heads as the subject, no word of his own: their 八项规定, not his
    ("分管部门全面开展深入贯彻中央八项规定精神学习教育，县教育局、县卫健局分别召开动员部署会，查处违反中央八项规定精神问题2起。", False),
    ("下乡调研我一律轻车简从，在乡镇食堂吃工作餐，严格遵守中央八项规定精神。", True),
])
def test_a_section_that_is_the_fields_he_heads_account_is_not_his_conduct(rules, covered):
    text = _VICE_MAGISTRATE.replace("严格遵守中央八项规定精神，", "").replace("三、存在的不足", "三、落实中央八项规定精神\n" + rules + "\n四、存在的不足")
    found = texts(check_text(text.format(""), rules=["missing-element"], year=2025))
    assert ("中央八项规定精神和纠治“四风”" not in found) == covered


@pytest.mark.parametrize("phrase", [
    "我自己读了《习近平关于防范风险挑战、应对突发事件论述摘编》。",
    "我会后把全会公报中关于整治群众身边不正之风的部分和分管工作对照。",
    "我读文件时做了8000多字笔记。",
])
def test_his_study_in_plain_words(run, phrase):
    bare = FULL.replace("坚持理论学习，", "")
    assert _STUDY in texts(run(bare, "missing-element"))
    assert _STUDY not in texts(run(bare.replace("存在的问题", phrase + "存在的问题"), "missing-element"))


_WITHOUT_DUTY = ("2024年度述职述廉报告\n本人作为{}，深入学习贯彻党的二十届三中全会精神，坚持民主集中制，重大事项提交局党组会集体研究。"
                 "严格遵守中央八项规定精神，廉洁自律，不收受礼品礼金。\n存在的问题是本人调研不够深入。下一步将加强学习。")


@pytest.mark.parametrize("post, severity", [
    ("县财政局党组成员、副局长", "error"),  # a member of the 领导班子: the 党内监督条例's 述责述廉
    ("县财政局预算股股长", "warning"),  # no member of it: the 条例 does not ask it of him, a 请核实
])
def test_the_duty_to_report_on_party_discipline_is_the_leading_groups(post, severity):
    found = element(check_text(_WITHOUT_DUTY.format(post), rules=["missing-element"], year=2024),
                    "履行全面从严治党主体责任（述责）")
    assert found is not None and found.severity == severity


def test_a_quote_after_a_documents_title_is_the_documents_words(run):
    """按照镇党委《关于…的通知》，“村党组织书记是抓基层党建的第一责任人…” is the notice's, not his lead."""
    quoted = VILLAGE.replace("坚持书记抓、抓书记。", "按照镇党委《关于落实基层党建工作责任制的通知》，“村党组织书记是抓基层党建的第一责任人”，支部将此项要求上墙公示。")
    found = element(run(quoted, "missing-element"), "履行抓基层党建第一责任人职责")
    assert found is not None and found.severity == "error"
    assert element(run(VILLAGE, "missing-element"), "履行抓基层党建第一责任人职责") is None


@pytest.mark.parametrize("post, severity", [
    ("县自然资源局党组书记、局长", "error"),  # the 主体责任规定's 党委（党组）书记
    ("县人民医院内科党支部书记、科主任", "warning"),  # a branch's: the 规定 names him not, a 请核实
])
def test_the_first_responsibility_is_the_committees_secretarys_by_the_regulation(post, severity):
    text = (f"2024年度述职述廉报告\n本人作为{post}，深入学习贯彻党的二十届三中全会精神，履行全面从严治党主体责任，"
            "坚持民主集中制，重大事项提交集体研究。严格遵守中央八项规定精神，廉洁自律，不收受礼品礼金。\n"
            "存在的问题是本人调研不够深入。下一步将加强学习。")
    found = element(check_text(text, rules=["missing-element"], year=2024), "履行第一责任人职责")
    assert found is not None and found.severity == severity


@pytest.mark.parametrize("said, asked", [
    ("", False),  # units differ on whether a 述职 must tell it: never raised, nothing said
    ("按照县委组织部通知要求，述职内容包括落实意识形态工作责任制情况。", True),  # the notice raises it
])
def test_ideology_is_asked_where_the_report_raises_it(run, said, asked):
    text = SHUZE.format(who="本人作为县教育局党委书记，").replace("2024年度述职述廉报告\n", "2024年度述职述廉报告\n" + said, 1)
    found = element(run(text, "missing-element"), "意识形态工作责任制")
    assert (found is not None) == asked
    assert found is None or found.severity == "warning"


@pytest.mark.parametrize("problems, covered", [
    # the public's and the field's conditions, whoever heads it: no 不足 of his
    ("一是群众健康意识不强；二是地方财政配套能力有限；三是分管的中医药工作基础较差；四是全科只有5个人，人手紧张。", False),
    ("一是群众健康意识不强；二是我对基层卫生院的调研不够，督导跟得不紧。", True),
    ("对照年初的目标，还有几处欠账：一是研究谋划不够超前；二是对干部的日常了解不够。", True),  # 欠账 his own, named
])
def test_the_fields_conditions_are_no_shortcoming_of_his(problems, covered):
    text = ("2025年度个人述职报告\n县卫健局副局长  罗建川\n一、德\n我参加党组中心组学习12次。\n二、绩\n全县建成医共体3个。\n"
            f"三、廉\n我不收受红包礼金。\n四、存在的问题\n{problems}\n五、2026年工作打算\n一是推进医共体建设。\n")
    assert ("存在的问题和不足" not in texts(check_text(text, rules=["missing-element"], year=2025))) == covered


def test_a_units_stance_and_a_notices_demand_of_a_post_are_not_the_authors(run):
    """县财政局始终把落实中央八项规定精神作为重要政治任务…: the unit's; 《…》要求，书记要切实履行…: the notice's."""
    unit = FULL.replace("严格贯彻中央八项规定精神，", "").replace("下一步将加强学习。",
                        "下一步将加强学习。\n县图书馆始终把落实中央八项规定精神作为重要政治任务，严格执行公务接待制度。")
    assert "中央八项规定精神和纠治“四风”" in texts(run(unit, "missing-element"))
    notice = VILLAGE.replace("坚持书记抓、抓书记。", "按照镇党委《党建工作要点》要求，村党组织书记要切实履行抓党建第一责任人职责。")
    assert "履行抓基层党建第一责任人职责" in texts(run(notice, "missing-element"))
