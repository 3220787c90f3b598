"""Settings and the decisions made from them.

``settings``: where state lives (``user_dir``, ``database_url``) and the drafting settings
with their sources (flags, ``SHUZHI_*``, ``config.toml``); ``models``: which model drafts with
which key — the presets, the settings' model, a web visitor's model (the server's key goes only
to the server's endpoint), offline or a model (``resolve_backend``); ``network``: whether an
endpoint is inside the unit (``is_local_endpoint``; anything else is a cloud, and what is sent
there is screened first).
"""

from shuzhi.config.models import (
    NO_KEY,
    Backend,
    Endpoint,
    ModelConfig,
    VisitorChoice,
    limits,
    model_config,
    provider_preset,
    providers,
    resolve_backend,
    same_endpoint,
    server_endpoint,
    visitor_model_config,
)
from shuzhi.config.network import is_local_endpoint
from shuzhi.config.settings import ConfigError, Settings, config_path, database_url, load_settings, user_dir

__all__ = [
    "NO_KEY", "Backend", "ConfigError", "Endpoint", "ModelConfig", "Settings", "VisitorChoice", "config_path",
    "database_url", "is_local_endpoint", "limits", "load_settings", "model_config", "provider_preset",
    "providers", "resolve_backend", "same_endpoint", "server_endpoint", "user_dir", "visitor_model_config",
]
