"""Text PDFs through pypdf; a scanned PDF (pages of images) is told apart, not read as empty.

pypdf bounds what one stream may inflate to (``pypdf.Configuration``, 75 MB); we bound the
pages and the characters, and refuse a password-protected file in one line.
"""

from __future__ import annotations

import io
import logging
import re

from shuzhi.errors import InputError

MAX_PAGES = 500
MIN_CHARS_PER_PAGE = 20  # a page of a report has hundreds; a scan's page number or nothing
FULL_LINE = 0.9  # a line this close to the page's longest ran on to the next: it wrapped
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# pypdf puts a blank between runs that were drawn apart: "2024 年", "学习12 次"
_RUN_GAP = re.compile(rf"(?<=[\d%{_CJK}]) (?=[{_CJK}])|(?<=[{_CJK}]) (?=\d)")
_ENDS = "。！？：；!?:;"


def pdf_lines(data: bytes, source: str, max_chars: int) -> list[str]:
    """The text lines of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file, not for users
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{source}: PDF 设置了打开密码，请取消密码后再导入")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise InputError(f"{source}: PDF 页数过多（{len(pages)} 页，上限 {MAX_PAGES} 页），不像一份报告或记录")
        lines: list[str] = []
        total = 0
        for page in pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                raise InputError(f"{source}: 文字过多（超过 {max_chars // 10000} 万字）")
            lines.extend(_paragraphs(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    except InputError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, NotImplementedError):
        raise InputError(f"{source}: 不是有效的 PDF 文件，或其内容无法解析") from None
    visible = sum(len(line.strip()) for line in lines)
    if visible < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise InputError(f"{source}: PDF 中几乎没有可读取的文字，可能是扫描件（图片）；"
                         "请提供文字版 PDF 或 Word 文件，或先做文字识别（OCR）")
    return lines


def _paragraphs(page: list[str]) -> list[str]:
    """A page's lines as paragraphs: run gaps closed, lines that wrapped at the margin joined."""
    page = [_RUN_GAP.sub("", line.strip()) for line in page]
    widest = max((len(line) for line in page), default=0)
    out: list[str] = []
    joining = False
    for line in page:
        if joining and out:
            out[-1] += line
        else:
            out.append(line)
        joining = len(line) >= FULL_LINE * widest > 10 and not line.endswith(tuple(_ENDS))
    return out
