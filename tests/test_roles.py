"""Who is writing: the author's kind of post and rank, from facts.posts or the author's words."""

import pytest

from shuzhi.facts import Facts
from shuzhi.roles import author_from_posts, author_from_text, read_author


@pytest.mark.parametrize("post, kinds, rank", [
    ("学院党委书记", {"secretary"}, None),
    ("图书与信息服务中心直属党支部书记", {"secretary"}, None),
    ("镇党委书记", {"secretary"}, "乡科级正职"),
    ("县委书记", {"secretary"}, "县处级正职"),
    ("村党总支书记", {"secretary"}, "其他"),
    ("县纪委书记", {"discipline"}, None),  # ends in 书记, but its duty is 监督责任
    ("县纪委副书记", {"discipline"}, None),
    ("镇党委副书记、镇长", {"deputy", "chief"}, "乡科级正职"),
    ("分管教学的副院长", {"deputy"}, None),
    ("县委常委、副县长", {"deputy", "member"}, "县处级副职"),
    ("副处长", {"deputy"}, "县处级副职"),
    ("校长", {"chief"}, None),
    ("四级主任科员", {"staff"}, "一般干部"),  # a rank of an ordinary civil servant, not a 主任
    ("驻村第一书记", set(), "其他"),
    ("班主任", set(), None),
])
def test_a_post_gives_a_kind_and_a_rank(post, kinds, rank):
    author = author_from_posts([post])
    assert author.kinds == kinds and author.rank == rank


@pytest.mark.parametrize("text, title, kinds, rank", [
    ("2023年，本人作为学院党委书记，坚持以习近平新时代中国特色社会主义思想为指导。", "", {"secretary"}, None),
    ("作为分管教学的副院长，我始终把教学质量放在首位。", "", {"deputy"}, None),
    ("本人既是二级党组织书记也是基层党支部书记，抓部署抓落实。", "", {"secretary"}, None),
    ("根据学校党委关于开展2024年度处级领导干部述职述廉工作的通知要求，现将本人情况报告如下。", "", set(), "县处级"),
    ("作为一名副科级干部，我认真履职。", "", set(), "乡科级副职"),
    ("按照上级党委要求，现将本人抓基层党建工作情况报告如下。", "2023年度党支部书记抓基层党建工作述职报告",
     {"secretary"}, None),
    # posts of others, and 我校/我院, are not the author's
    ("我校是省级示范校。本人督促各支部书记履行职责。", "", set(), None),
    ("作为第一责任人，我亲自部署。", "", set(), None),
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
