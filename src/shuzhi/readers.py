"""Reading what users hand us — the one path for the CLI and the app: text files in any common
Chinese encoding, and .docx reports.

Every input is bounded twice: what is read (a regular file of at most ``MAX_BYTES``; a .docx
whose parts unpack to at most ``DOCX_MAX_UNPACKED``, none of them a compression bomb) and
what comes out (a report of at most ``MAX_CHARS`` characters). Devices, FIFOs and sockets are
refused before they are read, so ``/dev/zero`` cannot fill the memory and a FIFO cannot hang.
Every failure is an ``InputError`` with one line that names the file and never quotes it.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import unicodedata
import zipfile
from pathlib import Path

from shuzhi.errors import InputError, os_error_message

MB = 1024 * 1024
MAX_BYTES = 10 * MB  # a report is ~10 KB; anything near this is a mistake
MAX_CHARS = 1_000_000  # a report's text (~4,000 characters) 250 times over
DOCX_MAX_UNPACKED = 64 * MB  # all parts of a .docx, unpacked (images included)
DOCX_MAX_XML = 16 * MB  # one XML part: a 300-page document's body is a few MB
DOCX_MAX_RATIO = 100  # Word's XML packs 5–20 times; a bomb thousands of times
DOCX_MAX_PARTS = 2000
REPORT_SUFFIXES = (".txt", ".md", ".docx")

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


def _check_docx_package(data: bytes, source: str) -> None:
    """Refuse a zip whose parts would unpack to more than we will hold, by the sizes its
    directory declares (``zipfile`` never unpacks past them: a lying size fails its CRC)."""
    not_docx = InputError(f"{source}: 不是有效的 Word 文档（.docx）")
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise not_docx from None
    if len(parts) > DOCX_MAX_PARTS:
        raise InputError(f"{source}: Word 文档内部文件过多（{len(parts)} 个），不像一份报告")
    too_big = InputError(f"{source}: Word 文档解压后过大（上限 {DOCX_MAX_UNPACKED // MB} MB，"
                         f"单个部件 {DOCX_MAX_XML // MB} MB），不像一份报告")
    if sum(p.file_size for p in parts) > DOCX_MAX_UNPACKED:
        raise too_big
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size > DOCX_MAX_XML:
            raise too_big
        if part.file_size > MB and part.file_size > DOCX_MAX_RATIO * max(1, part.compress_size):
            raise InputError(f"{source}: Word 文档压缩比异常（疑似“压缩炸弹”），已拒绝读取")


def docx_paragraphs(data: bytes, source: str) -> list[str]:
    """The text of a .docx's body paragraphs, in order."""
    _check_docx_package(data, source)
    import docx  # python-docx; imported here so `shuzhi check foo.txt` never pays for it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    # python-docx parses with resolve_entities=False and without huge_tree: an entity bomb or a
    # text node over 10 MB is a parse error here, never a gigabyte in memory.
    try:
        document = docx.Document(io.BytesIO(data))
        return [p.text for p in document.paragraphs]
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError):
        raise InputError(f"{source}: 不是有效的 Word 文档（.docx），或其内容无法解析") from None


def _report_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in REPORT_SUFFIXES and suffix != ".json":
        raise InputError(f"{name}: 不支持的文件类型“{suffix or '无扩展名'}”，请使用 .txt、.md 或 .docx")
    return suffix


def report_text(data: bytes, name: str) -> str:
    """A report's text, one line per paragraph, from the bytes of a .txt, .md or .docx named
    ``name`` — what ``read_report`` reads from disk and the app gets from an upload."""
    suffix = _report_suffix(name)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: 文件过大（{len(data) / MB:.1f} MB），上限为 {MAX_BYTES // MB} MB")
    text = "\n".join(docx_paragraphs(data, name)) if suffix == ".docx" else decode_text(data, name)
    if len(text) > MAX_CHARS:
        raise InputError(f"{name}: 文字过多（{len(text) // 10000} 万字），一份报告不超过 {MAX_CHARS // 10000} 万字")
    return text


def read_report(path: str | Path) -> str:
    """A report's text, one line per paragraph, from a .txt, .md or .docx file."""
    _report_suffix(str(path))  # an unsupported type is refused before the file is touched
    return report_text(read_bytes(path), str(path))
