"""A local OpenAI-compatible server for tests and benchmarks: real sockets, SSE, faults.

Model-drafting code is tested through its real HTTP client against this server (and the fake
itself through the ``openai`` SDK), never through a patched client. It answers deterministically, in
Chinese, and respects the request: asked for a section it writes that section's facts
(figures echoed exactly as the facts give them, ``【待补充：…】`` for empty ones) in
``一是……二是……`` paragraphs when the request asks for them, padded to the requested length.

Usage::

    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI(ttft=0.05, tokens_per_second=200) as server:
        server.base_url            # "http://127.0.0.1:PORT/v1" — give it to ChatOpenAI / --base-url
        server.fail("429", match="从严抓学习", times=1, retry_after=0.1)
        server.fail("cut", requests=[2])          # the 2nd request's stream breaks halfway
        ...                                       # run the client
        server.requests                           # [Recorded(number, body, prompt, fault, headers)]
        server.prompts()                          # the prompt text of every request, in order

Also a pytest fixture ``fake_openai`` (tests/conftest.py) yields a started server, and
``python -m shuzhi.testing.fake_openai --port 8765 --ttft 0.5 --rate 40`` runs one in the
foreground (the benchmark runs it as a separate process so its CPU time is not the client's).

As a stand-in for a remote host: give the client ``http://model.cloud.test/v1`` as its base
URL and this server as its ``HTTP_PROXY`` (with ``NO_PROXY=127.0.0.1,localhost``); requests
arrive in absolute form and are answered as usual, ``Recorded.host`` naming the remote host.

Knobs (plain attributes, change them at any time):
  ``ttft`` seconds before the first token; ``tokens_per_second`` decode rate per stream
  (``None``: as fast as possible); ``chars_per_token`` how many characters one streamed
  token carries (Chinese models average about 1.5–2); ``report_usage`` False for a server
  that never sends usage. ``max_in_flight`` is the most streams answered at once.
  ``flavour`` which real server it imitates in what it says about itself and how it refuses
  a prompt longer than ``context_window`` (tokens: cl100k × ``token_ratio`` + 4 a message):
    "vllm"             (default) ``max_model_len`` in /v1/models, POST /tokenize; a too-long
                       request gets 400 "This model's maximum context length is N tokens…";
    "llama.cpp"        ``owned_by: llamacpp``, GET /props n_ctx and total_slots, POST /tokenize;
                       400 ``exceed_context_size_error`` with n_ctx and n_prompt_tokens;
    "llama-cpp-python" ``owned_by: me``, /openapi.json, /extras/tokenize/count, no /props;
                       a too-long streamed prompt gets 200 and an empty stream, unstreamed 400;
    "ollama"           ``owned_by: library``, /api/show (``show_num_ctx``), /api/ps; a too-long
                       prompt is cut silently from the front (``Recorded.truncated``);
    "openai"           nothing beyond the OpenAI API; 400 ``context_length_exceeded``.
  Every flavour but llama-cpp-python answers a model it does not list with 404. ``max_tokens``
  in a request is honoured: the answer stops there with ``finish_reason: "length"``.

Fault kinds for ``fail(kind, *, match=None, requests=None, times=1, ...)``:
  ``"429"``      HTTP 429 with ``Retry-After: retry_after`` seconds;
  ``"500"``      HTTP 500 (``status=`` picks another code, e.g. 502, 503, 401);
  ``"hang"``     accept the request and never answer (until ``hang_seconds`` or shutdown);
  ``"cut"``      stream half the answer (``after_tokens=`` to choose) then drop the connection;
  ``"truncate"`` stream half the answer then end cleanly but with no finish_reason / [DONE];
  ``"empty"``    200 and an SSE body with no events at all;
  ``"stream-error"`` stream half the answer, then ``data: {"error": {...}}`` (``message=``);
  ``"html"``     an HTML page, status 200 unless ``status=`` (a proxy's 502 page);
  ``"badjson"``  stream a few tokens, then a ``data:`` line that is not JSON;
  ``"context"``  the flavour's context-length refusal, whatever the prompt's length;
  ``"forever"``  content chunks forever, never a finish_reason.
``hold()`` pauses every stream before its next token until ``release()`` (a test that must see a
job mid-way, however slow the machine). A fault applies to requests whose LAST message (the section's own request; the shared prefix
is the same for every section) contains ``match`` (any request when None) and,
when ``requests`` is given, only to those 1-based request numbers; it is spent after
``times`` hits (``times=None``: never spent).
"""

from shuzhi.testing.fake_openai.recording import FAULT_KINDS, FLAVOURS, Fault, Recorded
from shuzhi.testing.fake_openai.server import FakeOpenAI
from shuzhi.testing.fake_openai.writer import answer, section_text

__all__ = ["FAULT_KINDS", "FLAVOURS", "FakeOpenAI", "Fault", "Recorded", "answer", "section_text"]
