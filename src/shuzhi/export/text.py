"""Plain-text, Markdown and JSON renderings of a draft."""

from __future__ import annotations

from shuzhi.draft import Draft


def to_text(draft: Draft) -> str:
    return draft.assemble()


def _md_escape(line: str) -> str:
    """Keep user text literal in Markdown: a leading #, >, - or digit-dot would restyle it,
    and * or _ would turn masked numbers (**) into bold."""
    for ch in "\\*_`[]<>&":
        line = line.replace(ch, "\\" + ch)
    if line[:1] in "#>-+" or line[:2].rstrip(".").isdigit() and line[1:2] == ".":
        line = "\\" + line
    return line


def to_markdown(draft: Draft) -> str:
    lines = [f"# {_md_escape(draft.title)}", ""]
    for section in draft.sections:
        if section.heading_line:
            lines += ["#" * (section.level + 1) + " " + _md_escape(section.heading_line), ""]
        for paragraph in section.text.split("\n"):
            if paragraph.strip():
                lines += [_md_escape(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"


def to_json(draft: Draft) -> str:
    return draft.model_dump_json(indent=2)
