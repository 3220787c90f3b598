"""missing-element on hand-labelled reports: precision and recall, overall and per report type.

    python bench/missing_element.py DIR            # DIR: a corpus split of <id>.txt + <id>.yaml
    python bench/missing_element.py DIR --list     # also every false finding and missed label

Each report is checked as a user would check it (no --template; the labelled year as --year),
with the missing-element rule only. A finding is true when its element id — read from the
template the checker picked, by the finding's name — equals the key of one of the report's
missing-element labels (tests/data/corpus conventions). Run it with another checkout's src/
first on PYTHONPATH to compare before and after on the same reports.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

# ids of elements in templates written before the shared keys were fixed
LEGACY_IDS = {"clean-governance": "integrity", "next-steps": "plans", "rule-of-law": "law",
              "no-violations": "integrity"}


def load(folder: Path) -> list[tuple[str, str, dict]]:
    if "heldout" in folder.parts:
        raise SystemExit("the heldout split is for the final benchmark only")
    return [(p.stem, p.read_text(encoding="utf-8"), yaml.safe_load(p.with_suffix(".yaml").read_text("utf-8")))
            for p in sorted(folder.glob("*.txt"))]


def element_ids(text: str, findings) -> list[str | None]:
    from shuzhi.checker import pick_template
    from shuzhi.checker.document import Document
    from shuzhi.templates import list_templates

    picked = pick_template(Document(text).title)
    out = []
    for finding in findings:
        found = None
        for template in ([picked] if picked else []) + list_templates():
            found = found or next((e.id for e in template.elements if e.name == finding.text), None)
        out.append(LEGACY_IDS.get(found, found))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    from shuzhi.checker import check_text

    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lines = []
    for name, text, meta in load(args.corpus):
        labels = {d["text"] for d in meta.get("defects") or [] if d.get("rule") == "missing-element"}
        findings = check_text(text, year=meta.get("year"), rules=["missing-element"])
        ids = element_ids(text, findings)
        for group in ("全部", meta.get("template") or "（无类型）"):
            t = tallies[group]
            t["reports"] += 1
            t["labels"] += len(labels)
            t["found"] += len(labels & set(ids))
            for finding, key in zip(findings, ids):
                right = key in labels
                t["findings"] += 1
                t["true"] += right
                t["errors"] += finding.severity == "error"
                t["true_errors"] += right and finding.severity == "error"
                t["clean_errors"] += meta.get("clean") is True and finding.severity == "error"
        for finding, key in zip(findings, ids):
            if key not in labels:
                lines.append(f"  false  {finding.severity:<7} {name} {finding.text}")
        for key in sorted(labels - set(ids)):
            lines.append(f"  missed         {name} {key}")

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "—"

    print(f"{'类型':<18}{'报告':>4}{'标注':>5}{'发现':>5}{'精确率':>8}{'错误级精确率':>10}{'召回率':>8}{'干净报告误报错误':>12}")
    for group, t in sorted(tallies.items(), key=lambda kv: kv[0] != "全部"):
        print(f"{group:<18}{t['reports']:>5}{t['labels']:>6}{t['findings']:>6}"
              f"{ratio(t['true'], t['findings']):>10}{ratio(t['true_errors'], t['errors']):>12}"
              f"{ratio(t['found'], t['labels']):>10}{t['clean_errors']:>12}")
    if args.list:
        print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
