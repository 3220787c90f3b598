"""The one way any template text is rendered: Jinja's immutable sandbox, our variables only.

Template files (``prompts/<id>/``: the title, each section's ``offline`` text, the prompt
files) are written by whoever runs the service, and may come from anyone's template folder
(``SHUZHI_TEMPLATES``). They render in ``ImmutableSandboxedEnvironment``: no attribute that
starts with ``_`` (so no ``__globals__``, ``__class__``, ``__mro__``), no mutating calls, and
no globals beyond ``range``/``dict``/``namespace`` — ``lipsum``, ``cycler`` and ``joiner``
are the usual roads to ``os`` and are never needed. Undefined variables are errors
(``StrictUndefined``): a missing variable is a template bug, named in one Chinese line.

Text from a user's document (a report's title or headings, an edited outline) is never
compiled: ``literal`` turns it into template text that renders as exactly itself.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from shuzhi.templates import TemplateError

# "text": titles and offline text (every newline kept: the offline drafter splits on them);
# "prompt": the prompt files, written with one block tag per line.
_LAYOUTS = {
    "text": {"keep_trailing_newline": False},
    "prompt": {"keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True},
}
_GLOBALS = ("range", "dict", "namespace")


@cache
def _environment(layout: str) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        **_LAYOUTS[layout])
    env.globals = {name: env.globals[name] for name in _GLOBALS}
    return env


@lru_cache(maxsize=512)
def _compiled(source: str, layout: str) -> jinja2.Template:
    return _environment(layout).from_string(source)


def render(source: str, where: str, layout: str = "text", **values) -> str:
    """``source`` rendered with ``values`` only; any failure is a ``TemplateError`` naming
    ``where`` (e.g. "模板“shudeshulian”的 system.md")."""
    try:
        return _compiled(source, layout).render(**values)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{where}第{exc.lineno}行：模板语法错误") from None
    except SecurityError as exc:
        name = re.search(r"attribute '([^']+)'", str(exc))
        what = f"“{name.group(1)}”" if name else "受保护的内容"
        raise TemplateError(f"{where}：模板试图访问{what}，已被安全沙箱拒绝") from None
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
        what = f"“{next(g for g in name.groups() if g)}”" if name else ""
        raise TemplateError(f"{where}：引用了未定义的变量{what}") from None
    except Exception as exc:
        raise TemplateError(f"{where}：模板渲染出错（{type(exc).__name__}）") from None


def literal(text: str) -> str:
    """Template text that renders as ``text`` itself: every ``{`` (which alone opens
    ``{{``, ``{%`` and ``{#``) becomes an expression printing it."""
    return text.replace("{", "{{ '{' }}")
