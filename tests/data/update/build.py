"""Builds jiguan-shuzhishulian/report-2024.docx — last year's report as a reviewed Word file:
一、 and （一） are Word automatic numbering (numbering.xml), a reviewer's tracked changes are
left unaccepted, a comment and a page header are there to be ignored. Its accepted text, a
paragraph per line (blank lines as empty paragraphs), is exactly report-2024.txt.

    .venv/bin/python tests/data/update/build.py           # build
    .venv/bin/python tests/data/update/build.py --check   # rebuild and compare; check every
                                                          # pair's truth.yaml against its files
"""

from __future__ import annotations

import argparse
import filecmp
import re
import sys
import tempfile
from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "records"))
import wordml  # noqa: E402
from wordml import append_paragraph_xml, del_xml, ins_xml, run_xml, save_docx, set_numbering  # noqa: E402

PAIRS = ("gaoxiao-shudeshulian", "xiangzhen-jiceng", "jiguan-shuzhishulian")
DOCX_PAIR = "jiguan-shuzhishulian"
LEVELS = [{"fmt": "chineseCountingThousand", "text": "%1、", "suff": "nothing"},
          {"fmt": "chineseCounting", "text": "（%2）", "suff": "nothing"}]
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")

# The reviewer's changes, as (accepted text, raw runs): accepting them gives the .txt line.
STUDY = ("坚持把政治建设摆在首位，认真学习习近平新时代中国特色社会主义思想，深入学习党的二十届三中全会精神"
         "和习近平总书记关于就业工作的重要论述，全年参加局党组理论学习中心组扩大学习8次，撰写调研报告2篇。")
REVISED = {
    STUDY: (run_xml("坚持把政治建设摆在首位，认真学习习近平新时代中国特色社会主义思想，")
            + del_xml("学习二十届中央纪委二次全会精神，")
            + run_xml("深入学习党的二十届三中全会精神") + ins_xml("和习近平总书记关于就业工作的重要论述")
            + run_xml("，全年参加局党组理论学习中心组扩大学习") + del_xml("6") + ins_xml("8")
            + run_xml("次，撰写调研报告2篇。")),
}


def build_docx(target: Path) -> None:
    text = (HERE / DOCX_PAIR / "report-2024.txt").read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    num_id = wordml.add_abstract_num(document, 30, LEVELS)
    document.sections[0].header.paragraphs[0].text = "江州市人力资源和社会保障局  干部年度考核材料"
    for line in text:
        if line == text[0]:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).bold = True
        elif LEVEL1.match(line):
            paragraph = document.add_paragraph(LEVEL1.sub("", line))
            set_numbering(paragraph._p, num_id, 0)
        elif LEVEL2.match(line):
            paragraph = document.add_paragraph(LEVEL2.sub("", line))
            set_numbering(paragraph._p, num_id, 1)
            if line.startswith("（一）"):
                comment = document.add_comment(paragraph.runs, text="请核实城镇新增就业数据口径",
                                               author="组织人事处", initials="RS")
                comment._comment_elm.set(qn("w:date"), wordml.REV_DATE)
        elif line.startswith(STUDY):
            append_paragraph_xml(document, REVISED[STUDY] + run_xml(line[len(STUDY):]))
        else:
            document.add_paragraph(line)
    save_docx(document, target)


def check_truth() -> list[str]:
    """Every quote and sentence of each truth.yaml is where it says, and the facts agree."""
    sys.path.insert(0, str(HERE.parents[2] / "src"))
    from shuzhi.facts import Facts

    problems = []
    for pair in PAIRS:
        folder = HERE / pair
        truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
        lines = (folder / truth["last_report"]).read_text(encoding="utf-8").splitlines()
        data = yaml.safe_load((folder / truth["facts"]).read_text(encoding="utf-8"))
        issues = data.pop("previous_issues")
        facts = Facts.model_validate(data)

        def at(line: int, text: str, what: str) -> None:
            if text not in lines[line - 1]:
                problems.append(f"{pair}: {what} “{text}” not on line {line}")

        for item in truth["last_year_sentences"]:
            at(item["line"], item["text"], "sentence")
            for phrase in item.get("must_not_remain", []):
                if phrase not in item["text"]:
                    problems.append(f"{pair}: “{phrase}” not in its sentence")
        for key in ("superseded", "last_year_problems", "last_year_plans", "headings"):
            for item in truth[key]:
                at(item["line"], item.get("text") or item["heading"], key)
        if [i["issue"] for i in issues] != [p["text"] for p in truth["last_year_problems"]]:
            problems.append(f"{pair}: previous_issues ≠ last_year_problems")
        for item in truth["year_on_year"]:
            if item["last_quote"] not in "\n".join(lines):
                problems.append(f"{pair}: last_quote “{item['last_quote']}” not in last year's report")
            figure = facts.section(item["section"]).figure(item["name"])
            if figure is None or figure.value != item["this"] or figure.unit != item["unit"]:
                problems.append(f"{pair}: year_on_year {item['name']} ≠ facts")
        for section, values in truth["must_reach"]["figures"].items():
            if [f.value_text() for f in facts.section(section).figures] != values:
                problems.append(f"{pair}: must_reach figures of {section} ≠ facts")
        for item in truth["must_reach"]["items"]:
            if not any(item["key"] in text for text in facts.section(item["section"]).items):
                problems.append(f"{pair}: item key “{item['key']}” not in facts {item['section']}")
        for field in ("events", "honours", "integrity", "shortcomings", "plans"):
            for item in truth["must_reach"][field]:
                if not any(item["key"] in text for text in getattr(facts, field)):
                    problems.append(f"{pair}: {field} key “{item['key']}” not in facts")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild in a temp dir, compare, check truth")
    args = parser.parse_args()
    target = HERE / DOCX_PAIR / "report-2024.docx"
    if not args.check:
        build_docx(target)
        return
    problems = check_truth()
    with tempfile.TemporaryDirectory() as tmp:
        build_docx(Path(tmp) / "report-2024.docx")
        if not (target.exists() and filecmp.cmp(Path(tmp) / "report-2024.docx", target, shallow=False)):
            problems.append(f"out of date: {target.relative_to(HERE.parents[2])}")
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
