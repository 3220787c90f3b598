"""Every report type drafts offline from its sample facts and passes its own check — the way a
user tries a template first; the prompts ask for what the author's post requires."""

from __future__ import annotations

import json
import re

import pytest

from shuzhi.drafting.prompts import draft_prompts
from shuzhi.facts import load_facts
from shuzhi.templates import load_template

TYPES = ["shuzeshulian", "sishu", "jiceng-dangjian", "denengqinjilian", "gongzuo-zongjie"]


@pytest.mark.parametrize("template_id", TYPES)
def test_offline_draft_of_the_sample_facts_passes_check(cli, samples, tmp_path, template_id):
    facts = samples / f"facts-{template_id}-2024.yaml"
    assert load_facts(facts).template == template_id
    out = tmp_path / "draft.txt"
    assert cli("draft", "--facts", facts, "--out", out).exit_code == 0
    result = cli("check", out, "--facts", facts, "--format", "json")
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert result.exit_code == 0, errors
    # without the facts the title alone tells the type, and the draft still has every element
    result = cli("check", out, "--rules", "missing-element", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


def test_an_indicator_left_empty_is_a_visible_gap(cli, samples, tmp_path):
    text = (samples / "facts-jiceng-dangjian-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("      - {name: 发展党员, value: 15, unit: 名}\n", "")
    (tmp_path / "facts.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "draft.txt"
    assert cli("draft", "--facts", tmp_path / "facts.yaml", "--out", out).exit_code == 0
    draft = out.read_text(encoding="utf-8")
    assert "【待补充：发展党员（名）】" in draft and not re.search(r"发展党员\d", draft)
    result = cli("check", out, "--format", "json")
    assert result.exit_code == 1
    assert any(f["rule"] == "placeholder" and "发展党员" in f["text"] for f in json.loads(result.stdout)["findings"])


def test_the_model_is_asked_for_the_duties_of_the_authors_post(samples):
    deputy = load_facts(samples / "facts-shuzeshulian-2024.yaml")  # 党组成员、副局长
    system = draft_prompts(load_template("shuzeshulian"), deputy)[0].system
    assert "落实“一岗双责”" in system and "履行第一责任人职责：" not in system
    secretary = deputy.model_copy(update={"posts": ["市教育局党组书记、局长"]})
    system = draft_prompts(load_template("shuzeshulian"), secretary)[0].system
    assert "履行第一责任人职责：" in system and "意识形态工作责任制：" in system


def test_section_prompt_lists_its_indicators(samples):
    facts = load_facts(samples / "facts-jiceng-dangjian-2024.yaml")
    prompts = draft_prompts(load_template("jiceng-dangjian"), facts)
    organization = next(p for p in prompts if "夯实基层基础" in p.user.splitlines()[0])
    assert "考核指标" in organization.user and "发展党员（名）" in organization.user


def test_the_facts_form_offers_the_indicator_table():
    from shuzhi.facts import Figure
    from shuzhi.forms import figure_rows

    spec = next(s for s in load_template("jiceng-dangjian").walk() if s.id == "organization")
    rows = figure_rows([Figure(name="发展党员", value=15, unit="名")], [spec])
    assert rows[0] == {"name": "发展党员", "value": "15", "unit": "名"}
    assert {"name": "开展主题党日", "value": "", "unit": "次"} in rows
    assert [r["name"] for r in rows].count("发展党员") == 1
