"""shuzhi.screening: 涉密 markings and personal data found (and masked) before a cloud model."""

from __future__ import annotations

import pytest

from shuzhi.draft import Draft
from shuzhi.drafting.base import Drafter
from shuzhi.drafting.pipeline import draft_report
from shuzhi.facts import load_facts
from shuzhi.screening import Outbound, SensitiveContent, id_checksum_ok, mask, screen
from shuzhi.templates import load_template

ID_CARD = "11010519491231002X"  # the specimen number printed in GB 11643's examples


@pytest.mark.parametrize("text, kind, excerpt", [
    ("秘密★1年", "classification", "秘密★1年"),
    ("机密★长期", "classification", "机密★长期"),
    ("★绝密", "classification", "★绝密"),
    ("密级：机密", "classification", "密级：机密"),
    ("【秘密】关于…的通知", "classification", "【秘密】"),
    ("绝密\n关于…的通知", "classification", "绝密"),
    ("内部资料，注意保存", "internal", "内部资料"),
    ("此件不得外传", "internal", "不得外传"),
    ("工作秘密\n会议纪要", "internal", "工作秘密"),
    ("按照国办密〔2023〕5号文件要求", "classified-number", "密〔2023〕5号"),
    ("厅密函[2022]1号", "classified-number", "密函[2022]1号"),
    ("根据教党〔2022〕5号文件", "document-number", "〔2022〕5号"),
    (f"身份证号{ID_CARD}", "id-card", "110***********002X"),
    ("联系电话13800138000", "mobile", "138****8000"),
    ("手机：138-0013-8000", "mobile", "138******8000"),
])
def test_signals_are_found_and_personal_data_is_masked_in_the_excerpt(text, kind, excerpt):
    hits = screen([("事实·荣誉第1条", text)])
    assert [(h.kind, h.excerpt, h.where) for h in hits] == [(kind, excerpt, "事实·荣誉第1条")]


@pytest.mark.parametrize("text", [
    "严格保守国家秘密和工作秘密，不泄露工作秘密", "本人严守工作秘密", "保守党和国家的秘密",
    "秘密地开展调研", "机密文件管理制度健全", "图书馆内部资料室全年开放",
    "身份证号110105194912310021",  # wrong check digit
    "馆藏编号213800138000999", "全年接待读者13800人次", "2022年述德述廉述职报告",
])
def test_what_a_report_says_about_secrecy_is_not_a_marking(text):
    assert screen([("x", text)]) == []


def test_id_checksum():
    assert id_checksum_ok(ID_CARD) and id_checksum_ok(ID_CARD.lower())
    assert not id_checksum_ok(ID_CARD[:-1] + "1")


def test_mask_replaces_blocking_hits_only():
    text = f"秘密★1年 张三，身份证{ID_CARD}，电话13800138000，依据教党〔2022〕5号。"
    assert mask(text) == "XX 张三，身份证XX，电话XX，依据教党〔2022〕5号。"


@pytest.fixture
def facts(samples):
    return load_facts(samples / "facts-2022.yaml")


class Recording(Drafter):
    name = "recording"

    def __init__(self, outbound):
        self.outbound = outbound
        self.requests = []

    async def stream_section(self, request):
        self.requests.append(request)
        yield "本节正文。"


def secret_facts(facts):
    sections = dict(facts.sections)
    political = sections["political"].model_copy(update={
        "items": ["传达学习秘密★1年文件精神"] + sections["political"].items})
    sections["political"] = political
    return facts.model_copy(update={"sections": sections, "honours": ["联系人手机13800138000"]})


def test_a_cloud_run_with_a_marking_is_refused_before_any_request(facts):
    template = load_template(facts.template)
    drafter = Recording(Outbound(cloud=True))
    with pytest.raises(SensitiveContent) as caught:
        draft_report(Draft.new(secret_facts(facts), template), template, drafter)
    assert drafter.requests == []
    message = str(caught.value)
    assert "密级标注“秘密★1年”（事实·从严抓学习入手，持续加强党的政治建设·事项第1条）" in message
    assert "手机号“138****8000”（事实·荣誉第1条）" in message
    assert "13800138000" not in message


def test_masked_on_the_users_choice_and_never_screened_locally(facts):
    template = load_template(facts.template)
    secret = secret_facts(facts)
    masked = Recording(Outbound(cloud=True, mask=True))
    draft = draft_report(Draft.new(secret, template), template, masked)
    sent = " ".join(r.facts.model_dump_json() for r in masked.requests)
    assert masked.requests and "秘密★" not in sent and "13800138000" not in sent and "传达学习XX文件精神" in sent
    assert draft.facts == secret  # the draft keeps what the user wrote

    local = Recording(Outbound(cloud=False))
    draft_report(Draft.new(secret, template), template, local)
    assert "13800138000" in local.requests[0].facts.model_dump_json()
