"""Builds the binary test files of tests/data/records/ from the text in sources/ and the
tables below, deterministically (fixed zip dates, fixed document properties).

    .venv/bin/python tests/data/records/build.py           # records, word/, bad/
    .venv/bin/python tests/data/records/build.py --old     # also old/ through LibreOffice
    .venv/bin/python tests/data/records/build.py --check   # rebuild in a temp dir and compare

Needs python-docx, openpyxl and msoffcrypto-tool (the test extras); --old needs soffice.
What each file holds and what a reader must return from it: README.md and truth*.yaml.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import io
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import wordml  # noqa: E402  (a sibling module, not a package)
from wordml import (  # noqa: E402
    append_paragraph_xml,
    del_xml,
    field_xml,
    ins_xml,
    mark_paragraph,
    normalize_zip,
    run_xml,
    save_docx,
    set_numbering,
    textbox_run_xml,
)

SOURCES = HERE / "sources"


def lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


def new_document() -> docx.Document:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    return document


def add_title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True


# --- A.1 the year's records ------------------------------------------------------------------

def build_taizhang(out: Path) -> None:
    """台账: a title, a two-column table (时间 | 工作内容), a closing paragraph — as such
    ledgers are usually kept in Word."""
    rows = lines("taizhang-2024.txt")
    document = new_document()
    add_title(document, rows[0])
    body = [r.split("\t") for r in rows[1:] if "\t" in r]
    table = document.add_table(rows=len(body), cols=2)
    table.style = "Table Grid"
    for r, (when, what) in enumerate(body):
        table.cell(r, 0).text = when
        table.cell(r, 1).text = what
    document.add_paragraph(rows[-1])
    save_docx(document, out / "taizhang-2024.docx")


def build_plain_docx(source: str, target: Path) -> None:
    """One paragraph per line of the source; the first line is the title."""
    rows = lines(source)
    document = new_document()
    add_title(document, rows[0])
    for row in rows[1:]:
        document.add_paragraph(row)
    save_docx(document, target)


def build_gbk_text(source: str, target: Path) -> None:
    """A record saved by Notepad on a Chinese Windows: GB18030, CRLF line ends."""
    text = (SOURCES / source).read_text(encoding="utf-8").replace("\n", "\r\n")
    target.write_bytes(text.encode("gb18030"))


def section_headings() -> dict[str, str]:
    """id → heading of every section of prompts/shudeshulian: the 部分 column holds headings."""
    import yaml

    template = yaml.safe_load((HERE.parents[2] / "prompts/shudeshulian/template.yaml").read_text(encoding="utf-8"))
    found = {}
    for section in template["sections"]:
        found[section["id"]] = section["heading"]
        found.update({child["id"]: child["heading"] for child in section.get("children", [])})
    return found


# Sheet 1, clean: 名称 / 数值 / 单位 / 部分. A value of None is a cell the unit left empty.
INDICATORS = [
    ("交流分享", 3, "次", "study"),
    ("讲党课", 3, "次", "study"),
    ("理论学习组集中学习", 12, "次", "political"),
    ("支委会第一议题学习", 14, "次", "political"),
    ("全体党员集中学习", 11, "次", "political"),
    ("党员学习率", 100, "%", "political"),
    ("各类党建专题会议", 5, "次", "responsibility"),
    ("签订党风廉政建设责任书", 8, "份", "responsibility"),
    ("每日进馆人次", 2800, "人次", "integration"),
    ("数字资源访问量", 126.5, "万次", "integration"),
    ("阅读分享会", 5, "场", "brand"),
    ("主题党日活动", 12, "次", "brand"),
    ("我为师生办实事项目", 4, "项", "brand"),
    ("发展党员", 2, "名", "team"),
    ("入党积极分子", 3, "名", "team"),
    ("个别廉政谈话", 26, "人次", "safety"),
    ("警示教育", 4, "次", "safety"),
    ("媒体报道", None, "篇", "safety"),
]

# Sheet 2, as units really fill them: (序号, 类别, 工作项目, 次数, 参与人数, 备注) from row 5.
# Strings are numbers stored as text (one with spaces, one with its unit), "—" means none,
# None is an empty row.
RAW_ROWS = [
    (1, "组织生活", "支部党员大会", "4", 92, None),
    (2, None, "支委会", 12, 60, "含第一议题学习"),
    (3, None, "主题党日", " 12 ", 286, "详见临院党〔2024〕3号文件"),
    None,
    (4, "教育培训", "专题党课", 3, 75, None),
    (5, None, "警示教育", "4次", 88, "第一季度未开展"),
    None,
    (6, "廉政建设", "个别廉政谈话", "—", 26, "谈话对象为重点岗位人员"),
    (7, None, "廉政主题教育", 3, 69, None),
]


def build_indicators(out: Path) -> None:
    headings = section_headings()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "重点指标"
    sheet.append(["名称", "数值", "单位", "部分"])
    for name, value, unit, section in INDICATORS:
        sheet.append([name, value, unit, headings[section]])
    for column, width in zip("ABCD", (26, 10, 8, 44)):
        sheet.column_dimensions[column].width = width

    raw = workbook.create_sheet("统计表（原始）")
    raw["A1"] = "临江学院图书馆直属党支部2024年度党建重点工作统计表"
    raw.merge_cells("A1:F1")
    raw["A1"].font = Font(bold=True, size=14)
    raw["A1"].alignment = Alignment(horizontal="center")
    raw["A2"] = "填报单位：图书馆直属党支部        填报时间：2024年12月30日        联系电话：0578-2271035"
    raw.merge_cells("A2:F2")
    for cell, text in {"A3": "序号", "B3": "类别", "C3": "工作项目", "D3": "完成情况", "F3": "备注",
                       "D4": "次数（次）", "E4": "参与人数（人次）"}.items():
        raw[cell] = text
    for span in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"):
        raw.merge_cells(span)
    row = 5
    for entry in RAW_ROWS:
        if entry is not None:
            for column, value in zip("ABCDEF", entry):
                if value is not None:
                    raw[f"{column}{row}"] = value
        row += 1
    for span in ("B5:B7", "B9:B10", "B12:B13"):  # 类别 merged down its rows
        raw.merge_cells(span)
    raw[f"A{row}"] = "合计"
    raw.merge_cells(f"A{row}:C{row}")
    raw[f"D{row}"] = 38   # pasted as values, as such totals usually are
    raw[f"E{row}"] = 696
    raw[f"A{row + 2}"] = "注：1.本表数据截至2024年12月25日；2.第一议题学习情况见支委会记录。"
    raw.merge_cells(f"A{row + 2}:F{row + 2}")
    save_xlsx(workbook, out / "zhibiao-2024.xlsx")

    # The same clean table as Excel's "CSV（逗号分隔）" writes it on a Chinese Windows: GBK.
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["名称", "数值", "单位", "部分"])
    for name, value, unit, section in INDICATORS:
        writer.writerow([name, "" if value is None else value, unit, headings[section]])
    (out / "zhibiao-2024.csv").write_bytes(text.getvalue().encode("gbk"))


def save_xlsx(workbook, path: Path) -> None:
    from datetime import datetime

    workbook.properties.creator = "临江学院"
    workbook.properties.lastModifiedBy = "临江学院"
    workbook.properties.created = workbook.properties.modified = datetime(2025, 1, 8, 9, 0, 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = normalize_zip(buffer.getvalue())
    # openpyxl writes <dcterms:modified> from the clock, whatever the property says.
    path.write_bytes(_fix_xlsx_modified(data))


def _fix_xlsx_modified(data: bytes) -> bytes:
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-08T09:00:00Z", blob)
            dst.writestr(info, blob)
    return out.getvalue()


# --- A.2 Word XML edge cases -----------------------------------------------------------------

REPORT_LEVELS = [  # 一、 → （一） → 1. → （1）, the numbering of Chinese official reports
    {"fmt": "chineseCountingThousand", "text": "%1、", "suff": "nothing"},
    {"fmt": "chineseCounting", "text": "（%2）", "suff": "nothing"},
    {"fmt": "decimal", "text": "%3.", "suff": "space"},
    {"fmt": "decimal", "text": "（%4）", "suff": "nothing"},
]

NUMBERED_REPORT = [  # (level or None for a body paragraph, text)
    (None, "2024年述德述廉述职报告"),
    (None, "2024年，我坚持以习近平新时代中国特色社会主义思想为指导，现将履职情况报告如下。"),
    (0, "加强学习，提高政治站位"),
    (None, "全年参加理论学习组集中学习12次，讲党课3次。"),
    (0, "认真履职，提高党建水平"),
    (1, "从严抓学习入手，持续加强党的政治建设"),
    (2, "落实第一议题制度"),
    (3, "支委会第一议题学习14次"),
    (3, "全体党员集中学习11次"),
    (2, "开展专题研讨"),
    (1, "从真抓实干入手，扎实履行抓党建第一责任人职责"),
    (1, "从除险保安入手，创设清廉和谐大环境"),
    (0, "自省自律，筑牢防腐堤坝"),
    (None, "严格贯彻中央八项规定精神，不存在违规兼职、违规借贷等情况。"),
    (0, "盘点不足，明确努力方向"),
    (1, "存在的不足"),
    (1, "努力方向"),
]


def numbered_document(entries=NUMBERED_REPORT):
    """Level-1 headings numbered through a paragraph style (as house templates do), the
    lower levels through numPr on the paragraph itself."""
    document = new_document()
    num_id = wordml.add_abstract_num(document, 20, REPORT_LEVELS)
    style = document.styles.add_style("述职一级标题", 1)  # 1 = paragraph style
    style.base_style = document.styles["Normal"]
    style.font.bold = True
    set_numbering(style.element, num_id, 0)
    for level, text in entries:
        if level is None:
            document.add_paragraph(text)
        elif level == 0:
            document.add_paragraph(text, style="述职一级标题")
        else:
            paragraph = document.add_paragraph(text)
            set_numbering(paragraph._p, num_id, level)
    return document


def build_numbering(out: Path) -> None:
    save_docx(numbered_document(), out / "numbering.docx")


def build_revisions(out: Path) -> None:
    document = new_document()
    document.add_paragraph("2024年述职述廉报告")
    append_paragraph_xml(document, run_xml("一年来，我深入学习贯彻党的二十大和二十届") + del_xml("二中")
                         + ins_xml("二中、三中") + run_xml("全会精神。"))
    append_paragraph_xml(document, f'<w:ins w:id="11" w:author="{wordml.AUTHOR}" w:date="{wordml.REV_DATE}">'
                         + run_xml("扎实开展党纪学习教育，组织《条例》逐章学习6次。") + "</w:ins>",
                         mark_paragraph("ins"))
    append_paragraph_xml(document, f'<w:del w:id="12" w:author="{wordml.AUTHOR}" w:date="{wordml.REV_DATE}">'
                         + run_xml("认真学习十九届六中全会精神。", deleted=True) + "</w:del>",
                         mark_paragraph("del"))
    append_paragraph_xml(document, run_xml("全年讲党课") + del_xml("3") + ins_xml("4") + run_xml("次，")
                         + run_xml("开展廉政谈话26人次。"))
    move = f'w:author="{wordml.AUTHOR}" w:date="{wordml.REV_DATE}"'
    append_paragraph_xml(document, run_xml("严格落实意识形态工作责任制。")
                         + f'<w:moveFromRangeStart w:id="13" w:name="move1" {move}/>'
                         + f'<w:moveFrom w:id="14" {move}>' + run_xml("每半年开展一次分析研判。") + "</w:moveFrom>"
                         + '<w:moveFromRangeEnd w:id="13"/>')
    append_paragraph_xml(document, f'<w:moveToRangeStart w:id="15" w:name="move1" {move}/>'
                         + f'<w:moveTo w:id="16" {move}>' + run_xml("每半年开展一次分析研判。") + "</w:moveTo>"
                         + '<w:moveToRangeEnd w:id="15"/>' + run_xml("完成巡察整改任务。"))
    append_paragraph_xml(document, '<w:r><w:rPr><w:b/><w:rPrChange w:id="17" ' + move
                         + '><w:rPr/></w:rPrChange></w:rPr><w:t>不存在违规兼职、违规借贷等情况。</w:t></w:r>')
    save_docx(document, out / "revisions.docx")


def build_tables(out: Path) -> None:
    document = new_document()
    document.add_paragraph("一、基本情况")
    document.add_paragraph("全年主要工作指标如下：")
    simple = document.add_table(rows=4, cols=2)
    simple.style = "Table Grid"
    for r, (name, value) in enumerate([("指标", "完成情况"), ("召开支委会", "12次"),
                                       ("讲党课", "3次"), ("发展党员", "2名")]):
        simple.cell(r, 0).text, simple.cell(r, 1).text = name, value
    document.add_paragraph("二、党小组情况")
    document.add_paragraph("各党小组组织生活情况统计：")
    merged = document.add_table(rows=5, cols=4)
    merged.style = "Table Grid"
    cells = [["党小组", "党员人数", "组织生活", ""],
             ["", "", "次数", "参加人次"],
             ["第一党小组", "8", "12", "96"],
             ["第二党小组", "7", "12", "84"],
             ["合计", "15", "24", "180"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            merged.cell(r, c).text = text
    merged.cell(0, 2).merge(merged.cell(0, 3))  # w:gridSpan="2"
    merged.cell(0, 0).merge(merged.cell(1, 0))  # w:vMerge restart / continue
    merged.cell(0, 1).merge(merged.cell(1, 1))
    for cell in (merged.cell(0, 0), merged.cell(0, 1), merged.cell(0, 2)):
        for extra in cell.paragraphs[1:]:  # merge() leaves the absorbed cell's empty paragraph
            extra._p.getparent().remove(extra._p)
    document.add_paragraph("三、下一步打算")
    save_docx(document, out / "tables.docx")


def build_textbox(out: Path) -> None:
    document = new_document()
    document.add_paragraph("2024年度述职报告")
    append_paragraph_xml(document, run_xml("一、政治学习") + textbox_run_xml(["【要点】", "全年理论学习12次"]))
    document.add_paragraph("本人坚持读原著学原文悟原理，撰写心得体会2篇。")
    save_docx(document, out / "textbox.docx")


def build_ignored_parts(out: Path) -> None:
    """Headers, footers (with a PAGE field) and comments hold text that is not the report;
    content controls, hyperlinks, proofing marks and field results are the report."""
    document = new_document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "临江学院图书馆直属党支部  2024年度述职材料"
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">第 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> 页</w:t></w:r>'))

    document.add_paragraph("2024年述德述廉述职报告")
    commented = document.add_paragraph()
    run = commented.add_run("全年召开意识形态专题会议4次，开展分析研判2次。")
    comment = document.add_comment(run, text="建议补充分析研判的具体内容", author="组织部", initials="ZZB")
    comment._comment_elm.set(qn("w:date"), wordml.REV_DATE)  # python-docx stamps the clock
    append_paragraph_xml(document, run_xml("详见学校党委")
                         + '<w:hyperlink w:anchor="_附件1" w:history="1">' + run_xml("附件1") + "</w:hyperlink>"
                         + run_xml("，本人") + '<w:proofErr w:type="spellStart"/>' + run_xml("如实")
                         + '<w:proofErr w:type="spellEnd"/>' + run_xml("报告个人有关事项。"))
    append_paragraph_xml(document, run_xml("本报告共") + field_xml("NUMPAGES", "1") + run_xml("页。"))
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="述职人"/><w:id w:val="31"/></w:sdtPr>'
                    f'<w:sdtContent><w:p>{run_xml("述职人：周文涛")}</w:p></w:sdtContent></w:sdt>')
    document.element.body.find(qn("w:sectPr")).addprevious(sdt)
    append_paragraph_xml(document, '<w:sdt><w:sdtPr><w:date w:fullDate="2025-01-08T00:00:00Z">'
                         '<w:dateFormat w:val="yyyy年M月d日"/></w:date></w:sdtPr>'
                         f'<w:sdtContent>{run_xml("2025年1月8日")}</w:sdtContent></w:sdt>')
    save_docx(document, out / "ignored-parts.docx")


# --- A.3 bad input ---------------------------------------------------------------------------

BOMB_SPACES = 100 * 1024 * 1024


def build_bad(out: Path, word: Path) -> None:
    # Encrypted with a password (ECMA-376 agile encryption, as Office's 用密码进行加密 does):
    # an OLE compound file, not a zip. The salt is random, so this file differs per build.
    from msoffcrypto.format.ooxml import OOXMLFile

    with (word / "tables.docx").open("rb") as plain, (out / "encrypted.docx").open("wb") as target:
        OOXMLFile(plain).encrypt("1234", target)

    # A zip bomb: a well-formed .docx whose document.xml expands to 100 MB (~100 KB stored).
    source = zipfile.ZipFile(word / "tables.docx")
    with zipfile.ZipFile(out / "zip-bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, wordml.FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != "word/document.xml":
                bomb.writestr(entry, source.read(info.filename))
                continue
            with bomb.open(entry, "w") as stream:
                stream.write(f'<w:document {nsdecls("w")}><w:body><w:p><w:r><w:t xml:space="preserve">'.encode())
                chunk = b" " * (1024 * 1024)
                for _ in range(BOMB_SPACES // len(chunk)):
                    stream.write(chunk)
                stream.write(b"</w:t></w:r></w:p></w:body></w:document>")

    (out / "png-named.docx").write_bytes(_png())
    (out / "text-named.docx").write_bytes("这不是Word文档，是改了扩展名的文本文件。\r\n".encode("gb18030"))
    data = (word / "tables.docx").read_bytes()
    (out / "truncated.docx").write_bytes(data[: len(data) * 6 // 10])  # an interrupted download
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    save_xlsx(workbook, out / "empty.xlsx")


def _png() -> bytes:
    """A real 8×8 grey PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\x80" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# --- A.4 old formats through LibreOffice -----------------------------------------------------

