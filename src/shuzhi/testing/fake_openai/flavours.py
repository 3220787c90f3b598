"""What each real server says about itself (``FakeOpenAI.flavour``): its model list, /props,
/tokenize, /openapi.json, Ollama's /api/show and /api/ps, and its words when a prompt is longer
than its context window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shuzhi.testing.fake_openai.recording import Recorded


class Flavours:
    """The flavour-specific routes of ``FakeOpenAI`` (a mixin: the attributes are the server's)."""

    model: str
    flavour: str
    context_window: int
    show_num_ctx: int | None
    total_slots: int

    if TYPE_CHECKING:  # the server's
        def count(self, text: str) -> int: ...

    def _only(self, *flavours: str):
        from starlette.responses import PlainTextResponse

        return None if self.flavour in flavours else PlainTextResponse("Not Found", status_code=404)

    async def _models(self, request):
        from starlette.responses import JSONResponse

        entry = {"id": self.model, "object": "model", "created": 0, "owned_by": {
            "vllm": "vllm", "llama.cpp": "llamacpp", "llama-cpp-python": "me", "ollama": "library",
        }.get(self.flavour, "shuzhi-fake")}
        if self.flavour == "vllm":
            entry["max_model_len"] = self.context_window
        elif self.flavour == "llama.cpp":
            entry["meta"] = {"n_ctx_train": 131072, "n_vocab": 151936}
        elif self.flavour == "llama-cpp-python":
            entry = {"id": self.model, "object": "model", "owned_by": "me", "permissions": []}
        return JSONResponse({"object": "list", "data": [entry]})

    async def _props(self, request):
        from starlette.responses import JSONResponse

        return self._only("llama.cpp") or JSONResponse({
            "default_generation_settings": {"n_ctx": self.context_window}, "total_slots": self.total_slots,
            "model_path": "/models/fake.gguf", "build_info": "fake"})

    async def _openapi(self, request):
        from starlette.responses import JSONResponse

        return self._only("llama-cpp-python") or JSONResponse({
            "openapi": "3.1.0", "info": {"title": "🦙 llama.cpp Python API", "version": "0.3"},
            "paths": {p: {} for p in ("/v1/chat/completions", "/v1/models", "/extras/tokenize",
                                      "/extras/tokenize/count")}})

    async def _tokenize(self, request):
        from starlette.responses import JSONResponse

        body = await request.json()
        if request.url.path == "/extras/tokenize/count":
            return self._only("llama-cpp-python") or JSONResponse({"count": self.count(body.get("input", ""))})
        if self.flavour == "llama.cpp":
            return JSONResponse({"tokens": list(range(self.count(body.get("content", ""))))})
        return self._only("vllm") or JSONResponse({"count": self.count(body.get("prompt", "")),
                                                   "max_model_len": self.context_window})

    async def _ollama_show(self, request):
        from starlette.responses import JSONResponse

        body = await request.json()
        if body.get("model") != self.model:
            return JSONResponse({"error": f"model '{body.get('model')}' not found"}, status_code=404)
        parameters = f"num_ctx                        {self.show_num_ctx}\n" if self.show_num_ctx else ""
        return self._only("ollama") or JSONResponse({
            "parameters": parameters + 'stop                           "<|im_end|>"',
            "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768}})

    async def _ollama_ps(self, request):
        from starlette.responses import JSONResponse

        return self._only("ollama") or JSONResponse({"models": []})

    def _context_refusal(self, record: Recorded, max_tokens: int):
        """The flavour's own words (llama.cpp PR #15780; vLLM and llama-cpp-python's errors.py)."""
        from starlette.responses import JSONResponse

        asked = record.prompt_tokens + max_tokens
        told = (f"This model's maximum context length is {self.context_window} tokens. However, you "
                f"requested {asked} tokens ({record.prompt_tokens} in the messages, {max_tokens} in the "
                f"completion). Please reduce the length of the messages or completion.")
        if self.flavour == "llama.cpp":
            return JSONResponse({"error": {
                "code": 400, "type": "exceed_context_size_error", "n_prompt_tokens": record.prompt_tokens,
                "n_ctx": self.context_window,
                "message": "the request exceeds the available context size, try increasing it"}},
                status_code=400)
        if self.flavour == "vllm":
            return JSONResponse({"object": "error", "message": told, "type": "BadRequestError",
                                 "param": None, "code": 400}, status_code=400)
        return JSONResponse({"error": {"message": told, "type": "invalid_request_error",
                                       "param": "messages", "code": "context_length_exceeded"}},
                            status_code=400)
