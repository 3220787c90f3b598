"""Who is writing: the author's kind of post and rank, from facts.posts or the author's words."""

import pytest

from shuzhi.facts import Facts
from shuzhi.roles import author_from_posts, author_from_text, read_author


@pytest.mark.parametrize("post, kinds, rank", [
    ("学院党委书记", {"secretary"}, "县处级正职"),  # a university's school, or a college itself: 正处 at least
    ("图书与信息服务中心直属党支部书记", {"secretary"}, None),
    ("镇党委书记", {"secretary"}, "乡科级正职"),
    ("县委书记", {"secretary"}, "县处级正职"),
    ("村党总支书记", {"secretary"}, "其他"),
    ("县纪委书记", {"discipline"}, None),  # ends in 书记, but its duty is 监督责任
    ("县纪委副书记", {"discipline"}, None),
    ("中共江州职业技术学院纪律检查委员会书记", {"discipline"}, "县处级副职"),  # the 纪委 by its full name
    ("镇党委副书记、镇长", {"deputy", "chief"}, "乡科级正职"),
    ("分管教学的副院长", {"deputy"}, None),
    ("县委常委、副县长", {"deputy", "member"}, "县处级副职"),
    ("副处长", {"deputy"}, "县处级副职"),
    ("校长", {"chief"}, None),
    ("四级主任科员", {"staff"}, "乡科级副职"),  # a 职级 of an ordinary civil servant, not a 主任
    ("一级主任科员", {"staff"}, "乡科级正职"),
    ("主任科员", {"staff"}, "一般干部"),
    ("三级调研员", set(), "县处级副职"),
    # a 地级市's department head is 正处; one of a 区 or 县 in it, or its 办公室主任, is not
    ("宁远市住房和城乡建设局党组书记", {"secretary"}, "县处级正职"),  # 和 inside a unit's name
    ("市农业农村局局长", {"chief"}, "县处级正职"),
    ("江州市清河区司法局局长", {"chief"}, "乡科级正职"),
    ("江州市教育局办公室主任", {"chief"}, None),
    ("江州市人民政府副秘书长", {"deputy"}, "县处级副职"),
    ("南陵市卫生健康委员会党组成员", {"member"}, "县处级副职"),  # a 地级市's department's 班子: 副处
    ("市卫健委副主任", {"deputy"}, "县处级副职"),
    ("江州市教育局办公室副主任", {"deputy"}, None),  # its own office's deputy: not its 班子
    ("县委巡察工作领导小组办公室主任", {"chief"}, "乡科级正职"),  # a 县委's own office: 正科
    ("县委组织部办公室主任", {"chief"}, None),
    ("市第一人民医院呼吸与危重症医学科主任", {"staff"}, None),  # a clinical head, not a 班子's
    # the head of a body inside a unit: no member of its 班子
    ("绵阳市人力资源和社会保障局就业促进科科长", {"middle"}, "乡科级正职"),
    ("县人民法院民事审判第一庭庭长", {"middle"}, "乡科级"),
    ("省发展和改革委员会固定资产投资处处长", {"middle"}, "县处级正职"),
    ("洛阳水务集团有限公司工程管理部经理", {"middle"}, None),
    ("中共临汐县委社会工作部部长", {"chief"}, "乡科级正职"),  # a 县委's 部 is a unit of its own
    ("市住房公积金管理中心清河县管理部主任", {"chief"}, "乡科级"),
    ("副市长", {"deputy"}, "县处级副职"),
    # 县级 courts, procuratorates, 人大 and 政协: 副县级 and up
    ("云溪县人民法院党组书记", {"secretary"}, "县处级副职"),
    ("县人民检察院检察长", {"chief"}, "县处级副职"),
    ("县法院副院长", {"deputy"}, "乡科级"),  # 正科 or 副科: below 县处级 either way
    ("青川县人民法院党组成员、副院长", {"member", "deputy"}, "乡科级"),  # the posts together say whose 副院长
    ("安平县水利局党组成员、副局长", {"member", "deputy"}, "乡科级副职"),  # a 县局's 班子 member: 副科
    ("中共桐溪县委办公室副主任", {"deputy"}, "乡科级"),
    ("中共白沙镇委员会副书记", {"deputy"}, "乡科级副职"),
    ("共青团平原县委员会党组书记、书记", {"secretary"}, "乡科级正职"),
    ("中共沅水县直属机关工作委员会书记", {"secretary"}, "乡科级正职"),
    ("临河县第一中学党委副书记、校长", {"deputy", "chief"}, "乡科级"),
    ("国网临河县供电公司党委书记", {"secretary"}, "乡科级正职"),  # a 县's company: 正科, no 国有企业领导人员
    ("龙泉县水务投资集团有限公司党委副书记、董事、总经理", {"deputy", "chief"}, "乡科级正职"),
    ("岷阳县交通运输局党组副书记、局长", {"deputy", "chief"}, "乡科级正职"),
    ("国家税务总局安平县税务局党委委员、纪检组组长", {"member", "discipline"}, "乡科级副职"),
    ("中共岚江县委常委、政法委书记", {"member"}, "县处级副职"),  # 政法委 is a 党委's department
    ("团县委书记", {"secretary"}, "乡科级正职"),  # not a 县委书记
    ("市中级人民法院副院长", {"deputy"}, "县处级副职"),
    ("青川农村商业银行股份有限公司党委书记、董事长", {"secretary", "chief"}, None),
    ("江州城市建设投资集团有限公司党委委员、纪委书记", {"member", "discipline"}, "国有企业领导人员"),
    ("公司党委书记", {"secretary"}, None),  # which company?
    ("华信证券股份有限公司临江滨河路证券营业部总经理", {"chief"}, None),  # an outlet, not the company
    ("政协平川县委员会副主席", {"deputy"}, "县处级副职"),
    ("县人大常委会主任", {"chief"}, "县处级正职"),
    ("县人大常委会办公室主任", {"chief"}, None),
    ("外国语学院院长", {"chief"}, "县处级正职"),
    ("学院党委副书记", {"deputy"}, "县处级副职"),
    ("江州职业技术学院纪委书记", {"discipline"}, "县处级副职"),
    ("东南理工大学党委组织部部长", {"chief"}, "县处级正职"),
    ("局党组主要负责人", {"secretary"}, None),
    ("驻村第一书记", set(), "其他"),
    ("班主任", set(), None),
    # an office inside a 市's unit is no 市 department: 团市委办公室, 市委组织部办公室 (正科)
    ("共青团柳溪市委员会办公室主任", {"chief"}, None),
    ("共青团柳溪市委员会办公室副主任", {"deputy"}, None),
    ("柳溪市委组织部办公室主任", {"chief"}, None),
    # a group's subsidiary, and a company led by a 党支部, are no 国有企业 of the 规定
    ("柳溪市文旅集团所属景区运营有限公司党委书记、董事长", {"secretary", "chief"}, None),
    ("柳溪燃气集团管网有限公司总经理", {"chief"}, None),
    ("柳溪市恒通物流有限公司党支部书记、总经理", {"secretary", "chief"}, None),
    # a 县 tax bureau's 分局 is no 县局; a 县 hospital's 科 is no hospital
    ("国家税务总局柳溪县税务局城北税务分局局长", {"chief"}, "乡科级"),
    ("柳溪县中医医院骨伤科党支部书记", {"secretary"}, None),
    # a 小区 is no 区
    ("金桂苑小区物业服务中心主任", {"chief"}, None),
    # 股级 and professional posts: below every 班子
    ("县自然资源局规划股股长", {"middle"}, "一般干部"),
    ("柳溪县社会保险服务中心待遇核定科科长", {"middle"}, "一般干部"),
    ("柳溪市财政局预算科科长", {"middle"}, "乡科级正职"),  # a 市 department's 科: 正科
    ("县人民医院儿科主管护师", set(), "一般干部"),
    ("县教育局教研室初中语文教研员", set(), "一般干部"),
    # a 开发区 (not a 县's): its 党工委 heads 正处, its members and 管委会副主任 副处
    ("柳溪高新技术产业开发区党工委书记", {"secretary"}, "县处级正职"),
    ("柳溪经济技术开发区党工委委员、管委会副主任", {"member", "deputy"}, "县处级副职"),
    ("柳溪县经济开发区党工委书记", {"secretary"}, "乡科级正职"),
    # the posts together: each rank they match counts
    ("柳溪市人民政府副秘书长、办公室党组书记、主任", {"deputy", "secretary", "chief"}, "县处级正职"),
    ("柳溪镇党委委员、人大主席", {"member"}, "乡科级正职"),
    ("市中级人民法院党组成员、副院长", {"member", "deputy"}, "县处级副职"),
    # a 县's centres and hospitals: heads 正科, deputies 副科; a 县局's and a 县委员会's deputies 副科
    ("柳溪县政务服务中心主任", {"chief"}, "乡科级正职"),
    ("柳溪县妇幼保健院党支部书记", {"secretary"}, "乡科级正职"),
    ("柳溪县人民医院党委委员、副院长", {"member", "deputy"}, "乡科级副职"),
    ("柳溪县发展和改革委员会党组成员、副主任", {"member", "deputy"}, "乡科级副职"),
    ("县国家粮食储备库主任", {"chief"}, "乡科级正职"),
    # a 县委's 部 (its head not a 县委常委), a 县's mass organisations by their full names
    ("中共柳溪县委统战部部长", {"chief"}, "乡科级正职"),
    ("柳溪县委常委、组织部部长", {"member", "chief"}, "县处级副职"),
    ("柳溪县残疾人联合会党组书记、理事长", {"secretary", "chief"}, "乡科级正职"),
    ("柳溪县科学技术协会副主席", {"deputy"}, "乡科级副职"),
    ("柳溪县人民法院民事审判庭庭长", {"middle"}, "乡科级"),
    # a 地级市's mass organisations, hospitals, 派驻纪检监察组 and schools
    ("柳溪市总工会党组成员、副主席", {"member", "deputy"}, "县处级副职"),
    ("柳溪市妇女联合会党组书记、主席", {"secretary"}, "县处级正职"),
    ("柳溪市中心医院党委书记", {"secretary"}, "县处级正职"),
    ("柳溪市第二人民医院党委委员、副院长", {"member", "deputy"}, "县处级副职"),
    ("柳溪市第二人民医院骨科副主任", {"deputy"}, None),  # a 科's, not the hospital's
    ("柳溪市纪委监委派驻市教育局纪检监察组组长", {"discipline"}, "县处级副职"),
    ("县纪委监委派驻县教育局纪检监察组组长", {"discipline"}, "乡科级正职"),
    ("柳溪市实验中学校长", {"chief"}, "乡科级"),
    # a university's schools, library; a 省's research institutes and prisons; a 隶属海关
    ("北川大学化学化工学院副院长", {"deputy"}, "县处级副职"),
    ("北川大学图书馆馆长", {"chief"}, "县处级正职"),
    ("省林业科学研究院党委书记", {"secretary"}, "县处级正职"),
    ("省农业科学院植物保护研究所所长", {"chief"}, "县处级正职"),
    ("省东湖监狱党委委员、副监狱长", {"member"}, "县处级副职"),
    ("北川海关党委书记、关长", {"secretary"}, "县处级正职"),
])
def test_a_post_gives_a_kind_and_a_rank(post, kinds, rank):
    author = author_from_posts([post])
    assert author.kinds == kinds and author.rank == rank


