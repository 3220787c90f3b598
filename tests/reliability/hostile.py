"""Hostile files, built the way an attacker would: small on disk, huge once read."""

from __future__ import annotations

import io
import random
import string
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GOOD_FACTS = "year: 2024\nunit: 某大学图书馆\nperson: 张三\nposts: [直属党支部书记]\n"


def alias_bomb(copies: int = 3000, length: int = 100_000) -> str:
    """One long string anchored once (``&s``) and referred to ``copies`` times (``*s``): about
    330 KB on disk, ``copies × length`` characters once expanded."""
    return (GOOD_FACTS + f"honours: [&s '{'荣' * length}']\nevents:\n" + "  - *s\n" * copies)


def nested_alias_bomb(levels: int = 9) -> str:
    """"Billion laughs" in YAML: each level a list of ten aliases of the level below."""
    lines = [GOOD_FACTS.rstrip("\n"), "x0: &a0 ['哈哈']"]
    for i in range(1, levels + 1):
        lines.append(f"x{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]")
    lines.append(f"events: *a{levels}")
    return "\n".join(lines) + "\n"


def docx_with_body(document_xml: bytes) -> bytes:
    """A real .docx (python-docx's own template) whose word/document.xml is replaced."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def body(paragraphs: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>').encode()


def xml_bomb_docx(megabytes: int = 100) -> bytes:
    """~100 MB of paragraphs that deflate to a few hundred KB."""
    paragraph = "<w:p><w:r><w:t>一是加强政治建设。</w:t></w:r></w:p>"
    return docx_with_body(body(paragraph * (megabytes * 1024 * 1024 // len(paragraph.encode()))))


def text_node_docx(megabytes: int = 12) -> bytes:
    """One text node longer than libxml2 allows without huge_tree (10 MB), of random letters
    so that it packs only ~1.6 times and stays under every zip limit."""
    rng = random.Random(11)
    text = "".join(rng.choices(string.ascii_letters, k=megabytes * 1024 * 1024))
    return docx_with_body(body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))


def entity_bomb_docx(levels: int = 10) -> bytes:
    """Billion laughs in document.xml: a few hundred bytes that expand to gigabytes."""
    entities = '<!ENTITY e0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels))
    return docx_with_body(body(f"<w:p><w:r><w:t>&e{levels - 1};</w:t></w:r></w:p>",
                               f"<!DOCTYPE w:document [{entities}]>"))
