"""Who owns a draft when sign-in is on: a stable id from the identity provider's claims.

The app (``st.user`` after ``st.login`` with OIDC configured in ``.streamlit/secrets.toml``)
passes the signed-in user's claims here and gives the result to ``Store.list(owner=…)``,
``Store.get(id, owner=…)`` and ``start_draft(…, owner=…)``. With sign-in off the owner is
``None`` and a draft's unguessable id is its only key, as before.

The issuer and subject together never change for one person, unlike an e-mail address
(which can be renamed or reassigned); the e-mail is the fallback for providers that send
no ``sub``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MAX_OWNER = 200  # the store's column width


def owner_id(claims: Mapping[str, Any] | None) -> str | None:
    """``"https://idp.example|248289761001"``, or the e-mail, or None when not signed in."""
    if not claims or not claims.get("is_logged_in", True):
        return None
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    if subject:
        owner = f"{issuer}|{subject}" if issuer else subject
    elif claims.get("email"):
        owner = str(claims["email"]).strip().lower()
    else:
        return None
    return owner[:MAX_OWNER]
