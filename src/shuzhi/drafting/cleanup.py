"""What models add around a section's text despite being told not to, taken off before saving.

Seen in practice: a ``<think>…</think>`` block (Qwen3 / DeepSeek-R1 served by Ollama or vLLM),
the section's heading repeated as the first line (often as ``## （一）…`` or ``**…**``), and
Markdown code fences around the whole answer. The streamed pieces the user watched are not
changed; the version saved is the cleaned text.
"""

from __future__ import annotations

import re

_THINK = re.compile(r"^\s*<think>.*?</think>\s*", re.S)
_FENCE = re.compile(r"^\s*```[a-zA-Z]*\n(?P<body>.*?)\n```\s*$", re.S)
_DECORATION = re.compile(r"^[#>\s*_]+|[*_\s]+$")


def clean_section_text(text: str, heading: str, number: str = "") -> str:
    text = _THINK.sub("", text)
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced["body"]
    lines = text.strip().split("\n")
    if lines and _is_heading(lines[0], heading, number):
        lines = lines[1:]
    return "\n".join(line.rstrip() for line in lines).strip()


def _is_heading(line: str, heading: str, number: str) -> bool:
    bare = _DECORATION.sub("", line.strip())
    return bool(heading) and bare in {heading, f"{number}{heading}", f"{number} {heading}"}
