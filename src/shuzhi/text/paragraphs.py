"""A text's lines and paragraphs.

A paragraph is a non-blank line: reports, our drafts (``Section.text``) and Word files (one
paragraph per line of their text) all put one paragraph on a line.
"""

from __future__ import annotations

from shuzhi.patterns import compile as compile_pattern

_MD_HEADING = compile_pattern(r"^#{1,6}\s+")


def split_lines(text: str) -> list[str]:
    """The lines of a text from any system (CRLF, CR or LF line ends)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of ``text``, without surrounding blanks."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def numbered_paragraphs(text: str) -> list[tuple[int, str]]:
    """(index of the line in ``text``, the line exactly as written) of each non-blank line: a
    place in the text that an offset into it can be computed from."""
    return [(i, p) for i, p in enumerate(text.split("\n")) if p.strip()]


def clean_line(line: str) -> str:
    """A line without the indentation Word and WPS paste in (spaces, 　, tabs) or a Markdown #."""
    return _MD_HEADING.sub("", line.strip().strip("\u3000\ufeff").strip())


def join_paragraphs(lines: list[str]) -> str:
    """Lines read from a report as a section's text: one paragraph a line, each without its
    indentation, blank lines dropped."""
    return "\n".join(clean_line(line) for line in lines if line.strip())
