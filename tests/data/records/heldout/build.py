"""Builds huodong-2024.docx (a 3-column activity ledger) deterministically; the other
held-out records are text. Run: .venv/bin/python tests/data/records/heldout/build.py"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from wordml import save_docx  # noqa: E402

ROWS = [("日期", "活动内容", "参加人数（人）"),
        ("7月1日", "庆祝建党103周年主题党日，重温入党誓词", "21"),
        ("7月18日", "赴嘉兴南湖开展红色教育", "18"),
        ("8月", "暑期无集中活动", "—"),
        ("9月10日", "教师节慰问老党员", "6")]


def main() -> None:
    document = docx.Document()
    document.add_paragraph("2024年下半年支部活动登记表")
    table = document.add_table(rows=0, cols=3)
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    document.add_paragraph("本表由支部组织委员填写，共开展集中活动3次。")
    save_docx(document, HERE / "huodong-2024.docx")


if __name__ == "__main__":
    main()
