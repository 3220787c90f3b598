"""The checker benchmark on hand-labelled reports: loading, validating, matching, scoring.

The corpus (tests/data/corpus/{dev,heldout}/) is complete reports written in many authors'
voices, each ``<id>.txt`` with its labels in ``<id>.yaml`` (the conventions shared with the
rule writers: template id, year Y, author, role, ``clean``, and every real defect with its rule,
line, text and severity). ``bench/checker.py`` prints the figures; tests/checker/test_corpus.py
validates the corpus and asserts the goals with the same code, so both match findings alike.

Matching: a finding matches a label when the rules are equal and either (line-level) the lines
are equal and one text contains the other, or (document-level, ``line: null``) the element id
of the finding equals the label's key. A missing-element finding names its element by ``name``;
the id comes from the template the checker picked for the report (the title's type). A finding
that matches no label is false; a label that no finding matches is missed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
SPLITS = ("dev", "heldout")
TEMPLATES = ("shudeshulian", "shuzeshulian", "sishu", "jiceng-dangjian", "denengqinjilian",
             "gongzuo-zongjie")
ELEMENT_KEYS = ("study", "first-responsible", "responsibility", "ideology", "integrity", "eight-rules",
                "personal-matters", "democratic-centralism", "law", "shortcomings", "plans",
                "rectification", "org-building", "performance")
RANKS = ("县处级正职", "县处级副职", "乡科级正职", "乡科级副职", "一般干部", "其他")
LENGTH = (1500, 5000)  # characters, line breaks not counted
YEARS = (2019, 2026)
NO_TYPE = "（无类型）"
# Element ids of templates written before the shared keys were fixed, read as those keys.
LEGACY_IDS = {"clean-governance": "integrity", "next-steps": "plans", "rule-of-law": "law",
              "no-violations": "personal-matters"}


@dataclass(frozen=True, slots=True)
class Label:
    rule: str
    line: int | None
    text: str
    severity: str
    note: str = ""


@dataclass(slots=True)
class Report:
    id: str
    split: str
    text: str
    meta: dict
    labels: list[Label] = field(default_factory=list)

    @property
    def template(self) -> str | None:
        return self.meta.get("template")

    @property
    def year(self) -> int:
        return self.meta.get("year")

    @property
    def clean(self) -> bool:
        return self.meta.get("clean") is True

    @property
    def type_name(self) -> str:
        return self.template or NO_TYPE


def load(split: str, root: Path = CORPUS) -> list[Report]:
    """The reports of one split, by id. Malformed labels are kept as far as they parse, for
    :func:`problems` to report; a .txt without its .yaml (or the reverse) raises."""
    folder = root / split
    texts = {p.stem: p for p in folder.glob("*.txt")}
    metas = {p.stem: p for p in folder.glob("*.yaml")}
    if texts.keys() != metas.keys():
        raise ValueError(f"{folder}: unpaired files {sorted(texts.keys() ^ metas.keys())}")
    reports = []
    for stem in sorted(texts):
        meta = yaml.safe_load(metas[stem].read_text(encoding="utf-8")) or {}
        labels = [Label(d.get("rule"), d.get("line"), d.get("text"), d.get("severity"), d.get("note", ""))
                  for d in meta.get("defects") or [] if isinstance(d, dict)]
        reports.append(Report(stem, split, texts[stem].read_text(encoding="utf-8"), meta, labels))
    return reports


def problems(report: Report) -> list[str]:
    """Everything wrong with a report's labels (empty when it follows the conventions)."""
    from shuzhi.checker import RULE_IDS, SEVERITIES

    meta, out = report.meta, []
    lines = report.text.split("\n")
    known = {"template", "year", "author", "role", "clean", "defects"}
    if set(meta) != known:
        out.append(f"keys {sorted(set(meta) ^ known)} missing or unknown")
    if "template" not in meta or meta.get("template") not in (*TEMPLATES, None):
        out.append(f"template {meta.get('template')!r} is not one of {TEMPLATES} or null")
    if not isinstance(report.year, int) or not YEARS[0] <= report.year <= YEARS[1]:
        out.append(f"year {report.year!r} not in {YEARS}")
    elif str(report.year) not in report.text:
        out.append(f"year {report.year} does not occur in the text")
    role = meta.get("role") or {}
    if not isinstance(role.get("secretary"), bool) or role.get("rank") not in RANKS:
        out.append(f"role {role!r}: needs secretary true/false and rank in {RANKS}")
    if not isinstance(meta.get("author"), str) or not meta["author"]:
        out.append("author missing")
    if not isinstance(meta.get("clean"), bool):
        out.append("clean must be true or false")
    defects = meta.get("defects")
    if not isinstance(defects, list) or len(defects) != len(report.labels):
        out.append("defects must be a list of mappings")
    elif report.clean and defects:
        out.append("a clean report has no defects")
    elif meta.get("clean") is False and not defects:
        out.append("a report that is not clean lists its defects")
    size = len(report.text.replace("\n", ""))
    if not LENGTH[0] <= size <= LENGTH[1]:
        out.append(f"{size} characters, not in {LENGTH}")
    if not lines or not lines[0].strip():
        out.append("the first line must be the title")
    seen = Counter(report.labels)
    out += [f"label {label} listed twice" for label, n in seen.items() if n > 1]
    for label in report.labels:
        where = f"label {label.rule} line {label.line} {label.text!r}"
        if label.rule not in RULE_IDS:
            out.append(f"{where}: unknown rule")
        if label.severity not in SEVERITIES:
            out.append(f"{where}: severity {label.severity!r}")
        if label.rule == "unsupported-number":
            out.append(f"{where}: needs facts, out of the corpus's scope")
        if label.rule == "missing-element":
            if label.line is not None or label.text not in ELEMENT_KEYS:
                out.append(f"{where}: a missing element has line null and an element key as text")
            continue
        if not isinstance(label.line, int) or not 1 <= label.line <= len(lines):
            out.append(f"{where}: no such line")
        elif not isinstance(label.text, str) or not label.text or label.text not in lines[label.line - 1]:
            out.append(f"{where}: text not on that line")
    return out


