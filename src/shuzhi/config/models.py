"""Which model drafts, with which key: the provider presets (``data/providers.yaml``), the
model the settings name (``model_config``), a web visitor's choice (``visitor_model_config``:
the server's key only for the server's own endpoint) and the one decision between offline and
a model (``resolve_backend``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import SecretStr

from shuzhi.config.network import is_local_endpoint
from shuzhi.config.settings import ConfigError, Settings, load_settings

PROVIDERS_FILE = Path(__file__).resolve().parents[1] / "data" / "providers.yaml"
NO_KEY = "not-needed"  # what a local server that takes no key gets; the client insists on one


@cache
def providers() -> dict[str, dict]:
    return yaml.safe_load(PROVIDERS_FILE.read_text(encoding="utf-8"))


def provider_preset(name: str) -> tuple[str, dict]:
    key = name.strip().lower()
    for pid, preset in providers().items():
        if key == pid or key in preset.get("aliases", []):
            return pid, preset
    raise ConfigError(f"未知的模型服务商“{name}”（可用：{'、'.join(providers())}）")


@dataclass(frozen=True)
class ModelConfig:
    """Everything needed to call one OpenAI-compatible model. ``repr`` never shows the key."""

    base_url: str
    model: str
    api_key: SecretStr
    provider: str | None = None
    temperature: float = 0.3
    timeout: float = 60.0
    context_window: int | None = None  # set by the user; None: ask the server, then the tables
    max_tokens: int | None = None  # a cap on each section's output budget

    @property
    def label(self) -> str:
        return f"{self.provider or 'openai-compatible'}:{self.model}"


@dataclass(frozen=True)
class Backend:
    """The resolved choice: ``name`` is "offline" or "openai"; ``note`` explains a default."""

    name: str
    model: ModelConfig | None = None
    note: str | None = None


@dataclass(frozen=True)
class VisitorChoice:
    """What a visitor of the web app chose: offline, or a model endpoint with (maybe) their
    own key — which lives only in this object, never in ``repr``."""

    offline: bool = False
    provider: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)


def resolve_backend(settings: Settings | None = None, visitor: VisitorChoice | None = None) -> Backend:
    """Which backend drafts, with which model and key: the decision behind
    ``shuzhi.drafting.resolve_drafter``. A visitor's choice goes through
    ``visitor_model_config`` (the server's key only for the server's endpoint)."""
    if visitor is not None:
        if visitor.offline:
            return Backend("offline")
        return Backend("openai", visitor_model_config(provider=visitor.provider, base_url=visitor.base_url,
                                                      model=visitor.model, api_key=visitor.api_key,
                                                      settings=settings))
    settings = settings or load_settings()
    configured = settings.provider or settings.base_url or settings.model
    if settings.backend == "offline" or (settings.backend is None and not configured):
        note = None
        if settings.backend is None:
            note = "未配置模型，使用离线起草（只按事实填写结构，缺失处标【待补充】）。" \
                   "如需模型起草：--provider deepseek 并设置 DEEPSEEK_API_KEY，或 --base-url/--model。"
            if os.environ.get("OPENAI_API_KEY") or settings.api_key:
                note += "已检测到 API 密钥，但未指定模型服务，为避免误将材料发往公有云，仍离线起草。"
        return Backend("offline", note=note)
    return Backend("openai", model_config(settings))


def _endpoint(settings: Settings) -> tuple[str | None, dict, str]:
    """(provider id, preset, base URL) the settings name; a bare key means OpenAI's."""
    pid: str | None = None
    preset: dict = {}
    if settings.provider:
        pid, preset = provider_preset(settings.provider)
    elif not settings.base_url:
        pid, preset = provider_preset("openai")
    return pid, preset, (settings.base_url or preset.get("base_url") or "").strip().rstrip("/")


def _checked(base_url: str, model: str | None) -> str:
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"模型服务地址“{base_url}”无效，应以 http:// 或 https:// 开头")
    if not model:
        raise ConfigError("未指定模型名称：请用 --model 指定（如 qwen2.5:7b）")
    return model


