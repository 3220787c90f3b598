"""Settings, and the one function that decides where state lives.

``SHUZHI_HOME`` moves everything (database, config file) — tests point it at a temp dir.
``SHUZHI_DB`` overrides only the database URL (e.g. a PostgreSQL URL shared by several
app instances).

Model settings come, highest first, from: command-line flags (passed as keyword arguments),
``SHUZHI_*`` environment variables (and ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``), the
config file ``config.toml`` in ``user_dir()``, the provider preset (``data/providers.yaml``)
and the defaults here. The API key is a ``SecretStr`` read only from the environment: it is
never printed, logged, saved in a draft or the config file, or put in a URL or an error.

Two rules about where things go live here too: a web visitor's model gets the server's key
only when it is the server's own endpoint (``visitor_model_config``), and an endpoint is local
only when it is loopback, a private range or declared in ``internal_hosts``
(``is_local_endpoint``; anything else is a cloud, and what is sent there is screened first).
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, TomlConfigSettingsSource

from shuzhi.errors import InputError, os_error_message

PROVIDERS_FILE = Path(__file__).with_name("data") / "providers.yaml"
CONFIG_FILE = "config.toml"
NO_KEY = "not-needed"  # what a local server that takes no key gets; the client insists on one


def user_dir() -> Path:
    override = os.environ.get("SHUZHI_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("shuzhi", appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # drafts and facts: this user's only
    return path


def database_url() -> str:
    return os.environ.get("SHUZHI_DB") or f"sqlite:///{user_dir() / 'shuzhi.db'}"


def config_path() -> Path:
    return user_dir() / CONFIG_FILE


class ConfigError(InputError):
    """A model configuration that cannot work; ``str()`` is one Chinese line."""


class _ConfigFile(TomlConfigSettingsSource):
    """``config.toml`` in ``user_dir()``, minus any API key someone wrote into it: keys belong
    in the environment (name the variable with ``api_key_env``), never in a file we read back."""

    def __init__(self, settings_cls: type[BaseSettings]):
        import tomllib

        path = config_path()
        try:
            super().__init__(settings_cls, toml_file=path)
        except OSError as exc:  # chmod 000, a directory of that name…
            raise ConfigError(f"配置文件 {os_error_message(exc, '读取', str(path))}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"配置文件 {path} 格式错误（TOML），请检查：{_toml_where(exc)}") from None
        self.toml_data.pop("api_key", None)

    def __call__(self):
        data = super().__call__()
        data.pop("api_key", None)
        return data


def _toml_where(exc: Exception) -> str:
    """"第 3 行" from tomllib's "(at line 3, column 1)"; its English problem stays out."""
    import re

    match = re.search(r"line (\d+)", str(exc))
    return f"第 {match.group(1)} 行" if match else "文件末尾"


class Settings(BaseSettings):
    """Drafting settings. Field names are the config-file keys and, upper-cased with
    ``SHUZHI_``, the environment variables."""

    model_config = SettingsConfigDict(env_prefix="SHUZHI_", extra="ignore", populate_by_name=True)

    backend: Literal["offline", "openai"] | None = None  # None: openai when a model is configured
    template: str = "shudeshulian"
    concurrency: int | None = Field(None, ge=1, le=256)  # None: every section of the template at once
    provider: str | None = None
    base_url: str | None = Field(None, validation_alias=AliasChoices("SHUZHI_BASE_URL", "OPENAI_BASE_URL"))
    model: str | None = None
    api_key: SecretStr | None = None  # SHUZHI_API_KEY
    api_key_env: str | None = None  # the name of the variable holding the key
    temperature: float = Field(0.3, ge=0, le=2)
    timeout: float = Field(60.0, gt=0)  # seconds without a byte from the server
    max_attempts: int = Field(4, ge=1, le=10)
    # Limits of one section (see ``limits``): the model's context window in tokens (None: the
    # server, data/models.yaml or the preset says), the most output tokens asked for (None: from
    # the section's target length), and seconds a section may take in all, retries included.
    context_window: int | None = Field(None, ge=512, le=10_000_000)
    max_tokens: int | None = Field(None, ge=16, le=1_000_000)
    deadline: float | None = Field(None, gt=0, le=86_400)  # None: the pipeline's (300 s)
    # Hosts, domains and networks inside the unit (besides loopback and the private ranges):
    # SHUZHI_INTERNAL_HOSTS="llm.unit.cn, 100.64.0.0/10" or a list in config.toml.
    internal_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("internal_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value):
        return [h for h in re.split(r"[,，\s]+", value) if h] if isinstance(value, str) else value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings,
                                   dotenv_settings, file_secret_settings):
        return init_settings, env_settings, _ConfigFile(settings_cls)


def load_settings(**flags) -> Settings:
    """Settings with the given flags on top; ``None`` flags are left to the other sources."""
    given = {k: v for k, v in flags.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        raise ConfigError(f"模型设置 {field} 无效：{error['msg']}") from None


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
    pid, preset = (None, {})
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


# -- where an endpoint is: inside the unit's network, or a public cloud -----------------------

_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                                  "fc00::/7"))


def is_local_endpoint(url: str | None, settings: Settings | None = None) -> bool:
    """Whether requests to ``url`` stay inside the unit: loopback, the private ranges, or a
    host, domain or network the administrator declared in ``internal_hosts``. Host names are
    not resolved (DNS can say anything): a name is local only when declared."""
    host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    if not host:
        return False
    declared = (settings or load_settings()).internal_hosts
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(".localhost") or any(
            host == d.lower().strip(".") or host.endswith("." + d.lower().strip(".")) for d in declared)
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    networks = [*_PRIVATE, *(_network(d) for d in declared)]
    return address.is_loopback or any(n is not None and address in n for n in networks)


def _network(entry: str):
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None  # a host name, matched above