# -- running the checker and matching -----------------------------------------------------------

@dataclass(slots=True)
class Outcome:
    """One report checked: its findings, the element id of each, the template the checker picked."""

    report: Report
    findings: list
    element_ids: list[str | None]  # per finding: the element id of a missing-element finding
    picked: str | None  # the template id the checker picked (None: none)

    def matched(self, index: int) -> list[Label]:
        return [label for label in self.report.labels if matches(self.findings[index], label,
                                                                 self.element_ids[index])]

    def found(self, label: Label) -> bool:
        return any(matches(f, label, e) for f, e in zip(self.findings, self.element_ids))

    def found_at_severity(self, label: Label) -> bool:
        """Found, by a finding of the label's severity (an error labelled error, not a 请核实)."""
        return any(matches(f, label, e) and f.severity == label.severity
                   for f, e in zip(self.findings, self.element_ids))


def matches(finding, label: Label, element_id: str | None = None) -> bool:
    if finding.rule != label.rule:
        return False
    if label.line is None:
        return finding.line is None and element_id == label.text
    if finding.line != label.line:
        return False
    return label.text in finding.text or (bool(finding.text) and finding.text in label.text)


def picked_template(text: str):
    """The template the checker picks for ``text`` (its title), as ``check_text`` does."""
    from shuzhi.checker import pick_template
    from shuzhi.checker.document import Document

    return pick_template(Document(text).title)


def element_id(finding, template) -> str | None:
    """The element key a missing-element finding stands for: the picked template's element of
    that name, else any template's (a name means the same element everywhere), read through
    ``LEGACY_IDS``."""
    if finding.rule != "missing-element":
        return None
    for candidates in ([template] if template else [], _templates()):
        for tmpl in candidates:
            for element in tmpl.elements:
                if element.name == finding.text:
                    return LEGACY_IDS.get(element.id, element.id)
    return None


