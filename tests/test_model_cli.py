"""``shuzhi draft`` and ``shuzhi regenerate`` with a model, as a user's shell runs them,
against the local fake server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FACTS = Path(__file__).parent / "data" / "model-facts-2022.yaml"
SECRET = "sk-test-SECRET-0123456789"
POLITICAL = "撰写“（一）从严抓学习入手"


@pytest.fixture(autouse=True)
def no_model_in_environment(monkeypatch):
    for var in ("DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY", "ZHIPUAI_API_KEY", "MOONSHOT_API_KEY",
                "SHUZHI_API_KEY", "SHUZHI_PROVIDER", "SHUZHI_MODEL", "SHUZHI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)


def model_flags(server) -> list[str]:
    return ["--base-url", server.base_url, "--model", "fake-model", "--api-key-env", "UNIT_KEY"]


def test_draft_with_a_model_writes_the_report_and_never_shows_the_key(shuzhi_proc, fake_openai, tmp_path,
                                                                    samples):
    fake_openai.ttft = 0.3  # long enough for the streams to overlap
    out = tmp_path / "draft.json"
    result = shuzhi_proc("draft", "--facts", samples / "facts-2022.yaml", *model_flags(fake_openai),
                         "--out", out,
                         env={"UNIT_KEY": SECRET})
    assert result.returncode == 0, result.stderr
    draft = json.loads(out.read_text(encoding="utf-8"))
    written = [s for s in draft["sections"] if s["versions"]]
    assert len(written) == 10 and all(s["status"] == "done" for s in written)
    assert "理论学习组集中学习12次" in out.read_text(encoding="utf-8")
    assert fake_openai.max_in_flight > 1, "sections were drafted concurrently"
    assert "使用模型" in result.stderr and "起草进度" in result.stderr and "估计费用" in result.stderr
    for shown in (result.stdout, result.stderr, out.read_text(encoding="utf-8")):
        assert SECRET not in shown
    assert {r.body["model"] for r in fake_openai.requests} == {"fake-model"}


def test_failed_section_exits_3_and_the_others_are_still_written(shuzhi_proc, fake_openai, tmp_path):
    fake_openai.fail("500", match=POLITICAL, times=None)
    out = tmp_path / "report.txt"
    result = shuzhi_proc("draft", "--facts", FACTS, *model_flags(fake_openai), "-o", out,
                         env={"UNIT_KEY": SECRET, "SHUZHI_MAX_ATTEMPTS": "2"})
    assert result.returncode == 3
    assert "失败：（一）从严抓学习入手，持续加强党的政治建设（political）：模型服务出错（500）（已尝试2次）" in result.stderr
    assert "退出码 3" in result.stderr
    report = out.read_text(encoding="utf-8")
    lines = report.splitlines()
    failed_at = lines.index("（一）从严抓学习入手，持续加强党的政治建设")
    assert lines[failed_at + 1] == "（二）从真抓实干入手，扎实履行抓党建第一责任人职责"  # no body
    assert "四、盘点不足，明确努力方向" in report and report.count("一是") >= 5


def test_regenerate_keeps_versions_and_restores(shuzhi_proc, fake_openai, tmp_path):
    draft_file = tmp_path / "draft.json"
    env = {"UNIT_KEY": SECRET}
    assert shuzhi_proc("draft", "--facts", FACTS, *model_flags(fake_openai), "-o", draft_file,
                       env=env).returncode == 0
    first = section(draft_file, "political")["text"]

    result = shuzhi_proc("regenerate", draft_file, "--section", "political", "--instruction", "更精炼",
                         *model_flags(fake_openai), env=env)
    assert result.returncode == 0, result.stderr
    regenerated = section(draft_file, "political")
    assert [v["instruction"] for v in regenerated["versions"]] == [None, "更精炼"]
    assert result.stdout.strip() == regenerated["text"] and len(regenerated["text"]) < len(first)
    assert "修改要求：更精炼" in fake_openai.requests[-1].messages[-1]["content"]

    restored = tmp_path / "restored.json"
    result = shuzhi_proc("regenerate", draft_file, "--section", "political", "--restore", "1",
                         "--out", restored)
    assert result.returncode == 0, result.stderr
    assert section(restored, "political")["text"] == first
    assert len(section(restored, "political")["versions"]) == 3


def section(path: Path, section_id: str) -> dict:
    draft = json.loads(path.read_text(encoding="utf-8"))
    return next(s for s in draft["sections"] if s["id"] == section_id)


def test_offline_is_the_default_and_says_so(cli, tmp_path):
    result = cli("draft", "--facts", FACTS, "-o", tmp_path / "r.txt")
    assert result.exit_code == 0
    assert "未配置模型，使用离线起草" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--provider", "nosuch"], "未知的模型服务商“nosuch”"),
    (["--provider", "deepseek"], "DEEPSEEK_API_KEY"),
    (["--provider", "deepseek", "--api-key-env", "EMPTY_VAR"], "环境变量 EMPTY_VAR 未设置"),
    (["--backend", "openai", "--base-url", "ftp://x", "--model", "m"], "应以 http:// 或 https:// 开头"),
    (["--concurrency", "0"], "concurrency"),
])
def test_bad_model_settings_are_one_line_and_exit_2(cli, args, message):
    result = cli("draft", "--facts", FACTS, *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    (["--section", "nope"], "草稿中没有“nope”这一部分"),
    (["--section", "political", "--restore", "5"], "无法恢复第 5 版"),
    ([], "请用 --section 指定"),
    (["--failed", "--instruction", "更精炼"], "请用 --section 指定"),
])
def test_regenerate_bad_requests(cli, tmp_path, args, message):
    draft_file = tmp_path / "d.json"
    assert cli("draft", "--facts", FACTS, "-o", draft_file).exit_code == 0
    result = cli("regenerate", draft_file, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_regenerate_refuses_a_file_that_is_not_a_draft(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 1}', encoding="utf-8")
    result = cli("regenerate", bad, "--section", "study")
    assert result.exit_code == 2 and "不是有效的草稿 JSON" in result.stderr


def test_regenerate_failed_retries_only_the_failed_sections(shuzhi_proc, fake_openai, tmp_path):
    fault = fake_openai.fail("500", match=POLITICAL, times=None)
    draft_file = tmp_path / "draft.json"
    env = {"UNIT_KEY": SECRET, "SHUZHI_MAX_ATTEMPTS": "1"}
    assert shuzhi_proc("draft", "--facts", FACTS, *model_flags(fake_openai), "-o", draft_file,
                       env=env).returncode == 3
    assert section(draft_file, "political")["status"] == "failed"

    fake_openai.faults.remove(fault)
    before = len(fake_openai.requests)
    result = shuzhi_proc("regenerate", draft_file, "--failed", *model_flags(fake_openai), env=env)
    assert result.returncode == 0, result.stderr
    assert len(fake_openai.requests) == before + 1 and "已重试 1 个部分" in result.stderr
    assert section(draft_file, "political")["status"] == "done"
