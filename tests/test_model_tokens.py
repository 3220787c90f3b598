"""Token counting offline, and cost from the price table."""

from __future__ import annotations

import pytest

from shuzhi.draft import Usage
from shuzhi.tokens import count_tokens, estimate_cost, estimated_usage, price_for, usage_from_server


def test_counting_works_offline_with_the_bundled_encoding():
    assert count_tokens("") == 0
    assert 5 <= count_tokens("坚持以习近平新时代中国特色社会主义思想为指导") <= 40
    assert count_tokens("<|endoftext|>") > 0  # special-token text in a report is just text


@pytest.mark.parametrize("model, provider, usage, cost", [
    # DeepSeek: 2 元/M input, 0.5 cached, 8 output
    ("deepseek-chat", "deepseek", Usage(prompt_tokens=1_000_000, completion_tokens=0), 2.0),
    ("deepseek-chat", "deepseek", Usage(prompt_tokens=1_000_000, cached_tokens=1_000_000), 0.5),
    ("deepseek-chat", None, Usage(prompt_tokens=4000, completion_tokens=500, cached_tokens=3000),
     (1000 * 2 + 3000 * 0.5 + 500 * 8) / 1e6),
    ("qwen-plus-latest", "qwen", Usage(prompt_tokens=0, completion_tokens=1_000_000), 2.0),
    ("qwen2.5:7b", "ollama", Usage(prompt_tokens=5000, completion_tokens=5000), 0.0),
])
def test_cost_from_the_price_table(model, provider, usage, cost):
    assert estimate_cost(usage, model, provider) == pytest.approx(cost)


def test_unpriced_model_has_no_cost_rather_than_a_wrong_one():
    assert price_for("some-unit-model") is None
    assert estimate_cost(Usage(prompt_tokens=10), "some-unit-model", None) is None


@pytest.mark.parametrize("data, expected", [
    ({"prompt_tokens": 10, "completion_tokens": 3, "prompt_tokens_details": {"cached_tokens": 8}},
     (10, 3, 8)),
    ({"input_tokens": 10, "output_tokens": 3, "input_token_details": {"cache_read": 4}}, (10, 3, 4)),
    ({"prompt_tokens": 10, "completion_tokens": 3, "prompt_cache_hit_tokens": 6}, (10, 3, 6)),
])
def test_usage_from_the_servers_report(data, expected):
    usage = usage_from_server(data)
    assert (usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens) == expected
    assert not usage.estimated


def test_no_usage_reported_means_none():
    assert usage_from_server(None) is None and usage_from_server({"total_tokens": 3}) is None


def test_estimate_is_marked_estimated():
    usage = estimated_usage(["系统", "请求"], "正文")
    assert usage.estimated and usage.prompt_tokens > 0 and usage.completion_tokens > 0
