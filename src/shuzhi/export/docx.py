"""A draft as a Word file laid out like a Party and government document (GB/T 9704-2012).

A4; margins 37 / 35 / 28 / 26 mm (top, bottom, left, right); title 方正小标宋简体 二号
centred; body 仿宋_GB2312 三号, first line indented two characters, fixed 28 pt lines;
一、 headings 黑体, （一） headings 楷体_GB2312; page numbers "— 1 —" in 宋体 四号, odd pages
right and even pages left, one character in from the edge; signature and date right-aligned.

Chinese font names must be set as ``w:eastAsia`` in each run's ``rFonts``: Word and WPS pick
the font for CJK text from that attribute only, so ``run.font.name`` alone shows 宋体.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from shuzhi.draft import Draft
from shuzhi.text.headings import runs_on

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters, as units usually set them

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28)
TITLE_LINE = Pt(35)  # a two-line 二号 title needs more than 28 pt not to clip
INDENT = Pt(32)  # two characters of 三号

# XML 1.0 cannot hold most control characters; a pasted report sometimes has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Look:
    font: str
    size: Pt
    bold: bool = False


BODY = Look(BODY_FONT, BODY_SIZE)
LOOKS = {0: BODY, 1: Look(HEADING1_FONT, BODY_SIZE), 2: Look(HEADING2_FONT, BODY_SIZE)}


def add_text(paragraph, text: str, look: Look):
    run = paragraph.add_run(_NOT_XML.sub("", text))
    set_fonts(run, look)
    return run


def set_fonts(run, look: Look) -> None:
    """Font, size and the East Asian font attribute Word and WPS read for Chinese text."""
    run.font.name = LATIN_FONT if look.font == BODY_FONT else look.font
    run.font.size = look.size
    run.font.bold = look.bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), look.font)
    fonts.set(qn("w:hint"), "eastAsia")


def _indent_chars(paragraph, chars: int = 2) -> None:
    """First-line indent in characters (w:firstLineChars) as well as in points, so the indent
    stays two characters when a user changes the font size in Word or WPS."""
    paragraph.paragraph_format.first_line_indent = INDENT if chars == 2 else Pt(16 * chars)
    ind = paragraph._element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _paragraph(document, text: str, look: Look, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
               indent: bool = True, line: Pt = LINE):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # a page holds 22 full lines, as GB/T 9704 sets it, never fewer
    if indent:
        _indent_chars(paragraph)
    if text:
        add_text(paragraph, text, look)
    return paragraph


def _page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(23)  # puts the page number ~7 mm below the text block
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _field(paragraph, instruction: str, look: Look) -> None:
    """A complex field (begin / instrText / separate / result / end), as Word writes it."""
    def run_with(child):
        run = paragraph.add_run()
        set_fonts(run, look)
        run._element.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    set_fonts(paragraph.add_run("1"), look)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_numbers(document) -> None:
    """"— 1 —": odd pages on the right, even pages on the left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    look = Look(PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_NUMBER_SIZE
        else:
            fmt.left_indent = PAGE_NUMBER_SIZE
        set_fonts(paragraph.add_run("— "), look)
        _field(paragraph, "PAGE", look)
        set_fonts(paragraph.add_run(" —"), look)


def to_docx(draft: Draft) -> bytes:
    """The draft as .docx bytes: title, sections, then the signer and the date."""
    document = Document()
    _page_setup(document)
    _page_numbers(document)
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:  # python-docx's default template starts with one empty paragraph
        body._element.getparent().remove(body._element)

    heading = None  # the last heading written, while its section has no paragraph yet
    for line in draft.lines():
        if line.kind == "title":
            _paragraph(document, line.text, Look(TITLE_FONT, TITLE_SIZE), align=WD_ALIGN_PARAGRAPH.CENTER,
                       indent=False, line=TITLE_LINE)
        elif line.kind == "blank":
            _paragraph(document, "", BODY, indent=False)  # one blank line under the title
        elif line.kind == "heading" and line.section is not None:
            paragraph = _paragraph(document, line.text, LOOKS.get(line.section.level, BODY))
            # a heading ending in a sentence mark shares its paragraph with the first
            # paragraph of its text, as typed: "（一）压紧压实责任。全年召开……"
            heading = paragraph if runs_on(line.section.heading) else None
        elif heading is not None:
            add_text(heading, line.text.strip(), BODY)
            heading = None
        else:
            _paragraph(document, line.text.strip(), BODY)

    _paragraph(document, "", BODY, indent=False)
    for text in (draft.facts.person, draft.facts.date or ""):
        paragraph = _paragraph(document, text, BODY, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        paragraph.paragraph_format.right_indent = INDENT  # 右空二字

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