def build_old(out: Path, word: Path) -> None:
    """old/report.docx (auto-numbered headings and a table) → .doc, .rtf, .odt by soffice.
    LibreOffice cannot write WPS's .wps; report.wps is report.doc renamed (WPS saves the
    same Word 97–2003 binary under that name), not a file WPS wrote."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("old/: soffice not found (apt-get install -y libreoffice-writer-nogui)")
    document = numbered_document(NUMBERED_REPORT[:5] + [(None, "全年主要工作指标如下：")])
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for r, (name, value) in enumerate([("指标", "完成情况"), ("召开支委会", "12次"), ("发展党员", "2名")]):
        table.cell(r, 0).text, table.cell(r, 1).text = name, value
    document.add_paragraph("以上报告，请批评指正。")
    out.mkdir(exist_ok=True)
    save_docx(document, out / "report.docx")
    with tempfile.TemporaryDirectory() as profile:
        for fmt in ("doc", "rtf", "odt"):
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", fmt, "--outdir", str(out), str(out / "report.docx")],
                           check=True, timeout=180, capture_output=True)
    shutil.copyfile(out / "report.doc", out / "report.wps")


# --- main ------------------------------------------------------------------------------------

def build(root: Path, old: bool) -> None:
    word, bad = root / "word", root / "bad"
    for folder in (word, bad):
        folder.mkdir(parents=True, exist_ok=True)
    build_taizhang(root)
    build_plain_docx("zongjie-2024-06.txt", root / "zongjie-2024-06.docx")
    build_plain_docx("huiyi-2024-03-12.txt", root / "huiyi-2024-03-12.docx")
    build_gbk_text("zongjie-2024-11.txt", root / "zongjie-2024-11.txt")
    build_indicators(root)
    build_numbering(word)
    build_revisions(word)
    build_tables(word)
    build_textbox(word)
    build_ignored_parts(word)
    build_bad(bad, word)
    if old:
        build_old(root / "old", word)


# Files that cannot be byte-equal between builds (random salt; LibreOffice stamps dates).
UNSTABLE = {"bad/encrypted.docx"}


def check_truth() -> list[str]:
    """Every quote of truth.yaml is in the line or cell it names, and holds the figure's value."""
    import re

    import yaml

    problems = []
    for entry in yaml.safe_load((HERE / "truth.yaml").read_text(encoding="utf-8"))["files"]:
        if "source" in entry:
            text = (SOURCES / Path(entry["source"]).name).read_text(encoding="utf-8").splitlines()
            for item in entry.get("figures", []) + entry.get("distractors", []):
                where = f'{entry["file"]}:{item["line"]}'
                if item["quote"] not in text[item["line"] - 1]:
                    problems.append(f"{where}: “{item['quote']}” not in that line")
                if "value" in item and item["value"] is not None:
                    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", item["quote"])]
                    if float(item["value"]) not in numbers:
                        problems.append(f"{where}: {item['value']} not in “{item['quote']}”")
        for sheet in entry.get("sheets", []):
            cells = openpyxl.load_workbook(HERE / entry["file"])[sheet["name"]]
            for item in sheet["figures"]:
                cell = cells[f'{item.get("column", "B")}{item["row"]}'].value
                shown = item.get("cell", item["value"])
                if cell != shown:
                    problems.append(f'{entry["file"]}[{sheet["name"]}] row {item["row"]}: {cell!r} ≠ {shown!r}')
                if "column" not in item and cells[f'A{item["row"]}'].value != item["name"]:
                    problems.append(f'{entry["file"]}[{sheet["name"]}] row {item["row"]}: name ≠ {item["name"]}')
            for item in sheet["distractors"]:
                if item["quote"] not in str(cells[f'{item["column"]}{item["row"]}'].value):
                    problems.append(f'{entry["file"]}[{sheet["name"]}] {item["column"]}{item["row"]}: no “{item["quote"]}”')
    return problems


def check() -> int:
    problems = check_truth()
    for problem in problems:
        print(f"truth.yaml: {problem}")
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), old=False)
        built = sorted(p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*") if p.is_file())
        stale = [name for name in built if name not in UNSTABLE
                 and not ((HERE / name).exists() and filecmp.cmp(Path(tmp) / name, HERE / name, shallow=False))]
    for name in stale:
        print(f"out of date: tests/data/records/{name}")
    return 1 if stale or problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", action="store_true", help="also build old/ with LibreOffice")
    parser.add_argument("--check", action="store_true", help="rebuild in a temp dir and compare")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    build(HERE, old=args.old)


if __name__ == "__main__":
    main()
