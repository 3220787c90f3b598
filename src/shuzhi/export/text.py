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
    if line[:1] in "#>-+" or (line[:2].rstrip(".").isdigit() and line[1:2] == "."):
        line = "\\" + line
    return line


def to_markdown(draft: Draft) -> str:
    """The report's lines (``Draft.lines``) as Markdown: the title as #, 一、 as ##, （一） as ###,
    every paragraph its own block."""
    out = []
    for line in draft.lines():
        if line.kind == "title":
            out += [f"# {_md_escape(line.text)}", ""]
        elif line.kind == "heading" and line.section is not None:
            out += ["#" * (line.section.level + 1) + " " + _md_escape(line.text), ""]
        elif line.kind == "paragraph":
            out += [_md_escape(line.text), ""]
    return "\n".join(out).rstrip() + "\n"


def to_json(draft: Draft) -> str:
    return draft.model_dump_json(indent=2)
