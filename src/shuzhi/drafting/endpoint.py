"""What a model server says about itself, asked once per endpoint and model.

Which server it is decides where to ask (each from that server's own documentation):

  llama.cpp's ``llama-server``  ``GET /v1/models`` lists ``owned_by: llamacpp``; ``GET /props``
                                gives ``default_generation_settings.n_ctx`` (per slot) and
                                ``total_slots``; ``POST /tokenize {"content"}`` counts.
  llama-cpp-python's server     ``owned_by: me``; no ``/props``; ``GET /openapi.json`` lists
                                ``/extras/tokenize/count``. It serves one request at a time
                                and by default ends a running stream when another request
                                arrives (``interrupt_requests``), so sections go one by one.
                                It does not report its n_ctx: the window is learnt from its
                                context-length error (drafting/openai.py).
  vLLM                          ``max_model_len`` on each ``/v1/models`` entry;
                                ``POST /tokenize {"model", "prompt"}`` → ``count``.
  Ollama                        ``owned_by: library``; ``GET /api/ps`` ``context_length`` of a
                                loaded model, else ``PARAMETER num_ctx`` from ``POST /api/show``,
                                else its default (data/models.yaml).

Every probe is best-effort: a server that answers none of this is an ordinary
OpenAI-compatible endpoint, and drafting goes on with the tables. Results are kept for the
next ten minutes (``forget`` clears them), shared by every drafter on that endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

KINDS = {"llama.cpp": "llama.cpp（llama-server）", "llama-cpp-python": "llama-cpp-python",
         "vllm": "vLLM", "ollama": "Ollama", "": "兼容 OpenAI 的接口"}
OLLAMA_NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d+)", re.M)


@dataclass
class Endpoint:
    kind: str = ""  # a key of KINDS
    models: list[str] | None = None  # what GET /models listed; None: it would not say
    window: int | None = None  # context window the server reports or taught us, in tokens
    window_note: str = ""  # where it came from, for messages: “GET /props n_ctx”
    tokenize: str | None = None  # URL of the server's tokenizer, when it has one
    concurrency: int | None = None  # the most requests it serves at once, when known
    reachable: bool = True
    problem: str | None = None  # why the probe failed (Chinese), for ``shuzhi models test``
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def has_model(self, model: str) -> bool | None:
        """None when the server does not list its models (or ignores the name: llama-cpp-python
        answers every name with the model it has loaded)."""
        if self.models is None:
            return None
        names = set(self.models) | {m.removesuffix(":latest") for m in self.models}
        return model in names or model.removesuffix(":latest") in names


_CACHE: dict[tuple[str, str], tuple[float, Endpoint]] = {}
KEEP = 600.0  # seconds an answer is trusted: a server restarted with another context is seen


def forget(base_url: str | None = None) -> None:
    for key in [k for k in _CACHE if base_url is None or k[0] == base_url]:
        del _CACHE[key]


def root_of(base_url: str) -> str:
    """The server's own root: OpenAI-compatible paths sit under /v1, llama.cpp's and
    Ollama's own endpoints do not."""
    return base_url.rstrip("/").removesuffix("/v1")


async def endpoint_for(client, base_url: str, model: str, provider: str | None = None,
                       ask: bool = True) -> Endpoint:
    """What the endpoint says, asked once (``client``: an ``httpx.AsyncClient`` whose base
    URL is ``base_url``); with ``ask`` False nothing is asked and the tables decide."""
    import time

    key = (base_url, model)
    if key not in _CACHE or time.monotonic() - _CACHE[key][0] > KEEP:
        found = await _probe(client, root_of(base_url), model, provider) if ask else Endpoint()
        _CACHE[key] = (time.monotonic(), found)
    return _CACHE[key][1]


