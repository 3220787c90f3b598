"""The .docx export read back the way Word would: page, fonts, spacing, page numbers, signature.

Also the ``shuzhi export`` command: inputs of every kind, safe default names, a full disk,
and one page rendered through LibreOffice to a PNG.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from shuzhi import export
from shuzhi.draft import Draft
from shuzhi.export.names import export_filename, safe_stem
from shuzhi.facts import load_facts
from shuzhi.readers import read_report

DATA = Path(__file__).parent / "data"


@pytest.fixture
def draft(offline_draft) -> Draft:
    return offline_draft(load_facts(DATA / "facts-2023.yaml"))


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def east_asia(paragraph) -> set[str]:
    return {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in paragraph.runs}


def by_text(document, text: str):
    return next(p for p in document.paragraphs if p.text.startswith(text))


def test_page_is_a4_with_official_margins(draft):
    section = open_docx(export.render(draft, "docx")).sections[0]
    mm = lambda length: round(length / Mm(1))  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(section.top_margin), mm(section.bottom_margin),
            mm(section.left_margin), mm(section.right_margin)] == [37, 35, 28, 26]


def test_title_body_and_headings_fonts(draft):
    document = open_docx(export.render(draft, "docx"))
    title = document.paragraphs[0]
    assert title.text == "2023年述德述廉述职报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title) == {"方正小标宋简体"} and title.runs[0].font.size == Pt(22)

    body = by_text(document, "2023年，我坚持以习近平新时代中国特色社会主义思想为指导")
    fmt = body.paragraph_format
    assert east_asia(body) == {"仿宋_GB2312"} and body.runs[0].font.size == Pt(16)
    assert fmt.first_line_indent == Pt(32)
    assert body._element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert (fmt.line_spacing_rule, fmt.line_spacing) == (WD_LINE_SPACING.EXACTLY, Pt(28))
    assert fmt.widow_control is False  # else Word moves lines and a page holds fewer than 22

    level1 = by_text(document, "一、加强学习，提高政治站位")
    assert east_asia(level1) == {"黑体"} and level1.runs[0].font.size == Pt(16)
    level2 = by_text(document, "（一）从严抓学习入手")
    assert east_asia(level2) == {"楷体_GB2312"} and level2.runs[0].font.size == Pt(16)
    assert level2.paragraph_format.line_spacing == Pt(28)


def test_east_asian_fonts_are_in_the_raw_xml(draft, tmp_path):
    """What Word and WPS read: w:rFonts/@w:eastAsia on the runs and in the Normal style."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(export.render(draft, "docx"))) as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"):
        assert f'w:eastAsia="{font}"' in document
    assert 'w:eastAsia="仿宋_GB2312"' in styles


def test_page_numbers_are_page_fields_in_both_footers(draft):
    import zipfile

    data = export.render(draft, "docx")
    document = open_docx(data)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"  # the field's cached result between the dashes
        xml = paragraph._element.xml
        assert "PAGE" in "".join(t.text for t in paragraph._element.iter(qn("w:instrText")))
        assert [c.get(qn("w:fldCharType")) for c in paragraph._element.iter(qn("w:fldChar"))] == \
            ["begin", "separate", "end"]
        assert 'w:eastAsia="宋体"' in xml and all(r.font.size == Pt(14) for r in paragraph.runs)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        assert len(footers) == 2
        assert all("PAGE" in package.read(n).decode() for n in footers)


def test_signature_and_date_right_aligned_at_the_end(draft):
    document = open_docx(export.render(draft, "docx"))
    name, date = document.paragraphs[-2:]
    assert (name.text, date.text) == ("李华", "2024年1月10日")
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert east_asia(name) == {"仿宋_GB2312"}


def test_no_date_in_the_facts_leaves_the_date_line_empty(draft):
    draft.facts.date = None
    document = open_docx(export.render(draft, "docx"))
    assert [p.text for p in document.paragraphs[-2:]] == ["李华", ""]


