"""Who is using the app. With ``[auth]`` (OIDC) configured in ``.streamlit/secrets.toml`` the
service is shared: a visitor signs in and sees only their own drafts. Without it, it is a
single-user install and nobody signs in."""

from __future__ import annotations

import streamlit as st

from shuzhi.owners import owner_id
from webapp.state import AppState


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: a single-user install
        return False


def signed_in(state: AppState) -> bool:
    """Whether the app may be used; sets ``state.owner`` to the signed-in user (None: no sign-in)."""
    if not sign_in_configured():
        state.owner = None
        return True
    if not st.user.is_logged_in:
        return False
    state.owner = owner_id(st.user.to_dict())
    return True