@cache
def _templates() -> tuple:
    from shuzhi.templates import list_templates

    return tuple(list_templates())


def run(reports: list[Report]) -> list[Outcome]:
    """Check every report as a user would: no --template, the report's year as --year."""
    from shuzhi.checker import check_text

    outcomes = []
    for report in reports:
        findings = check_text(report.text, year=report.year)
        template = picked_template(report.text)
        outcomes.append(Outcome(report, findings, [element_id(f, template) for f in findings],
                                template.id if template else None))
    return outcomes


# -- scores -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Tally:
    findings: int = 0
    true: int = 0
    errors: int = 0
    true_errors: int = 0
    labels: int = 0
    found: int = 0
    same_severity: int = 0  # labels found by a finding of the label's own severity
    clean_reports: int = 0
    clean_errors: int = 0  # error-severity findings on clean reports
    reports: int = 0
    typed_right: int = 0

    @staticmethod
    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def precision(self) -> float | None:
        return self.ratio(self.true, self.findings)

    @property
    def error_precision(self) -> float | None:
        return self.ratio(self.true_errors, self.errors)

    @property
    def recall(self) -> float | None:
        return self.ratio(self.found, self.labels)

    @property
    def severity_agreement(self) -> float | None:
        return self.ratio(self.same_severity, self.found)

    @property
    def clean_errors_per_report(self) -> float | None:
        return self.ratio(self.clean_errors, self.clean_reports)


def score(outcomes: list[Outcome], key) -> dict[str, Tally]:
    """Tallies grouped by ``key(outcome, rule)``: e.g. by rule, or by report type."""
    tallies: dict[str, Tally] = {}

    def tally(name: str) -> Tally:
        return tallies.setdefault(name, Tally())

    for outcome in outcomes:
        report = outcome.report
        for index, finding in enumerate(outcome.findings):
            t = tally(key(outcome, finding.rule))
            right = bool(outcome.matched(index))
            t.findings += 1
            t.true += right
            if finding.severity == "error":
                t.errors += 1
                t.true_errors += right
                t.clean_errors += report.clean
        for label in report.labels:
            t = tally(key(outcome, label.rule))
            t.labels += 1
            t.found += outcome.found(label)
            t.same_severity += outcome.found_at_severity(label)
        # report-level counts go to every group the report belongs to (by rule: all of them)
        for name in {key(outcome, rule) for rule in _rules()}:
            t = tally(name)
            t.reports += 1
            t.clean_reports += report.clean
            t.typed_right += outcome.picked == report.template
    return tallies


def _rules() -> tuple[str, ...]:
    from shuzhi.checker import RULE_IDS

    return RULE_IDS


def by_rule(outcome: Outcome, rule: str) -> str:
    return rule


def by_type(outcome: Outcome, rule: str) -> str:
    return outcome.report.type_name


def total(outcome: Outcome, rule: str) -> str:
    return "全部"


def misses_and_false(outcomes: list[Outcome], limit: int = 20) -> list[str]:
    """Readable lines for the false findings and the missed labels (dev split only: heldout
    contents must not reach the rule writers)."""
    out = []
    for outcome in outcomes:
        report = outcome.report
        lines = report.text.split("\n")
        for index, f in enumerate(outcome.findings):
            if not outcome.matched(index):
                context = lines[f.line - 1][max(0, (f.column or 1) - 10):(f.column or 1) + 14] if f.line else ""
                out.append(f"  false {f.severity:<7} {report.id}:{f.line or '全文'} {f.rule} {f.text[:24]!r}"
                           + (f" …{context}…" if context else ""))
        for label in report.labels:
            if not outcome.found(label):
                out.append(f"  missed {label.severity:<6} {report.id}:{label.line or '全文'} {label.rule} "
                           f"{label.text!r} — {label.note}")
    return out[:limit] if limit else out
