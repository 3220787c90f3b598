"""Files shipped beside the code: the report templates and the web app.

In the repository they stay at its top (the project's layout): ``prompts/``, ``app.py``,
``webapp/``, ``static/``, ``.streamlit/``. The wheel maps them into the package (pyproject.toml,
hatch ``force-include``): ``shuzhi/prompts/`` and ``shuzhi/web/`` (app.py, webapp/, static/,
.streamlit/ side by side, as in the repository, so app.py finds its pages and its icon and
Streamlit its script-level config). ``importlib.resources`` finds the packaged copy, so an
installed shuzhi works from any directory; a checkout (editable install, or pytest's
``pythonpath = src``) has none and uses the repository's.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]  # a checkout's top; meaningless when installed


@cache  # where the files were installed does not change while the process runs; asked per check
def _bundled(packaged: str, in_repository: str) -> Path:
    shipped = files("shuzhi").joinpath(packaged)
    if shipped.is_dir() or shipped.is_file():
        return Path(str(shipped))
    return REPOSITORY / in_repository


def prompts_dir() -> Path:
    """The templates shipped with shuzhi: ``prompts/<id>/`` plus the prompt files they share."""
    return _bundled("prompts", "prompts")


def app_script() -> Path:
    """The Streamlit entry point ``shuzhi serve`` runs (its pages and static files beside it)."""
    return _bundled("web/app.py", "app.py")
