"""Drafting backends behind one interface, and the pipeline that runs them over a draft.

Backends are registered by name the way an outside one would be: ``register(name, factory)``.
The model backend is registered lazily so that importing this package never imports its
HTTP client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError, SectionRequest

if TYPE_CHECKING:
    from shuzhi.config import Backend, ModelConfig, Settings, VisitorChoice

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

__all__ = ["DraftCallback", "Drafter", "DraftingError", "Resolved", "SectionRequest", "backends",
           "get_drafter", "model_drafter", "register", "resolve_drafter"]


def _openai(config=None, **_: Any) -> Drafter:
    """``get_drafter("openai", config=ModelConfig(...))``; imports the HTTP client only when called.
    The drafter knows where its requests go, so the pipeline screens what would leave the
    unit's network (``shuzhi.screening``). Without a config: the model the settings name."""
    from shuzhi.config import is_local_endpoint, load_settings, resolve_backend
    from shuzhi.drafting.openai import OpenAIDrafter
    from shuzhi.screening import Outbound

    config = config or resolve_backend(load_settings(backend="openai")).model
    drafter = OpenAIDrafter(config)
    drafter.outbound = Outbound(cloud=not is_local_endpoint(config.base_url))
    return drafter


register("openai", _openai)


class Resolved(NamedTuple):
    drafter: Drafter
    backend: Backend  # name, model (None offline), note (why offline, shown after the run)


def resolve_drafter(settings: Settings | None = None, *, visitor: VisitorChoice | None = None,
                    mask_sensitive: bool = False) -> Resolved:
    """The one place that turns settings into the backend that drafts.

    ``settings``: flags, environment, config file (``config.load_settings``; read here when
    None). ``visitor``: a web visitor's choice instead (``config.VisitorChoice``), whose key
    rule is ``config.visitor_model_config``'s: the server's key only for the server's own
    endpoint. ``mask_sensitive``: send 涉密 markings and personal data to a cloud as XX
    instead of being refused."""
    from shuzhi.config import resolve_backend

    backend = resolve_backend(settings, visitor)
    if backend.model is None:
        return Resolved(get_drafter("offline"), backend)
    return Resolved(model_drafter(backend.model, mask_sensitive), backend)


def model_drafter(config: ModelConfig, mask_sensitive: bool = False) -> Drafter:
    """The model backend for ``config``, screened before anything leaves the unit's network
    (masked when ``mask_sensitive``). Callers outside this package use ``resolve_drafter``."""
    from dataclasses import replace

    from shuzhi.config import is_local_endpoint
    from shuzhi.screening import Outbound

    drafter = get_drafter("openai", config=config)
    outbound = drafter.outbound or Outbound(cloud=not is_local_endpoint(config.base_url))
    drafter.outbound = replace(outbound, mask=mask_sensitive)
    return drafter
