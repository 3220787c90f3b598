"""Reading what users hand us: text files in any common Chinese encoding, and .docx reports.

Every failure is an ``InputError`` with one line that names the file, so nothing above
this module has to guess why a file could not be read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from shuzhi.errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # a report is ~10 KB; anything near this is a mistake
REPORT_SUFFIXES = (".txt", ".md", ".docx")

# Tried in order: UTF-8 (with or without BOM) is what we write; GB18030 covers GBK/GB2312,
# which Windows Notepad and older WPS still produce.
_ENCODINGS = ("utf-8-sig", "gb18030")


def _read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path}: 文件过大（{size / 1048576:.1f} MB），上限为 {limit // 1048576} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: 文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{path}: 这是一个目录，不是文件") from None
    except PermissionError:
        raise InputError(f"{path}: 没有读取权限") from None


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes of a text document, refusing binary data with a clear line."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: 不是文本文件（含二进制内容）")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source}: 无法识别文件编码，请另存为 UTF-8 文本")


def read_text_file(path: str | Path, limit: int = MAX_BYTES) -> str:
    path = Path(path)
    return decode_text(_read_bytes(path, limit), str(path))


def docx_paragraphs(data: bytes, source: str) -> list[str]:
    """The text of a .docx's body paragraphs, in order (tables are read row by row)."""
    import io

    import docx  # python-docx; imported here so `shuzhi check foo.txt` never pays for it
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{source}: 不是有效的 Word 文档（.docx）")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise InputError(f"{source}: 不是有效的 Word 文档（.docx）") from None
    return [p.text for p in document.paragraphs]


def read_report(path: str | Path) -> str:
    """A report's text, one line per paragraph, from .txt, .md or .docx."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES and suffix != ".json":
        raise InputError(f"{path}: 不支持的文件类型“{suffix or '无扩展名'}”，请使用 .txt、.md 或 .docx")
    data = _read_bytes(path)
    if suffix == ".docx":
        return "\n".join(docx_paragraphs(data, str(path)))
    return decode_text(data, str(path))
