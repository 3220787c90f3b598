"""Opening a .docx: the zip checked against its declared sizes before anything is inflated,
a password-protected or old binary Word file told apart from a broken one."""

from __future__ import annotations

import io
import zipfile

from shuzhi.documents.wordml import NotWordML, WordText, read_wordml
from shuzhi.errors import InputError

MB = 1024 * 1024
DOCX_MAX_UNPACKED = 64 * MB  # all parts of a .docx, unpacked (images included)
DOCX_MAX_XML = 16 * MB  # one XML part: a 300-page document's body is a few MB
DOCX_MAX_RATIO = 100  # Word's XML packs 5–20 times; a bomb thousands of times
DOCX_MAX_PARTS = 2000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: Word 97–2003, or an encrypted .docx


def check_package(data: bytes, source: str, kind: str = "Word 文档（.docx）") -> zipfile.ZipFile:
    """The zip of a .docx (or an .xlsx: ``kind``) whose parts would unpack within our limits,
    by the sizes its directory declares (``zipfile`` never unpacks past them: a lying size
    fails its CRC)."""
    short = kind.split("（")[0]
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(f"{source}: {short}设置了打开密码（已加密），请取消密码后另存一份再导入")
        old = "Word 97–2003 文件（.doc）" if "Word" in kind else "Excel 97–2003 文件（.xls）"
        raise InputError(f"{source}: 这是旧版 {old}，不是 {kind}；请另存为新格式或改用正确的扩展名后再导入")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError(f"{source}: 不是有效的 {kind}") from None
    if len(parts) > DOCX_MAX_PARTS:
        raise InputError(f"{source}: {short}内部文件过多（{len(parts)} 个），不像一份报告或记录")
    too_big = InputError(f"{source}: {short}解压后过大（上限 {DOCX_MAX_UNPACKED // MB} MB，"
                         f"单个部件 {DOCX_MAX_XML // MB} MB），不像一份报告或记录")
    if sum(p.file_size for p in parts) > DOCX_MAX_UNPACKED:
        raise too_big
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size > DOCX_MAX_XML:
            raise too_big
        if part.file_size > MB and part.file_size > DOCX_MAX_RATIO * max(1, part.compress_size):
            raise InputError(f"{source}: {short}压缩比异常（疑似“压缩炸弹”），已拒绝读取")
    return package


def docx_text(data: bytes, source: str, accept: bool = True) -> WordText:
    """The lines of a .docx as Word shows them (``wordml``), within the package limits."""
    package = check_package(data, source)
    from lxml import etree

    try:
        return read_wordml(package, accept=accept)
    except (NotWordML, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, EOFError):
        raise InputError(f"{source}: 不是有效的 Word 文档（.docx），或其内容无法解析") from None
