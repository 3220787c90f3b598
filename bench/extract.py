"""Extraction benchmark: precision and recall of the figures ``shuzhi facts extract`` takes
from the year's records, against the hand-made truth of tests/data/records/truth.yaml.

    python bench/extract.py              # from the repository root (uses src/)
    python bench/extract.py --misses     # also list the figures missed and the false ones

Scoring as tests/data/records/README.md says: a returned figure matches a truth figure when
it comes from the same file and place (line; sheet, row and column — B by default in a
figures table) with the same value and unit; names are not compared. Precision = matches /
figures returned, recall = matches / truth figures; section accuracy = matches whose section
is the truth's ``section`` or one of its ``alt``. Figures are scored as found, one per place
(the same figure in two records is two truth figures); items of the 台账 are scored by line.
The CSV (the sheet 重点指标 saved by Excel) is scored on its own line, not in the total.
``--heldout`` scores tests/data/records/heldout: another unit's records, written with their
truth before the rules ever ran on them, and not tuned on since.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RECORDS = ROOT / "tests" / "data" / "records"


def truth_figures(root: Path = RECORDS) -> dict[str, list[dict]]:
    """file → truth figures, each with a ``key`` (place, value, unit)."""
    truth = yaml.safe_load((root / "truth.yaml").read_text("utf-8"))
    out: dict[str, list[dict]] = {}
    for entry in truth["files"]:
        if "same_as" in entry:  # the CSV: the figures of one sheet, line N = row N
            sheet = next(s for e in truth["files"] if e["file"] == entry["same_as"]["file"]
                         for s in e["sheets"] if s["name"] == entry["same_as"]["sheet"])
            out[entry["file"]] = [dict(f, sheet=None) for f in sheet["figures"]]
            continue
        figures = []
        for sheet in entry.get("sheets", []):
            figures += [dict(f, sheet=sheet["name"]) for f in sheet["figures"]]
        figures += entry.get("figures", [])
        out[entry["file"]] = figures
    for file, figures in out.items():
        for f in figures:
            f["key"] = key(file, f.get("line"), f.get("sheet"), f.get("row"), f.get("column", "B" if f.get("row") else None),
                           f["value"], f["unit"])
    return out


def key(file, line, sheet, row, column, value, unit):
    value = None if value is None else round(float(value), 4)
    return (file, line, sheet, row, column, value, unit)


def found_key(found) -> tuple:
    s, f = found.figure.source, found.figure
    value = f.value if isinstance(f.value, (int, float)) or f.value is None else f"?{f.value}"
    if isinstance(value, str):
        return (s.file, s.line, s.sheet, s.row, s.column, value, f.unit)
    return key(s.file, s.line, s.sheet, s.row, s.column, value, f.unit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list missed and false figures")
    parser.add_argument("--heldout", action="store_true", help="score tests/data/records/heldout instead "
                        "(records the rules were not written against)")
    args = parser.parse_args()
    root = RECORDS / "heldout" if args.heldout else RECORDS

    from shuzhi.extract import extract
    from shuzhi.extract.records import read_record
    from shuzhi.templates import load_template

    truth = truth_figures(root)
    copies = {e["file"] for e in yaml.safe_load((root / "truth.yaml").read_text("utf-8"))["files"] if "same_as" in e}
    template = load_template("shudeshulian")
    started = time.perf_counter()
    records = {name: read_record(root / name) for name in truth}
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    results = {name: extract([record], template, year=2024) for name, record in records.items()}
    extract_seconds = time.perf_counter() - started

    print(f"{'file':<26}{'truth':>6}{'found':>7}{'match':>7}{'precision':>11}{'recall':>8}{'section':>9}")
    total = [0, 0, 0, 0]
    for name, figures in truth.items():
        wanted = {f["key"]: f for f in figures}
        found = results[name].figures
        matched = [f for f in found if found_key(f) in wanted]
        placed = [f for f in matched if f.section in [wanted[found_key(f)]["section"], *wanted[found_key(f)].get("alt", [])]]
        precision = len(matched) / len(found) if found else 1.0
        recall = len({found_key(f) for f in matched}) / len(wanted)
        print(f"{name:<26}{len(wanted):>6}{len(found):>7}{len(matched):>7}{precision:>11.2f}{recall:>8.2f}"
              f"{len(placed) / max(1, len(matched)):>9.2f}")
        if name in copies:
            continue
        for i, n in enumerate((len(wanted), len(found), len(matched), len(placed))):
            total[i] += n
        if args.misses:
            got = {found_key(f) for f in found}
            for f in figures:
                if f["key"] not in got:
                    print(f"    missed  {f['name']} {f['value']}{f['unit']} @{f.get('line') or f.get('row')}")
            for f in found:
                if found_key(f) not in wanted:
                    print(f"    false   {f.figure.name} {f.figure.value}{f.figure.unit} @{f.figure.source.label()}")
                elif f.section not in [wanted[found_key(f)]["section"], *wanted[found_key(f)].get("alt", [])]:
                    print(f"    section {f.figure.name}: {f.section} (truth {wanted[found_key(f)]['section']})")
    want, got, match, placed = total
    print(f"{'all' + (' but copies' if copies else ''):<26}{want:>6}{got:>7}{match:>7}{match / max(1, got):>11.2f}{match / want:>8.2f}"
          f"{placed / max(1, match):>9.2f}")

    if args.heldout:
        print(f"time: reading {read_seconds:.2f} s, extracting {extract_seconds * 1000:.0f} ms")
        return
    items = yaml.safe_load((RECORDS / "truth.yaml").read_text("utf-8"))["files"][0]["items"]
    ledger = [f for f in results["taizhang-2024.docx"].found if f.item is not None]
    by_line = {}
    for f in ledger:
        by_line.setdefault(f.source.line, f.section)
    right = sum(by_line.get(line) == section for line, section in items.items())
    print(f"台账 items: {len(by_line)} of {len(items)} lines made items, {right} in the truth's section "
          f"({right / len(items):.2f})")
    print(f"time: reading {read_seconds:.2f} s (LibreOffice not needed here), extracting {extract_seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