def model_config(settings: Settings) -> ModelConfig:
    """The model the settings name, with the key the environment holds for it. For whoever
    runs the program (the CLI, the server's own configuration); a web visitor's choice goes
    through ``visitor_model_config``."""
    pid, preset, base_url = _endpoint(settings)
    model = _checked(base_url, settings.model or preset.get("model"))
    return ModelConfig(base_url=base_url, model=model, api_key=_api_key(settings, pid, preset),
                       provider=pid, temperature=settings.temperature, timeout=settings.timeout,
                       **limits(settings))


def limits(settings: Settings) -> dict:
    """The model's context window and output cap, as the user set them (None: not set)."""
    return {"context_window": settings.context_window, "max_tokens": settings.max_tokens}


# -- a web visitor's model: the server's key goes only to the server's endpoint --------------

@dataclass(frozen=True)
class Endpoint:
    """The model service whoever started the server configured (environment, config.toml)."""

    provider: str | None
    base_url: str
    model: str | None


def server_endpoint(settings: Settings | None = None) -> Endpoint | None:
    """None when the server names no provider and no base URL: then no key of the server's
    is ever sent anywhere on a visitor's behalf."""
    settings = settings or load_settings()
    if not (settings.provider or settings.base_url):
        return None
    pid, preset, base_url = _endpoint(settings)
    return Endpoint(pid, base_url, settings.model or preset.get("model"))


def same_endpoint(a: str, b: str) -> bool:
    """Whether two base URLs name the same service: scheme, host, port and path compared
    parsed (``https://api.x.com@evil.example/v1`` is evil.example), never as text prefixes."""
    def parts(url: str):
        u = urlsplit(url.strip())
        if u.username or u.password or u.query or u.fragment:
            return None
        try:
            port = u.port or {"http": 80, "https": 443}.get(u.scheme.lower())
        except ValueError:
            return None
        return u.scheme.lower(), (u.hostname or "").rstrip("."), port, u.path.rstrip("/")

    left = parts(a)
    return left is not None and left[1] != "" and left == parts(b)


def visitor_model_config(*, provider: str | None, base_url: str | None, model: str | None,
                         api_key: str | None = None, settings: Settings | None = None) -> ModelConfig:
    """The model a visitor of the web app chose. With no key typed, the server's key (its
    environment or config) is used only when the visitor's endpoint is the server's own;
    any other endpoint — a custom URL, a preset with its URL changed, another provider —
    gets the visitor's key or none."""
    settings = settings or load_settings()
    pid, preset = provider_preset(provider) if provider else (None, {})
    url = (base_url or preset.get("base_url") or "").strip().rstrip("/")
    model = _checked(url, (model or "").strip() or preset.get("model"))
    server = server_endpoint(settings)
    if api_key and api_key.strip():
        key = SecretStr(api_key.strip())
    elif server is not None and same_endpoint(url, server.base_url):
        server_pid, server_preset, _ = _endpoint(settings)
        key = _api_key(settings, server_pid, server_preset)
    elif pid is not None and preset.get("needs_key", True):
        raise ConfigError(f"请填写{preset.get('name', '该服务')}的 API Key"
                          "（服务器上配置的密钥只用于服务器配置的模型服务）")
    else:
        key = SecretStr(NO_KEY)
    return ModelConfig(base_url=url, model=model, api_key=key, provider=pid,
                       temperature=settings.temperature, timeout=settings.timeout)


def _api_key(settings: Settings, pid: str | None, preset: dict) -> SecretStr:
    if settings.api_key_env:
        value = os.environ.get(settings.api_key_env, "").strip()
        if not value:
            raise ConfigError(f"环境变量 {settings.api_key_env} 未设置或为空（--api-key-env 指定的密钥变量）")
        return SecretStr(value)
    if settings.api_key and settings.api_key.get_secret_value().strip():
        return settings.api_key
    for var in (preset.get("key_env"), "OPENAI_API_KEY"):
        if var and os.environ.get(var, "").strip():
            return SecretStr(os.environ[var].strip())
    if preset.get("needs_key", True) is False or (pid is None and is_local_endpoint(settings.base_url, settings)):
        return SecretStr(NO_KEY)
    wanted = preset.get("key_env") or "OPENAI_API_KEY"
    local = "；内网服务不需要密钥时加 --provider vllm 或 --provider ollama" if pid is None else ""
    raise ConfigError(f"未找到{preset.get('name', '模型服务')}的 API 密钥：请设置环境变量 {wanted}"
                      f"（或用 --api-key-env 指定存放密钥的变量名{local}）")
