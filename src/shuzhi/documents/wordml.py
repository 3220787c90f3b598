"""A .docx's text as Word shows it: the one reader of WordprocessingML.

One line per body paragraph and per table row, in document order:

- tracked changes resolved as accepted (``w:ins``/``w:moveTo`` in, ``w:del``/``w:moveFrom``
  out; a paragraph whose mark was deleted joins the next), or as rejected with
  ``accept=False``; ``revisions`` says whether the file had any left unaccepted;
- list numbering rendered into the text (``numbering.py``), from the paragraph's ``w:numPr``
  or its style's;
- a table row is one line, its cells joined with a tab (a merged cell once, a ``w:vMerge``
  continuation empty);
- a text box's paragraphs follow the paragraph that anchors it, once (``mc:AlternateContent``
  holds it twice: DrawingML and its VML fallback);
- content controls, hyperlinks, smart tags and field results are read; field instructions,
  headers, footers, comments and footnotes are not (they are other parts, or not text).

The package is parsed with lxml without entity resolution, network or huge trees, after
``readers`` has checked the zip directory against its size and bomb limits.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from shuzhi.documents.numbering import Numbering, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)

_SKIP = {W + t for t in ("instrText", "delInstrText", "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr",
                         "commentReference", "footnoteReference", "endnoteReference", "fldData")}
_REVISION_TAGS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                                  "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange", "numberingChange")}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


class NotWordML(ValueError):
    """The package has no readable main document."""


@dataclass
class WordText:
    lines: list[str]
    revisions: bool = False  # the file has tracked changes nobody accepted or rejected


@dataclass
class _Reader:
    numbering: Numbering
    styles: dict[str, tuple[str | None, str | None, str | None]]  # id → (numId, ilvl, basedOn)
    accept: bool = True
    lines: list[str] = field(default_factory=list)
    carry: str = ""  # text of a paragraph whose mark was deleted, joining the next

    # --- blocks -------------------------------------------------------------------------------
    def blocks(self, parent) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":
                self.blocks(child.find(W + "sdtContent") if child.find(W + "sdtContent") is not None else [])
            elif tag in (W + "customXml", W + "ins", W + "moveTo") or (
                    tag in (W + "del", W + "moveFrom") and not self.accept):
                self.blocks(child)
            elif tag == MC + "AlternateContent":
                self.blocks(_alternative(child))

    def paragraph(self, p) -> None:
        boxes: list = []
        text = self.inline(p, boxes)
        mark = self._mark(p)
        if mark == "gone":  # the paragraph mark is deleted: this text runs on into the next paragraph
            self.carry += text
        else:
            self.lines.append(self._label(p) + self.carry + text)
            self.carry = ""
        for box in boxes:
            self.blocks(box)

    def _mark(self, p) -> str:
        return "gone" if self._removed(p.find(f"{W}pPr/{W}rPr")) else "kept"

    def _removed(self, props) -> bool:
        """Whether an element whose properties are ``props`` (a paragraph mark's w:rPr, a row's
        w:trPr) is gone once the revisions are resolved."""
        if props is None:
            return False
        return props.find(W + ("del" if self.accept else "ins")) is not None

    def table(self, tbl) -> None:
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not None and _ancestor_table(tr) is not tbl:
                continue  # a row of a table nested in a cell: read with its cell
            if self._removed(tr.find(W + "trPr")):
                continue
            cells = [self.cell(tc) for tc in _row_cells(tr)]
            self.lines.append("\t".join(cells))

    def cell(self, tc) -> str:
        tcpr = tc.find(W + "tcPr")
        merge = tcpr.find(W + "vMerge") if tcpr is not None else None
        if merge is not None and merge.get(W + "val") != "restart":
            return ""  # the continuation of a vertically merged cell: its text is above
        inner = _Reader(self.numbering, self.styles, self.accept)
        inner.blocks(tc)
        return " ".join(line.replace("\t", " ").strip() for line in inner.lines if line.strip())

    # --- inline -------------------------------------------------------------------------------
    def inline(self, element, boxes: list) -> str:
        out: list[str] = []
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in (W + "del", W + "moveFrom"):
                if not self.accept:
                    out.append(self.inline(child, boxes))
                continue
            if tag in (W + "ins", W + "moveTo") and not self.accept:
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "delText":
                if not self.accept:
                    out.append(child.text or "")
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag == MC + "AlternateContent":
                for alt in _alternative(child):
                    out.append(self.inline(alt, boxes))
            else:
                out.append(self.inline(child, boxes))
        return "".join(out)

    # --- numbering ----------------------------------------------------------------------------
    def _label(self, p) -> str:
        numpr = p.find(f"{W}pPr/{W}numPr")
        num_id = _attr(numpr, "numId") if numpr is not None else None
        ilvl = _attr(numpr, "ilvl") if numpr is not None else None
        style = _attr(p.find(f"{W}pPr"), "pStyle")
        seen = set()
        while (num_id is None or ilvl is None) and style and style not in seen:
            seen.add(style)
            style_num, style_lvl, based_on = self.styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
            if num_id is not None and ilvl is None:
                level = self.numbering.style_levels.get((num_id, style))
                ilvl = str(level) if level is not None else None
            style = based_on
        if not num_id or num_id == "0":
            return ""
        try:
            return self.numbering.label(num_id, int(ilvl or 0))
        except ValueError:
            return ""


def _attr(element, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(W + tag)
    return None if child is None else child.get(W + "val")


def _alternative(element) -> list:
    """What a reader that understands Word 2010+ shows of an ``mc:AlternateContent``: its first
    ``mc:Choice``, or the ``mc:Fallback`` when there is none."""
    choice = element.find(MC + "Choice")
    chosen = choice if choice is not None else element.find(MC + "Fallback")
    return list(chosen) if chosen is not None else []


def _ancestor_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent


def _row_cells(tr) -> list:
    """A row's cells, also those inside row-level content controls or revisions."""
    out = []
    for child in tr:
        if child.tag == W + "tc":
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            out.extend(child.iter(W + "tc"))
    return out


