"""Old and other formats as users have them, made at test time by LibreOffice from a .docx
(LibreOffice is installed by scripts/test.sh): .doc, .wps (a .doc under WPS's name), .rtf,
.odt through ``soffice --convert-to docx``; a text PDF through pypdf; a scan refused."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from shuzhi.errors import InputError
from shuzhi.readers import read_bytes, read_document

OLD = Path(__file__).parent / "data" / "records" / "old"
EXPECTED = [
    "2024年述德述廉述职报告",
    "2024年，我坚持以习近平新时代中国特色社会主义思想为指导，现将履职情况报告如下。",
    "一、加强学习，提高政治站位",
    "全年参加理论学习组集中学习12次，讲党课3次。",
    "二、认真履职，提高党建水平",
    "全年主要工作指标如下：",
    "指标\t完成情况",
    "召开支委会\t12次",
    "发展党员\t2名",
    "以上报告，请批评指正。",
]
pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装（scripts/test.sh 会安装）")


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    """old/report.docx saved by LibreOffice as .doc, .rtf, .odt and .pdf, and the .doc as .wps."""
    out = tmp_path_factory.mktemp("old")
    shutil.copy(OLD / "report.docx", out / "report.docx")
    for fmt in ("doc", "rtf", "odt", "pdf"):
        subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out), str(out / "report.docx")],
                       check=True, capture_output=True, timeout=180)
    shutil.copy(out / "report.doc", out / "report.wps")
    return out


def read(path: Path):
    return read_document(read_bytes(path), str(path))


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".odt"])
def test_old_formats_read_like_the_docx(converted, suffix):
    assert read(converted / f"report{suffix}").lines == EXPECTED


def test_rtf_body_and_table_are_read(converted):
    # LibreOffice 7.4's RTF export writes the level text 「%1、」 as 「%1?」: numbers are its loss
    lines = read(converted / "report.rtf").lines
    assert [line for line in lines if not line.startswith(("一", "二"))] == \
        [line for line in EXPECTED if not line.startswith(("一", "二"))]
    assert [line[:1] for line in lines if line.startswith(("一", "二"))] == ["一", "二"]


def test_outline_of_a_doc_finds_its_sections(converted, shuzhi_proc):
    result = shuzhi_proc("outline", converted / "report.doc", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "一、加强学习，提高政治站位" in result.stdout and "二、认真履职，提高党建水平" in result.stdout


def test_text_pdf(converted):
    text = read(converted / "report.pdf").text
    for line in ("2024年述德述廉述职报告", "一、加强学习，提高政治站位", "全年参加理论学习组集中学习12次，讲党课3次。"):
        assert line in text


def test_a_scanned_pdf_is_one_clear_line(tmp_path, shuzhi_proc):
    from pypdf import PdfWriter

    writer = PdfWriter()  # pages with no text layer, as a scanner makes them
    for _ in range(3):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    result = shuzhi_proc("check", path)
    assert result.returncode == 2 and "扫描件" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name, content", [("fake.doc", b"<html>not a word file</html>" * 10),
                                           ("fake.odt", b"PK\x03\x04broken")])
def test_a_file_not_what_its_name_says(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read(path)
    assert "\n" not in str(caught.value) and name in str(caught.value)


def test_without_libreoffice_one_line(tmp_path, shuzhi_proc):
    result = shuzhi_proc("check", OLD / "report.doc", env={"SHUZHI_SOFFICE": "no-such-soffice"})
    assert result.returncode == 2
    assert "需要 LibreOffice" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_hung_libreoffice_is_stopped(tmp_path, monkeypatch):
    hung = tmp_path / "soffice"
    pid_file = tmp_path / "pid"
    hung.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nsleep 60\n")
    hung.chmod(0o755)
    monkeypatch.setenv("SHUZHI_SOFFICE", str(hung))
    monkeypatch.setenv("SHUZHI_SOFFICE_TIMEOUT", "1")
    with pytest.raises(InputError, match="超时"):
        read(OLD / "report.doc")
    pid = int(pid_file.read_text())
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