def test_exported_docx_reads_back_as_the_report(draft, tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(export.render(draft, "docx"))
    lines = read_report(path).split("\n")
    assert lines[: len(draft.assemble().split("\n")) - 1] == draft.assemble().split("\n")[:-1]
    assert lines[-2:] == ["李华", "2024年1月10日"]


def test_heading_with_its_text_on_one_line_stays_one_paragraph():
    from shuzhi.outline import report_to_draft

    text = (DATA / "messy-2023.txt").read_bytes().decode("utf-8")
    document = open_docx(export.render(report_to_draft(text), "docx"))
    paragraph = by_text(document, "(一)压紧压实责任。")
    assert paragraph.text == "(一)压紧压实责任。全年召开党风廉政建设专题会议4次，签订责任书25份。"
    assert [r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in paragraph.runs] == ["楷体_GB2312", "仿宋_GB2312"]


# --- the command ------------------------------------------------------------------------------

def test_export_plain_report_to_docx_named_after_its_title(cli, samples, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export", samples / "report-2022.txt")
    assert result.exit_code == 0, result.output
    out = tmp_path / "2022年述德述廉述职报告.docx"
    document = docx.Document(out)
    assert document.paragraphs[0].text == "2022年述德述廉述职报告"
    assert east_asia(by_text(document, "一、加强学习")) == {"黑体"}
    # no facts and no signature in the text: a visible gap, never an invented name
    assert document.paragraphs[-2].text == "【待补充：署名】"


@pytest.mark.parametrize("source", ["txt", "md", "docx", "json"])
def test_export_each_input_kind(cli, draft, tmp_path, source):
    path = tmp_path / f"in.{source}"
    if source == "json":
        path.write_bytes(export.render(draft, "json"))
    else:
        path.write_bytes(export.render(draft, source))
    out = tmp_path / "out.md"
    result = cli("export", path, "--out", out)
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 2023年述德述廉述职报告\n")
    assert "## 一、加强学习，提高政治站位" in md and "### （六）从除险保安入手，创设清廉和谐大环境" in md
    assert md == export.render(draft, "md").decode("utf-8")  # nothing lost or escaped twice on the way


def test_export_to_stdout_and_facts_give_the_signature(cli, samples):
    result = cli("export", samples / "report-2022.txt", "--format", "txt", "--out", "-")
    assert result.exit_code == 0
    assert result.stdout == (samples / "report-2022.txt").read_text(encoding="utf-8")


def test_export_signature_from_facts(cli, samples, tmp_path):
    out = tmp_path / "a.docx"
    result = cli("export", samples / "report-2022.txt", "--facts", DATA / "facts-2023.yaml", "--out", out)
    assert result.exit_code == 0
    assert [p.text for p in docx.Document(out).paragraphs[-2:]] == ["李华", "2024年1月10日"]


def test_export_into_a_directory_uses_a_sanitised_title(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2023年/述职\x07报告:..\\草稿\n\n一、加强学习\n正文。\n", encoding="utf-8")
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = cli("export", report, "--out", outdir)
    assert result.exit_code == 0, result.output
    assert [p.name for p in outdir.iterdir()] == ["2023年_述职报告_.._草稿.docx"]


@pytest.mark.parametrize("title, stem", [
    ("2023年述德述廉述职报告", "2023年述德述廉述职报告"),
    ("../../etc/passwd", "etc_passwd"),
    ("a/b\\c", "a_b_c"),
    ("报告\x00\x1f\x7f名", "报告名"),
    ("  ..隐藏  ", "隐藏"),
    ("", "述职报告"),
    ("CON", "述职报告_CON"),
    ("长" * 200, "长" * 60),
])
def test_safe_stem(title, stem):
    assert safe_stem(title) == stem
    assert "/" not in export_filename(title, "docx") and "\\" not in export_filename(title, "docx")


def test_full_disk_leaves_no_half_written_file(cli, samples, tmp_path, monkeypatch):
    """ENOSPC while writing: exit 2 with one line, the old file intact, no temp file left."""
    out = tmp_path / "report.docx"
    out.write_bytes(b"last good export")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r": FullDisk(real_fdopen(fd, mode)))
    result = cli("export", samples / "report-2022.txt", "--out", out)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "磁盘空间不足" in result.stderr
    assert out.read_bytes() == b"last good export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


@pytest.mark.parametrize("content", [b"plain text renamed to docx\n", os.urandom(4096)])
def test_export_refuses_a_file_that_is_not_docx(shuzhi_proc, tmp_path, content):
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    proc = shuzhi_proc("export", path, "--out", tmp_path / "out.docx")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "不是有效的 Word 文档" in proc.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "不是有效的草稿文件"), (json.dumps({"title": "x"}), "不是有效的草稿文件")])
def test_export_refuses_a_bad_draft_json(cli, tmp_path, content, message):
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    result = cli("export", path, "--out", tmp_path / "o.docx")
    assert result.exit_code == 2 and message in result.stderr


def test_export_into_a_missing_folder_names_it(cli, samples, tmp_path):
    result = cli("export", samples / "report-2022.txt", "--out", tmp_path / "no" / "such" / "a.docx")
    assert result.exit_code == 2 and f"{tmp_path / 'no' / 'such'}”不存在" in result.stderr
    assert ".shuzhi-" not in result.stderr


def test_export_will_not_overwrite_its_input(cli, tmp_path, draft):
    path = tmp_path / "r.docx"
    path.write_bytes(export.render(draft, "docx"))
    before = path.read_bytes()
    result = cli("export", path, "--out", path)
    assert result.exit_code == 2 and path.read_bytes() == before


@pytest.mark.slow
def test_rendered_page_through_libreoffice(samples, tmp_path, offline_draft):
    """The .docx as LibreOffice lays it out: A4, page numbers "— 1 —", the title on page 1,
    22 lines on a full page, the signature on the last."""
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (soffice) or poppler not installed")
    draft = offline_draft(load_facts(samples / "facts-2022.yaml"))
    source = tmp_path / "report.docx"
    source.write_bytes(export.render(draft, "docx"))
    profile = (tmp_path / "lo-profile").as_uri()  # own profile: parallel runs never collide
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])

    def page_text(n: int) -> str:  # pdftotext spaces out Latin next to CJK: compare without spaces
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        return "".join(text.split())

    assert pages >= 3
    assert "2022年述德述廉述职报告" in page_text(1) and "—1—" in page_text(1)
    assert f"—{pages}—" in page_text(pages) and "周立新" in page_text(pages)
    page2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    body_lines = [line for line in page2.split("\n") if line.strip() and not re.fullmatch(r"—\s*2\s*—", line.strip())]
    assert len(body_lines) == 22  # GB/T 9704: 22 lines of 三号 text on a full page
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000  # a page with text on it, not a blank
    keep = os.environ.get("SHUZHI_KEEP_RENDER")
    if keep:  # to look at the page: SHUZHI_KEEP_RENDER=/tmp/page.png pytest -k rendered
        shutil.copy(png, keep)


def test_markdown_export_reads_back_with_masked_figures(cli, samples, tmp_path):
    """The sample's ** and *+* survive txt → md → txt (our md escapes them as \\*\\*)."""
    md = tmp_path / "r.md"
    assert cli("export", samples / "report-2022.txt", "--out", md).exit_code == 0
    assert "\\*\\*" in md.read_text(encoding="utf-8")
    back = cli("export", md, "--format", "txt", "--out", "-")
    assert back.stdout == (samples / "report-2022.txt").read_text(encoding="utf-8")
