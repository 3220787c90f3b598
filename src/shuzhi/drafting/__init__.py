"""Drafting backends behind one interface, and the pipeline that runs them over a draft.

Backends are registered by name the way an outside one would be: ``register(name, factory)``.
The model backend is registered lazily so that importing this package never imports its
HTTP client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError, SectionRequest

_FACTORIES: dict[str, Callable[..., Drafter]] = {}


def register(name: str, factory: Callable[..., Drafter]) -> None:
    _FACTORIES[name] = factory


def backends() -> list[str]:
    return sorted(_FACTORIES)


def get_drafter(name: str = "offline", **options: Any) -> Drafter:
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise DraftingError(f"未知的起草方式“{name}”（可用：{'、'.join(backends())}）") from None
    return factory(**options)


def _offline(**_: Any) -> Drafter:
    from shuzhi.drafting.offline import OfflineDrafter

    return OfflineDrafter()


register("offline", _offline)

__all__ = ["DraftCallback", "Drafter", "DraftingError", "SectionRequest", "backends",
           "get_drafter", "model_drafter", "register"]


def _openai(config=None, **_: Any) -> Drafter:
    """``get_drafter("openai", config=ModelConfig(...))``; imports the HTTP client only when called.
    The drafter knows where its requests go, so the pipeline screens what would leave the
    unit's network (``shuzhi.screening``)."""
    from shuzhi.config import is_local_endpoint
    from shuzhi.drafting.openai import OpenAIDrafter
    from shuzhi.screening import Outbound

    if config is None:
        from shuzhi.config import load_settings, model_config

        config = model_config(load_settings(backend="openai"))
    drafter = OpenAIDrafter(config)
    drafter.outbound = Outbound(cloud=not is_local_endpoint(config.base_url))
    return drafter


register("openai", _openai)


def model_drafter(config, mask_sensitive: bool = False) -> Drafter:
    """The model backend for ``config`` (a ``ModelConfig``); ``mask_sensitive``: the user
    chose to send 涉密 markings and personal data as XX instead of being refused."""
    from dataclasses import replace

    from shuzhi.config import is_local_endpoint
    from shuzhi.screening import Outbound

    drafter = get_drafter("openai", config=config)
    outbound = drafter.outbound or Outbound(cloud=not is_local_endpoint(config.base_url))
    drafter.outbound = replace(outbound, mask=mask_sensitive)
    return drafter