@pytest.mark.parametrize("text, title, kinds, rank", [
    ("2023年，本人作为学院党委书记，坚持以习近平新时代中国特色社会主义思想为指导。", "", {"secretary"}, "县处级正职"),
    ("作为分管教学的副院长，我始终把教学质量放在首位。", "", {"deputy"}, None),
    ("本人既是二级党组织书记也是基层党支部书记，抓部署抓落实。", "", {"secretary"}, None),
    ("根据学校党委关于开展2024年度处级领导干部述职述廉工作的通知要求，现将本人情况报告如下。", "", set(), "县处级"),
    ("作为一名副科级干部，我认真履职。", "", set(), "乡科级副职"),
    ("按照上级党委要求，现将本人抓基层党建工作情况报告如下。", "2023年度党支部书记抓基层党建工作述职报告",
     {"secretary"}, None),
    # posts of others, and 我校/我院, are not the author's
    ("我校是省级示范校。本人督促各支部书记履行职责。", "", set(), None),
    # a date between the author and the post
    ("我自2021年5月任县应急管理局党组书记、局长以来，认真履职。", "", {"secretary", "chief"}, "乡科级正职"),
    ("本人于2022年3月起担任镇党委副书记、镇长。", "", {"deputy", "chief"}, "乡科级正职"),
    ("作为第一责任人，我亲自部署。", "", set(), None),
    # 调任, 由…调任, 身为, and the head named by his work
    ("我自2023年3月调任县委办副主任以来，认真履职。", "", {"deputy"}, "乡科级"),
    ("今年5月，我由县发改局副局长调任县商务局党组书记、局长。", "", {"secretary", "chief"}, "乡科级正职"),
    ("身为村党支部书记，我始终把党建放在首位。", "", {"secretary"}, "其他"),
    # the head by his work has the head's rank (县档案馆馆长: 乡科级; 县市场监管局局长: 乡科级正职)
    ("我于2021年起主持县档案馆全面工作，认真履职。", "", {"chief"}, "乡科级"),
    ("2022年，我主持县市场监管局全面工作。", "", {"chief"}, "乡科级正职"),
    ("2022年，我主持市文化广电旅游局全面工作。", "", {"chief"}, "县处级正职"),
    ("本人作为县市场监督管理局党组书记、局长，认真履职。", "", {"secretary", "chief"}, "乡科级正职"),
    ("本人作为区市场监管局副局长，认真履职。", "", {"deputy"}, "乡科级副职"),
    ("本人作为县城市管理局党组书记、局长，认真履职。", "", {"secretary", "chief"}, "乡科级正职"),
    # a 县长, 正县级 and an 一级、二级调研员 are 县处级正职; a 副县长 and a 三级调研员 副职
    ("本人作为县委副书记、县长，认真履职。", "", {"deputy", "chief"}, "县处级正职"),
    ("本人作为县人民政府副县长，认真履职。", "", {"deputy"}, "县处级副职"),
    ("本人作为市发展和改革委员会二级调研员，认真履职。", "", set(), "县处级正职"),
    ("本人作为市发展和改革委员会三级调研员，认真履职。", "", set(), "县处级副职"),
    ("我在分管副局长的领导下，协助科长开展工作。", "", set(), None),
    # a speech's title names the meeting, not the speaker
    ("今天召开这次会议，听取各乡镇党委书记述职。", "在全县乡镇党委书记抓基层党建工作述职评议会议上的讲话", set(), None),
])
def test_the_author_is_read_from_his_own_words(text, title, kinds, rank):
    author = author_from_text(text, title)
    assert author.kinds == kinds and author.rank == rank