async def _probe(client, root: str, model: str, provider: str | None) -> Endpoint:
    import httpx

    ep = Endpoint()
    try:
        response = await client.get("models")
    except httpx.TransportError:
        return Endpoint(reachable=False, problem="无法连接到模型服务：请确认服务已启动，地址和端口正确")
    listed = _json(response).get("data") if response.status_code == 200 else None
    if response.status_code != 200:
        ep.problem = f"模型列表接口返回 {response.status_code}"
    listed = [m for m in listed if isinstance(m, dict) and m.get("id")] if isinstance(listed, list) else []
    if listed:
        ep.models = [str(m["id"]) for m in listed]
    entry = next((m for m in listed if m["id"] == model), listed[0] if listed else {})
    owner = entry.get("owned_by") or ""
    if entry.get("max_model_len"):
        ep.kind, ep.window, ep.window_note = "vllm", int(entry["max_model_len"]), "/v1/models 的 max_model_len"
        ep.tokenize = f"{root}/tokenize"
    elif owner == "llamacpp" or "n_ctx_train" in (entry.get("meta") or {}):
        await _llama_cpp(client, root, ep)
    elif provider == "ollama" or owner == "library":
        await _ollama(client, root, model, ep)
    elif owner == "me" and "permissions" in entry:
        await _llama_cpp_python(client, root, ep)
    return ep


def _json(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


async def _get(client, url: str, body: dict | None = None) -> Any:
    """JSON from one of the server's own endpoints, or None when it has no such endpoint or
    answers something else."""
    import httpx

    try:
        response = await (client.get(url) if body is None else client.post(url, json=body))
    except httpx.HTTPError:
        return None
    return _json(response) or None if response.status_code == 200 else None


async def _llama_cpp(client, root: str, ep: Endpoint) -> None:
    ep.kind, ep.tokenize = "llama.cpp", f"{root}/tokenize"
    props = await _get(client, f"{root}/props")
    if isinstance(props, dict):
        settings = props.get("default_generation_settings") or {}
        n_ctx = settings.get("n_ctx") or props.get("n_ctx")
        if n_ctx:
            ep.window, ep.window_note = int(n_ctx), "GET /props 的 n_ctx"
        if props.get("total_slots"):
            ep.concurrency = int(props["total_slots"])


async def _llama_cpp_python(client, root: str, ep: Endpoint) -> None:
    spec = await _get(client, f"{root}/openapi.json")
    if isinstance(spec, dict) and "/extras/tokenize/count" in (spec.get("paths") or {}):
        ep.kind, ep.tokenize, ep.concurrency = "llama-cpp-python", f"{root}/extras/tokenize/count", 1


async def _ollama(client, root: str, model: str, ep: Endpoint) -> None:
    ep.kind = "ollama"
    running = await _get(client, f"{root}/api/ps")
    for loaded in (running.get("models") if isinstance(running, dict) else None) or []:
        if model in (loaded.get("name"), loaded.get("model")) and loaded.get("context_length"):
            ep.window, ep.window_note = int(loaded["context_length"]), "GET /api/ps 的 context_length"
            return
    shown = await _get(client, f"{root}/api/show", {"model": model})
    shown = shown if isinstance(shown, dict) else {}
    if match := OLLAMA_NUM_CTX.search(str(shown.get("parameters") or "")):
        ep.window, ep.window_note = int(match.group(1)), "POST /api/show 的 num_ctx"
        return
    # Not set for this model: Ollama's default, which it applies silently, within what the
    # model was trained for (model_info's "<arch>.context_length").
    from shuzhi.drafting.context import lookup

    default = int(lookup("context_window", model, "ollama"))
    trained = next((int(v) for k, v in (shown.get("model_info") or {}).items()
                    if k.endswith(".context_length")), default)
    ep.window, ep.window_note = min(default, trained), "Ollama 的默认 num_ctx（未在模型中设置）"


async def count_tokens(client, ep: Endpoint, model: str, text: str) -> int | None:
    """The server's own count of ``text``, or None (and the tokenizer is not asked again)."""
    if not ep.tokenize:
        return None
    body = {"input": text, "model": model} if ep.kind == "llama-cpp-python" else \
        {"content": text} if ep.kind == "llama.cpp" else {"model": model, "prompt": text}
    answer = await _get(client, ep.tokenize, body)
    if isinstance(answer, dict):
        if isinstance(answer.get("count"), int):
            return answer["count"]
        if isinstance(answer.get("tokens"), list):
            return len(answer["tokens"])
    ep.tokenize = None
    return None