def _styles(root) -> dict[str, tuple[str | None, str | None, str | None]]:
    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    if root is None:
        return out
    for style in root.iter(W + "style"):
        numpr = style.find(f"{W}pPr/{W}numPr")
        out[style.get(W + "styleId")] = (_attr(numpr, "numId"), _attr(numpr, "ilvl"), _attr(style, "basedOn"))
    return out


def _parse(package: zipfile.ZipFile, name: str | None):
    if name is None or name not in package.namelist():
        return None
    return etree.fromstring(package.read(name), _PARSER)


def _relations(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """type suffix (``/styles``, ``/numbering``, ``/officeDocument``) → part name."""
    folder, base = posixpath.split(part)
    rels = _parse(package, posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, str] = {}
    for rel in rels.iter(_REL + "Relationship") if rels is not None else []:
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault("/" + rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def read_wordml(package: zipfile.ZipFile, accept: bool = True) -> WordText:
    """The text of a .docx package. Raises ``NotWordML``, ``etree.LxmlError`` or ``KeyError``
    on a package that is not a Word document."""
    main = _relations(package, "").get(_OFFICE_DOCUMENT)
    document = _parse(package, main)
    body = document.find(W + "body") if document is not None else None
    if main is None or body is None:
        raise NotWordML(main)
    rels = _relations(package, main)
    reader = _Reader(Numbering(_parse(package, rels.get("/numbering"))), _styles(_parse(package, rels.get("/styles"))),
                     accept=accept)
    reader.blocks(body)
    if reader.carry:
        reader.lines.append(reader.carry)
    revisions = any(el.tag in _REVISION_TAGS for el in body.iter())
    return WordText(reader.lines, revisions)
