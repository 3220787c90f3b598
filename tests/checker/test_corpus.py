"""The hand-labelled corpus of realistic reports (tests/data/corpus/): its labels are right, and
the checker meets issue #12's goals on it.

The matching and scoring code is bench/corpus.py's, the same the benchmark prints with
(``python bench/checker.py``), so the test and the figures cannot disagree.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_bench():
    spec = importlib.util.spec_from_file_location("shuzhi_bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


corpus = _load_bench()
REPORTS = {split: corpus.load(split) for split in corpus.SPLITS}
ALL = [r for split in corpus.SPLITS for r in REPORTS[split]]
# Heldout recall is measured, never tuned on (the rule writers do not read that split): the goal
# is open until the rules, generalised from dev, reach it there too. strict: passing shows.
HELDOUT_RECALL_OPEN = pytest.mark.xfail(
    strict=True, reason="issue #12: heldout recall below 0.9 — missing-element 59/90 (0.66); "
                        "stale-reference 84/92, duplicate 20/21, every other rule all (200 reports h39–h238)")


# -- the corpus itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("report", ALL, ids=lambda r: f"{r.split}/{r.id}")
def test_labels_follow_the_conventions(report):
    assert corpus.problems(report) == []


def test_the_validator_catches_a_label_off_its_line():
    good = REPORTS["dev"][0]
    text = good.text.split("\n")
    moved = corpus.Report("x", "dev", good.text, {**good.meta, "clean": False, "defects": [
        {"rule": "placeholder", "line": 2, "text": text[0], "severity": "error"},
        {"rule": "missing-element", "line": None, "text": "第一责任人", "severity": "error"},
        {"rule": "placeholders", "line": 1, "text": text[0][:4], "severity": "fatal"}]})
    moved.labels = [corpus.Label(**d) for d in moved.meta["defects"]]
    found = "\n".join(corpus.problems(moved))
    assert "text not on that line" in found
    assert "element key" in found
    assert "unknown rule" in found and "severity 'fatal'" in found


def test_size_and_mix():
    assert len(ALL) >= 40
    assert len(REPORTS["dev"]) >= 20 and len(REPORTS["heldout"]) >= 14
    for split, reports in REPORTS.items():
        assert sum(r.clean for r in reports) / len(reports) >= 0.4, split
        kinds = {(r.template, r.clean) for r in reports}
        for template in corpus.TEMPLATES:  # every type, clean and with defects, in both splits
            assert (template, True) in kinds and (template, False) in kinds, (split, template)
    assert len({r.meta["author"] for r in ALL}) >= 30  # many voices
    assert {r.year for r in ALL} == set(range(corpus.YEARS[0], corpus.YEARS[1] + 1))
    # the defects are of the kinds readers catch, not one kind over and over
    rules = Counter(label.rule for r in ALL for label in r.labels)
    assert {"placeholder", "missing-element", "stale-reference", "nonstandard-term", "punctuation",
            "duplicate"} <= set(rules)
    assert all(1 <= len(r.labels) <= 6 for r in ALL if not r.clean)


def test_ids_are_unique_across_splits():
    ids = [r.id for r in ALL]
    assert len(ids) == len(set(ids))
    texts = [r.text for r in ALL]
    assert len(texts) == len(set(texts))


# -- the goals of issue #12, measured on the corpus ----------------------------------------------

@pytest.fixture(scope="module")
def outcomes():
    return {split: corpus.run(REPORTS[split]) for split in corpus.SPLITS}


def _false_errors(outcome):
    return [f"{outcome.report.id}:{f.line or '全文'} {f.rule} {f.text[:20]!r}"
            for i, f in enumerate(outcome.findings) if f.severity == "error" and not outcome.matched(i)]


@pytest.mark.parametrize("split", corpus.SPLITS)
def test_no_error_on_a_clean_report(outcomes, split):
    wrong = [e for o in outcomes[split] if o.report.clean for e in _false_errors(o)]
    # heldout findings are counted, never shown: the rule writers must not see that split
    assert not wrong, wrong if split == "dev" else f"{len(wrong)} errors on clean heldout reports"


@pytest.mark.parametrize("split", corpus.SPLITS)
def test_error_findings_are_right_95_percent_of_the_time(outcomes, split):
    tally = corpus.score(outcomes[split], corpus.total)["全部"]
    assert tally.errors and tally.error_precision >= 0.95, (
        f"{tally.true_errors}/{tally.errors} error findings right"
        + (": " + "; ".join(e for o in outcomes[split] for e in _false_errors(o)) if split == "dev" else ""))


@pytest.mark.parametrize("split", ["dev", pytest.param("heldout", marks=HELDOUT_RECALL_OPEN)])
def test_each_rule_finds_90_percent_of_its_defects(outcomes, split):
    tallies = corpus.score(outcomes[split], corpus.by_rule)
    low = {rule: f"{t.found}/{t.labels}" for rule, t in tallies.items() if t.labels and t.recall < 0.9}
    assert not low, low
