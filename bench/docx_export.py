"""Figures for the Word export, outline parser and update mode on the sample report.

    /work/main/.venv/bin/python bench/docx_export.py [ROUNDS]

Prints milliseconds per call (median of ROUNDS) and the size of the .docx; with LibreOffice
installed, also how long one .docx takes to render to PDF. Nothing here is asserted.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi import export  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.importing import match_sections  # noqa: E402
from shuzhi.outline import parse_outline, report_to_draft  # noqa: E402
from shuzhi.update import update_report  # noqa: E402


def median_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(rounds: int = 20) -> None:
    text = (ROOT / "samples" / "report-2022.txt").read_text(encoding="utf-8")
    facts = load_facts(ROOT / "tests" / "data" / "facts-2023.yaml")
    draft = report_to_draft(text, facts)
    data = export.render(draft, "docx")
    assembled = draft.assemble()
    print(f"sample report: {len(text)} characters, {len(text.splitlines())} lines")
    print(f"parse_outline            {median_ms(lambda: parse_outline(text), rounds):8.2f} ms")
    print(f"report_to_draft          {median_ms(lambda: report_to_draft(text, facts), rounds):8.2f} ms")
    print(f"render docx              {median_ms(lambda: export.render(draft, 'docx'), rounds):8.2f} ms"
          f"   ({len(data) / 1024:.1f} KB)")
    print(f"render txt               {median_ms(lambda: export.render(draft, 'txt'), rounds):8.2f} ms")
    print(f"match_sections (import)  {median_ms(lambda: match_sections(draft, assembled), rounds):8.2f} ms")
    print(f"update_report (offline)  {median_ms(lambda: update_report(text, facts), rounds):8.2f} ms")
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "report.docx"
            source.write_bytes(data)
            start = time.perf_counter()
            subprocess.run(["soffice", f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", tmp, str(source)], check=True, capture_output=True)
            print(f"LibreOffice docx → pdf   {(time.perf_counter() - start) * 1000:8.0f} ms (one run, cold profile)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
