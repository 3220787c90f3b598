"""The local OpenAI-compatible server other tests rely on: protocol, usage, faults, records."""

from __future__ import annotations

import httpx
import openai
import pytest


def client(server, **kw) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0, **kw)


SECTION_REQUEST = [
    {"role": "system", "content": "本年度事实：\n```yaml\nsections:\n  political:\n    items:\n    - 理论学习组集中学习{理论学习组集中学习}\n"
                                  "    figures:\n    - {name: 理论学习组集中学习, value: 12, unit: 次}\n"
                                  "    - {name: 专题研讨, value: null, unit: 次}\n```"},
    {"role": "user", "content": "现在请撰写“（一）从严抓学习入手”部分的正文。\n本部分主要依据“本年度事实”中的：sections.political\n"
                                "按“一是……二是……”分段写。\n篇幅约100至200字。"},
]


def test_models_endpoint_lists_the_model(fake_openai):
    assert [m.id for m in client(fake_openai).models.list()] == ["fake-model"]


def test_non_streamed_answer_echoes_the_facts_and_reports_usage(fake_openai):
    reply = client(fake_openai).chat.completions.create(model="fake-model", messages=SECTION_REQUEST)
    text = reply.choices[0].message.content
    assert text.startswith("一是") and "二是" in text
    assert "12次" in text and "【待补充：专题研讨】" in text
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    assert fake_openai.requests[0].messages[-1]["content"] == SECTION_REQUEST[-1]["content"]


def test_stream_is_deterministic_and_usage_comes_last(fake_openai):
    texts, cached = [], []
    for _ in range(2):
        stream = client(fake_openai).chat.completions.create(
            model="fake-model", messages=SECTION_REQUEST, stream=True,
            stream_options={"include_usage": True})
        chunks = list(stream)
        texts.append("".join(c.choices[0].delta.content or "" for c in chunks if c.choices))
        assert chunks[-1].usage.completion_tokens == len([c for c in chunks if c.choices
                                                          and c.choices[0].delta.content])
        cached.append(chunks[-1].usage.prompt_tokens_details.cached_tokens)
    assert texts[0] == texts[1] and len(texts[0]) >= 100
    # The second identical prompt is served from the (simulated) prefix cache, in 64-token blocks.
    assert cached[0] == 0 and cached[1] > 0 and cached[1] % 64 == 0


@pytest.mark.parametrize("kind, error", [("429", openai.RateLimitError),
                                         ("500", openai.InternalServerError)])
def test_status_faults_hit_only_the_matching_request(fake_openai, kind, error):
    fake_openai.fail(kind, match="从严抓学习", retry_after=2)
    with pytest.raises(error) as caught:
        client(fake_openai).chat.completions.create(model="fake-model", messages=SECTION_REQUEST)
    if kind == "429":
        assert caught.value.response.headers["retry-after"] == "2"
    # Spent after one hit; a request that does not match is never hit.
    client(fake_openai).chat.completions.create(model="fake-model", messages=SECTION_REQUEST)
    assert [r.fault for r in fake_openai.requests] == [kind, None]


def test_fault_by_request_number(fake_openai):
    fake_openai.fail("500", requests=[2], times=None)
    c = client(fake_openai)
    c.chat.completions.create(model="fake-model", messages=SECTION_REQUEST)
    with pytest.raises(openai.InternalServerError):
        c.chat.completions.create(model="fake-model", messages=SECTION_REQUEST)
    c.chat.completions.create(model="fake-model", messages=SECTION_REQUEST)


def test_cut_stream_breaks_the_connection_midway(fake_openai):
    fake_openai.fail("cut")
    got = []
    with pytest.raises((httpx.HTTPError, openai.APIError)):
        for chunk in client(fake_openai).chat.completions.create(
                model="fake-model", messages=SECTION_REQUEST, stream=True):
            got.append(chunk)  # noqa: PERF402 -- one by one: what arrived before the cut stays
    assert got, "some chunks arrive before the cut"


def test_hang_never_answers(fake_openai):
    fake_openai.fail("hang")
    with pytest.raises(openai.APITimeoutError):
        client(fake_openai, timeout=0.3).chat.completions.create(model="fake-model",
                                                                 messages=SECTION_REQUEST)


def test_held_streams_send_nothing_until_released(fake_openai):
    import threading

    fake_openai.hold()
    stream = client(fake_openai).chat.completions.create(model="fake-model", messages=SECTION_REQUEST,
                                                         stream=True)
    first = next(iter(stream))  # the role chunk, sent before the first token
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(c.choices[0].delta.content or ""
                                                        for c in stream if c.choices))
    reader.start()
    reader.join(0.5)
    assert first.choices[0].delta.role == "assistant" and got == [] and reader.is_alive()
    fake_openai.release()
    reader.join(10)
    assert "".join(got).startswith("一是")


def test_unknown_fault_kind_is_refused(fake_openai):
    with pytest.raises(ValueError):
        fake_openai.fail("explode")
