"""Documents users hand us, as lines of text: the one reader for every format.

``document_text(data, name)`` → ``DocumentText`` (lines and notices) for .txt/.md (any common
Chinese encoding), .docx (``wordml``: tables, text boxes, tracked changes, list numbering),
.doc/.wps/.rtf/.odt (LibreOffice makes them .docx, ``convert``) and text PDFs (``pdf``).
``shuzhi.readers`` bounds the bytes read and the characters returned, and is what callers use
(``read_report``, ``report_text``); spreadsheets are tables, not documents (``shuzhi.extract``).

A notice is something the user should know about how the file was read ("含未接受的修订…");
it is also issued as a ``DocumentNotice`` warning, which the CLI prints as one 提示 line.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".json")
WORD_SUFFIXES = (".docx", ".doc", ".wps", ".rtf", ".odt")
DOCUMENT_SUFFIXES = (".txt", ".md", *WORD_SUFFIXES, ".pdf")


class DocumentNotice(UserWarning):
    """How a document was read, for the user (its ``str`` is one Chinese line)."""


@dataclass
class DocumentText:
    lines: list[str]
    notices: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def revisions_notice(source: str) -> str:
    return (f"{source}: 文件含未接受的修订，已按“接受全部修订”读取（插入的文字计入，删除的文字不计）；"
            "如需按修订前的文字，请先在 Word 中拒绝修订")


def document_text(data: bytes, name: str, max_chars: int, accept: bool = True) -> DocumentText:
    """The lines of the document ``data`` named ``name`` (its suffix says the format)."""
    from shuzhi.readers import decode_text

    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        from shuzhi.documents.pdf import pdf_lines

        return DocumentText(pdf_lines(data, name, max_chars))
    if suffix not in WORD_SUFFIXES:
        return DocumentText(decode_text(data, name).split("\n"))
    from shuzhi.documents.package import check_package, docx_text

    if suffix != ".docx":
        from shuzhi.documents.convert import to_docx

        if suffix == ".odt":  # a zip too: LibreOffice would inflate a bomb before we saw it
            check_package(data, name, kind="OpenDocument 文档（.odt）")
        data = to_docx(data, name)
    word = docx_text(data, name, accept=accept)
    result = DocumentText(word.lines)
    if word.revisions:
        result.notices.append(revisions_notice(name))
    for notice in result.notices:
        warnings.warn(DocumentNotice(notice), stacklevel=2)
    return result
