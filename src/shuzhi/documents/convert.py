"""Old and other word-processor formats (.doc, .wps, .rtf, .odt) made .docx by LibreOffice.

``soffice --headless --convert-to docx`` runs in a temporary directory with its own profile
(``-env:UserInstallation``: parallel conversions never share one), under a timeout, in its
own process group so a hung LibreOffice is killed with every child it started. What it
writes is read by the one .docx reader, with the same limits as any .docx.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from shuzhi.errors import InputError

CONVERT_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
TIMEOUT = 120.0  # seconds; a first start with a new profile takes ~5–10 s. SHUZHI_SOFFICE_TIMEOUT overrides
_NAMES = ("soffice", "libreoffice")


def soffice() -> str | None:
    """The LibreOffice program, or None: ``SHUZHI_SOFFICE`` names it, else the PATH."""
    configured = os.environ.get("SHUZHI_SOFFICE")
    if configured is not None:
        return shutil.which(configured)
    return next((found for name in _NAMES if (found := shutil.which(name))), None)


def to_docx(data: bytes, source: str, timeout: float | None = None) -> bytes:
    """The bytes of ``data`` (a .doc/.wps/.rtf/.odt named ``source``) converted to .docx."""
    program = soffice()
    timeout = timeout or float(os.environ.get("SHUZHI_SOFFICE_TIMEOUT") or TIMEOUT)
    suffix = Path(source).suffix.lower()
    if program is None:
        raise InputError(f"{source}: 读取 {suffix} 文件需要 LibreOffice，本机未安装；"
                         "请安装 LibreOffice，或在 Word/WPS 中另存为 .docx 后再导入")
    with tempfile.TemporaryDirectory(prefix="shuzhi-soffice-") as tmp:
        work = Path(tmp)
        original = work / f"input{suffix}"
        original.write_bytes(data)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "docx", "--outdir", str(work / "out"),
                   str(original)]
        failed = InputError(f"{source}: LibreOffice 无法转换此文件（文件可能已损坏，或不是 {suffix} 格式）")
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, start_new_session=True, cwd=tmp,
                                       env={**os.environ, "HOME": tmp})
        except OSError:
            raise InputError(f"{source}: 无法启动 LibreOffice（{program}）") from None
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise InputError(f"{source}: LibreOffice 转换超时（{timeout:.0f} 秒），"
                             "请在 Word/WPS 中另存为 .docx 后再导入") from None
        converted = work / "out" / "input.docx"
        if process.returncode != 0 or not converted.is_file():
            raise failed
        return converted.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