def test_facts_posts_come_first_and_unknown_posts_fall_back_to_the_text():
    text = "本人作为县教育局党委书记，认真履职。"
    facts = Facts(year=2024, unit="某县", person="张三", posts=["县纪委副书记"])
    assert read_author(text, facts=facts).kinds == {"discipline"}
    vague = Facts(year=2024, unit="某县", person="张三", posts=["某某同志"])
    assert read_author(text, facts=vague).kinds == {"secretary"}


@pytest.mark.parametrize("text, rank", [
    ("作为一名副县级领导干部，我认真履职。", "县处级副职"),
    ("作为一名正科级干部，我认真履职。", "乡科级正职"),
    ("本人现任区农业农村局副局长（副科级），分管种植业。", "乡科级副职"),
    ("根据县委组织部关于做好县管干部年度述职述廉工作的通知，现将本人情况报告如下。", "乡科级"),
    ("今年提拔副科级干部3名。", None),  # others' rank, not the author's
])
def test_rank_words_about_the_author(text, rank):
    assert author_from_text(text).rank == rank


def test_a_private_companys_secretary_is_no_state_enterprise_leader():
    byline = "2024年度党组织书记抓基层党建工作述职报告\n浙南恒达智能装备集团有限公司党委书记　郑国梁\n"
    state = byline + "本人认真履行抓党建第一责任人职责。"
    assert author_from_text(state).rank == "国有企业领导人员"
    private = byline + "根据区委“两新”工委关于开展非公有制企业党组织书记抓党建述职的通知，现将有关情况报告如下。"
    assert author_from_text(private).rank == "其他"
    partner = byline + "本人认真履行第一责任人职责，集团与3家民营企业开展合作。"  # working with one is not being one
    assert author_from_text(partner).rank == "国有企业领导人员"
