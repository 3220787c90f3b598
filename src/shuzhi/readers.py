"""Reading what users hand us — the one path for the CLI and the app: text files in any common
Chinese encoding, Word files (.docx, and .doc/.wps/.rtf/.odt through LibreOffice) and text
PDFs, each read by ``shuzhi.documents``.

Every input is bounded twice: what is read (a regular file of at most ``MAX_BYTES``; a .docx
whose parts unpack within ``shuzhi.documents.package``'s limits, none of them a compression
bomb — the same for an .odt, an .xlsx and what LibreOffice makes of an old format) and what
comes out (a document of at most ``MAX_CHARS`` characters). Devices, FIFOs and sockets are
refused before they are read, so ``/dev/zero`` cannot fill the memory and a FIFO cannot hang.
Every failure is an ``InputError`` with one line that names the file and never quotes it.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from shuzhi.documents import DOCUMENT_SUFFIXES, DocumentText, document_text
from shuzhi.errors import InputError, os_error_message

MB = 1024 * 1024
MAX_BYTES = 10 * MB  # a report is ~10 KB; anything near this is a mistake
MAX_CHARS = 1_000_000  # a report's text (~4,000 characters) 250 times over
REPORT_SUFFIXES = DOCUMENT_SUFFIXES

# A byte-order mark names its encoding (Notepad's "Unicode" is UTF-16 LE with one); without
# one: UTF-8 is what we write, GB18030 covers GBK/GB2312 (Windows Notepad, older WPS).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ENCODINGS = ("utf-8", "gb18030")
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


def _refuse_special(mode: int, source: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{source}: 这是一个目录，不是文件")
    if not stat.S_ISREG(mode):
        raise InputError(f"{source}: 不是普通文件（设备、管道或套接字），不能作为输入")


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit`` of them.

    ``stat`` refuses a device, FIFO or socket before it is opened; the file is opened with
    ``O_NONBLOCK`` (a FIFO swapped in meanwhile cannot block the open) and checked again on the
    open descriptor, and no more than ``limit + 1`` bytes are ever read (``/proc`` files and
    growing files report a size that is not what a read returns)."""
    source = str(path)
    try:
        info = os.stat(path)
        _refuse_special(info.st_mode, source)
        if info.st_size > limit:
            raise InputError(f"{source}: 文件过大（{info.st_size / MB:.1f} MB），上限为 {limit // MB} MB")
        with open(os.open(path, _OPEN_FLAGS), "rb") as handle:
            _refuse_special(os.fstat(handle.fileno()).st_mode, source)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(os_error_message(exc, "读取", source)) from None
    if len(data) > limit:
        raise InputError(f"{source}: 文件过大，上限为 {limit // MB} MB")
    return data


def decode_text(data: bytes, source: str) -> str:
    """Decode the bytes of a text document, refusing binary data with a clear line."""
    unknown = InputError(f"{source}: 无法识别文件编码，请另存为 UTF-8 文本")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError:
            raise unknown from None
        if not _plausible(text[:8192]):  # random bytes that happen to open like a BOM
            raise unknown
        return _lines(text)
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: 不是文本文件（含二进制内容）")
    for encoding in _ENCODINGS:
        try:
            return _lines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise unknown


def _plausible(text: str) -> bool:
    """Text, not noise: no unassigned, private-use or surrogate code points, no control
    characters but tab and line breaks."""
    return not any(unicodedata.category(ch) in ("Cn", "Co", "Cs") or
                   (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f") for ch in text)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: str | Path, limit: int = MAX_BYTES) -> str:
    return decode_text(read_bytes(path, limit), str(path))


def _report_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in REPORT_SUFFIXES and suffix != ".json":
        raise InputError(f"{name}: 不支持的文件类型“{suffix or '无扩展名'}”，"
                         "请使用 .txt、.md、.docx、.doc、.wps、.rtf、.odt 或 .pdf")
    return suffix


def read_document(data: bytes, name: str, accept: bool = True) -> DocumentText:
    """A document's lines and notices from the bytes of a file named ``name`` — what
    ``read_report`` reads from disk and the app gets from an upload."""
    _report_suffix(name)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: 文件过大（{len(data) / MB:.1f} MB），上限为 {MAX_BYTES // MB} MB")
    document = document_text(data, name, MAX_CHARS, accept=accept)
    if sum(len(line) + 1 for line in document.lines) > MAX_CHARS:
        raise InputError(f"{name}: 文字过多（超过 {MAX_CHARS // 10000} 万字），一份报告不超过 {MAX_CHARS // 10000} 万字")
    return document


def report_text(data: bytes, name: str) -> str:
    """A report's text, one line per paragraph (or table row), from a file's bytes."""
    return read_document(data, name).text


def read_report(path: str | Path) -> str:
    """A report's text, one line per paragraph (or table row), from a file on disk."""
    _report_suffix(str(path))  # an unsupported type is refused before the file is touched
    return report_text(read_bytes(path), str(path))
