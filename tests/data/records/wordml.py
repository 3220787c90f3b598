"""WordprocessingML pieces python-docx has no API for, shared by the build scripts in
tests/data/records/ and tests/data/update/: list numbering, tracked changes, text boxes,
fields — and a deterministic save.

Everything is real OOXML (ECMA-376 Part 1 element names), written into the document the
way Word writes it, so a reader tested on these files is tested on what users have.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

FIXED_TIME = (2025, 1, 8, 9, 0, 0)  # every zip entry gets this date, so rebuilds are byte-equal
AUTHOR = "审核人"
REV_DATE = "2025-01-06T10:00:00Z"


# --- saving ----------------------------------------------------------------------------------

def normalize_zip(data: bytes) -> bytes:
    """The same package with fixed entry dates: python-docx and openpyxl stamp the current
    time on every entry, which would make each rebuild a new binary."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def fix_core_properties(document) -> None:
    from datetime import datetime

    props = document.core_properties
    props.author = "临江学院"
    props.last_modified_by = "临江学院"
    props.created = props.modified = datetime(2025, 1, 8, 9, 0, 0)
    props.revision = 1


def save_docx(document, path: Path) -> None:
    fix_core_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(normalize_zip(buffer.getvalue()))


# --- numbering -------------------------------------------------------------------------------

def add_abstract_num(document, abstract_id: int, levels: list[dict]) -> int:
    """Add a multilevel list definition and a w:num pointing at it; returns the numId.

    ``levels``: [{"fmt": "chineseCountingThousand", "text": "%1、", "suff": "nothing"}, …]
    (``suff`` omitted = Word's default, a tab after the number)."""
    numbering = document.part.numbering_part.element
    lvls = []
    for ilvl, level in enumerate(levels):
        suff = f'<w:suff w:val="{level["suff"]}"/>' if level.get("suff") else ""
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{level.get("start", 1)}"/>'
            f'<w:numFmt w:val="{level["fmt"]}"/>{suff}<w:lvlText w:val="{level["text"]}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{640 if ilvl else 0}"/></w:pPr>'
            f"</w:lvl>")
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: every abstractNum before any num
    else:
        numbering.append(abstract)
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(num_ids, default=0) + 1
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def set_numbering(paragraph_or_style_element, num_id: int, ilvl: int) -> None:
    """Put w:numPr into a paragraph's (or a style's) w:pPr."""
    ppr = paragraph_or_style_element.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# --- runs ------------------------------------------------------------------------------------

_ids = iter(range(100, 10_000))


def run_xml(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{_escape(text)}</{tag}></w:r>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ins_xml(text: str) -> str:
    return f'<w:ins w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{REV_DATE}">{run_xml(text)}</w:ins>'


def del_xml(text: str) -> str:
    return f'<w:del w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{REV_DATE}">{run_xml(text, deleted=True)}</w:del>'


def paragraph_xml(inner: str, ppr: str = "") -> str:
    return f'<w:p {nsdecls("w")}>{ppr}{inner}</w:p>'


def append_paragraph_xml(document, inner: str, ppr: str = ""):
    """A body paragraph from raw WordprocessingML (before the final w:sectPr)."""
    element = parse_xml(paragraph_xml(inner, ppr))
    sect = document.element.body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(element)
    else:
        document.element.body.append(element)
    return element


def mark_paragraph(kind: str) -> str:
    """A pPr whose paragraph mark is itself inserted or deleted (w:rPr/w:ins|w:del)."""
    return (f'<w:pPr><w:rPr><w:{kind} w:id="{next(_ids)}" w:author="{AUTHOR}" '
            f'w:date="{REV_DATE}"/></w:rPr></w:pPr>')


def textbox_run_xml(lines: list[str]) -> str:
    """A floating text box as Word 2010+ writes it: mc:AlternateContent with a DrawingML
    shape (wps:txbx) and its VML fallback (v:textbox) — the same text twice in the XML,
    once on the page."""
    content = "".join(f"<w:p><w:r><w:t>{_escape(line)}</w:t></w:r></w:p>" for line in lines)
    return (
        '<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1800000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="720000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape id="文本框1" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;margin-left:283.5pt;width:141.75pt;height:56.7pt">'
        f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>')


def field_xml(instruction: str, result: str) -> str:
    """A complex field (w:fldChar begin/separate/end) showing ``result``."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
