"""How a front end shows things: user text made literal, statuses and usage in words.

No Streamlit here, so these stay testable and the CLI can use them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuzhi.draft import Section, Usage

# the labels the CLI shares, re-exported for the pages that import them from here
from shuzhi.labels import RULE_LABELS, SEVERITY_LABELS, SOURCE_LABELS, STATUS_LABELS, source_label  # noqa: F401
from shuzhi.text.paragraphs import paragraphs

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all keeps
# user text literal: ** stays two stars, <script> stays text, $x$ is not maths, :red[x] not colour.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~:<>&\"'=^%@/])")
# GitHub-flavoured Markdown (Streamlit's) turns bare https://…, www.… and a@b.c into links
# after escapes are resolved, so escaping cannot stop it: an invisible WORD JOINER after
# ``://``, inside ``www.`` and after ``@`` breaks each pattern and changes nothing on screen.
_AUTOLINK = re.compile(r"(?i)(?<=://)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def literal_markdown(text: str) -> str:
    """User text as Markdown that renders exactly as typed, paragraph per line: no link,
    image, HTML, heading or emphasis, not even a bare URL made into a link."""
    return "\n\n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, p))
                         for p in paragraphs(text))


@dataclass
class UsageTotal:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    estimated: bool = False

    def add(self, usage: Usage | None) -> None:
        if usage is None:
            return
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.estimated |= usage.estimated
        if usage.cost is not None:
            self.cost = (self.cost or 0.0) + usage.cost

    def tokens_text(self) -> str:
        mark = "约" if self.estimated else ""
        return f"{mark}{self.prompt_tokens + self.completion_tokens:,}"

    def cost_text(self) -> str:
        return "—" if self.cost is None else f"¥{self.cost:.4f}"


def usage_of(sections: list[Section]) -> UsageTotal:
    total = UsageTotal()
    for section in sections:
        if section.versions:
            total.add(section.versions[-1].usage)
    return total


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    base_url: str
    model: str
    needs_key: bool


CUSTOM = Provider("custom", "自定义（任意 OpenAI 兼容接口）", "", "", False)
SERVER = "server"


def providers(server=None) -> list[Provider]:
    """The model presets of ``data/providers.yaml`` (owned by the model backend), then "custom";
    first, when the server names one (``config.server_endpoint``), the server's own model —
    the only endpoint a visitor may use with the server's key."""
    from shuzhi.config import providers as presets

    own = [Provider(SERVER, f"本服务器配置的模型（{server.model or server.base_url}）", server.base_url,
                    server.model or "", False)] if server else []
    return own + [Provider(pid, p.get("name", pid), p.get("base_url", ""), p.get("model", ""),
                           bool(p.get("needs_key", True))) for pid, p in presets().items()] + [CUSTOM]


def endpoint_label(base_url: str | None) -> str:
    """Where a 起草 button sends the text: None is the offline drafter (nothing is sent)."""
    from shuzhi.config import is_local_endpoint

    if base_url is None:
        return ":material/computer: 本地（离线起草，不发送）"
    return ":material/dns: 本地模型" if is_local_endpoint(base_url) else ":material/cloud: 云端模型"
