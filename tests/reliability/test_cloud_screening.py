"""Nothing secret goes to a public cloud by accident (issue #11, item 10).

The "cloud" is the local fake server reached the way a unit reaches the internet: the client
is given ``http://model.cloud.test/v1`` (a host name nobody declared internal, so a cloud by
``config.is_local_endpoint``) and ``HTTP_PROXY`` points at the fake server, which answers
absolute-form requests as that host. No test-only switch in the code: the same URL in
production would be screened the same way. The same server at 127.0.0.1 is a local model."""

from __future__ import annotations

import pytest
import yaml
from app_helpers import switch
from streamlit.testing.v1 import AppTest

from shuzhi.store import Store

from .conftest import ROOT, SAMPLE_FACTS

pytestmark = pytest.mark.reliability

CLOUD = "http://model.cloud.test/v1"
ID_CARD = "11010519491231002X"
SECRETS = ("秘密★1年", "13912345678", ID_CARD, "内部资料")


@pytest.fixture
def cloud(fake_openai, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{fake_openai.port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("SHUZHI_INTERNAL_HOSTS", raising=False)
    monkeypatch.setenv("CLOUD_KEY", "sk-cloud-account-1")
    return fake_openai


@pytest.fixture
def secret_facts(tmp_path):
    data = yaml.safe_load(SAMPLE_FACTS.read_text("utf-8"))
    data["events"] = ["传达学习秘密★1年文件精神"] + data.get("events", [])
    data["integrity"] = [f"如实报告个人有关事项，联系电话13912345678，身份证号{ID_CARD}"] + data.get("integrity", [])
    data["sections"]["political"]["items"].append("整理内部资料，注意保存")
    path = tmp_path / "secret.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def model(base_url: str) -> list[str]:
    key = ["--api-key-env", "CLOUD_KEY"] if base_url == CLOUD else []
    return ["--base-url", base_url, "--model", "fake-model", *key]


def sent(server) -> str:
    return "\n".join(r.prompt for r in server.requests)


def test_a_cloud_draft_with_secrets_is_refused_naming_them(cli, cloud, secret_facts, tmp_path):
    result = cli("draft", "--facts", secret_facts, *model(CLOUD), "-o", tmp_path / "out.txt")
    assert result.exit_code == 2
    line = result.stderr.strip().split("\n")[-1]
    assert line.startswith("错误：材料中有不宜发往云端模型的内容：密级标注“秘密★1年”（事实·年度重点工作第1条）")
    for named in ("手机号“139****5678”", "身份证号“110***********002X”", "内部资料标注“内部资料”", "--mask-sensitive"):
        assert named in line
    assert "13912345678" not in result.stderr and ID_CARD not in result.stderr
    assert cloud.requests == []  # nothing was sent
    assert not (tmp_path / "out.txt").exists()


def test_masked_on_the_users_explicit_choice(cli, cloud, secret_facts, tmp_path):
    result = cli("draft", "--facts", secret_facts, *model(CLOUD), "--mask-sensitive", "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.stderr
    assert "云端模型" in result.stderr and "已替换为 XX 后发送" in result.stderr
    assert cloud.requests and {r.host for r in cloud.requests} == {"model.cloud.test"}
    prompts = sent(cloud)
    assert [s for s in SECRETS if s in prompts] == []
    assert "传达学习XX文件精神" in prompts and "联系电话XX，身份证号XX" in prompts
    stored = Store().list()[0]
    assert "秘密★1年" in Store().get(stored.id).facts.events[0]  # the user's facts are kept as written


def test_a_local_model_is_not_screened(cli, fake_openai, secret_facts, tmp_path):
    result = cli("draft", "--facts", secret_facts, *model(fake_openai.base_url), "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.stderr
    assert "本地模型" in result.stderr
    assert all(s in sent(fake_openai) for s in SECRETS)


def test_a_cloud_regeneration_instruction_is_screened(cli, cloud, tmp_path):
    draft = tmp_path / "draft.json"
    assert cli("draft", "--facts", SAMPLE_FACTS, "-o", draft).exit_code == 0  # offline
    result = cli("regenerate", draft, "--section", "political", "--instruction",
                 "补充联系人手机 13912345678", *model(CLOUD))
    assert result.exit_code == 2 and "手机号“139****5678”（从严抓学习入手" in result.stderr
    assert cloud.requests == []


def test_last_years_report_is_screened_before_a_cloud_update(cli, cloud, tmp_path):
    report = tmp_path / "2021.txt"
    report.write_text((ROOT / "samples" / "report-2022.txt").read_text("utf-8").replace(
        "2022年述德述廉述职报告", "2021年述德述廉述职报告\n内部资料 注意保存", 1), "utf-8")
    result = cli("draft", "--facts", SAMPLE_FACTS, "--from-report", report, *model(CLOUD), "-o", tmp_path / "o.txt")
    assert result.exit_code == 2 and "内部资料标注“内部资料”" in result.stderr
    assert cloud.requests == []


# -- the app ----------------------------------------------------------------------------------

def app_on_model_page(base_url: str, facts_file) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("张三")
    inputs["单位"].set_value("图书与信息服务中心")
    [b for b in at.button if b.label == "创建报告"][0].click().run()
    at.file_uploader[0].upload("facts.yaml", facts_file.read_bytes(), "application/x-yaml").run()
    switch(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value("custom").run()
    at.text_input(key="base_url").set_value(base_url).run()
    at.text_input(key="model").set_value("fake-model").run()
    assert not at.exception
    return at


def test_the_app_labels_the_button_refuses_then_masks_on_the_checkbox(cloud, secret_facts):
    at = app_on_model_page(CLOUD, secret_facts)
    assert any("云端模型" in c.value for c in at.caption)
    at.button(key="draft-all").click().run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "不宜发往云端模型" in errors[0] and "密级标注" in errors[0]
    assert cloud.requests == []

    at.checkbox(key="mask-sensitive").check().run()
    at.button(key="draft-all").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert cloud.requests and [s for s in SECRETS if s in sent(cloud)] == []
    assert any("替换为 XX" in s.value for s in at.success)


def test_the_app_labels_a_local_model_and_does_not_screen(fake_openai, secret_facts):
    at = app_on_model_page(fake_openai.base_url, secret_facts)
    assert any("本地模型" in c.value for c in at.caption)
    assert not [c for c in at.checkbox if c.key == "mask-sensitive"]  # nothing to choose locally
    at.button(key="draft-all").click().run()
    assert not at.error and "13912345678" in sent(fake_openai)
