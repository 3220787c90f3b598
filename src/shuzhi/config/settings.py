"""Settings, and the one function that decides where state lives.

``SHUZHI_HOME`` moves everything (database, config file) — tests point it at a temp dir.
``SHUZHI_DB`` overrides only the database URL (e.g. a PostgreSQL URL shared by several
app instances).

Model settings come, highest first, from: command-line flags (passed as keyword arguments),
``SHUZHI_*`` environment variables (and ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``), the
config file ``config.toml`` in ``user_dir()``, the provider preset (``data/providers.yaml``)
and the defaults here. The API key is a ``SecretStr`` read only from the environment: it is
never printed, logged, saved in a draft or the config file, or put in a URL or an error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, TomlConfigSettingsSource

from shuzhi.errors import InputError, os_error_message

CONFIG_FILE = "config.toml"


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
