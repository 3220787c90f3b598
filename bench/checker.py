"""Checker benchmark: defect injection and the hand-labelled corpus (precision/recall), and speed.

    python bench/checker.py            # from the repository root (uses src/)
    python bench/checker.py --cases 400 --seed 7
    python bench/checker.py --part corpus --examples 30    # corpus only, with dev's misses

Two measurements, printed side by side:

* **injected** (below): defects of the rule catalogue injected into a few clean reports.
* **corpus**: complete reports in many authors' voices with every real defect labelled by hand
  (tests/data/corpus/, see bench/corpus.py for the matching). Per rule and per report type:
  precision of all findings and of error findings, recall, the share of found defects reported
  at their label's severity ("same sev"), false errors per clean report, and
  how often the checker picked the report's type; dev and heldout separately. ``--examples``
  lists false findings and misses of the dev split only — heldout's stay unseen by the rule
  writers.

Clean reports: the filled sample (samples/report-2022-filled.txt, % unified), two hand-written
reports in other styles (tests/checker/fixtures/report-202[34]-clean.txt) and offline drafts
of samples/facts-2022.yaml and tests/checker/fixtures/facts-complete.yaml (checked with their
facts). Into copies of them we inject defects of every rule at known lines — one per case, or
several at once — and compare what the checker reports with what was injected:

* a finding is a true positive when its rule, line and text match an injected defect
  (document-level findings: the element name), a false positive when it is new relative to the
  clean text and matches nothing injected; an injected defect not found is a false negative.
* speed: in-process time per 10,000 characters over all case texts, and the fresh-process time
  of ``python -m shuzhi check`` on a 5,000-character report next to ``python -c pass``.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _source() -> Path:
    """``--src DIR``: the code to measure, another checkout's src (old beside new on this corpus);
    read before the imports below, which it decides."""
    if "--src" in sys.argv[:-1]:
        return Path(sys.argv[sys.argv.index("--src") + 1]).resolve()
    return ROOT / "src"


sys.path.insert(0, str(_source()))

from shuzhi.checker import RULE_IDS, check_text  # noqa: E402
from shuzhi.checker.data import load  # noqa: E402
from shuzhi.facts import load_facts  # noqa: E402
from shuzhi.templates import load_template  # noqa: E402
from shuzhi.text.numerals import cn_number  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py: the labelled corpus and its matching)

YEAR = 2022

# Clean carrier sentences (no digits, all distinct) that take a defect in their {} slot.
SUBJECTS = ["理论武装", "组织建设", "作风建设", "制度建设", "队伍建设", "阵地管理", "服务师生", "文化育人",
            "数字赋能", "安全稳定", "校园文化", "青年工作"]
ACTIONS = ["坚持问题导向并持续深化改进", "注重统筹谋划并狠抓工作落实", "主动担当作为并推动任务落地",
           "加强协同配合并形成工作合力", "健全长效机制并抓好督促检查", "聚焦重点难点并精准施策发力",
           "强化示范引领并激发内生动力", "完善工作流程并提升治理效能", "深入调查研究并及时回应关切",
           "压实工作责任并跟踪问效整改"]


@dataclass
class Expected:
    rule: str
    line: int | None
    text: str


@dataclass
class Case:
    name: str
    text: str
    facts: object | None
    expected: list[Expected] = field(default_factory=list)


class Report:
    """A clean report and the positions where sentences can be inserted."""

    def __init__(self, name: str, text: str, facts=None, year: int = YEAR):
        self.name, self.text, self.facts, self.year = name, text, facts, year
        lines = text.split("\n")
        heads = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
        self.body_lines = [i for i, line in enumerate(lines) if i > 1 and "。" in line and not heads.match(line)]


class Injector:
    """Builds cases: each call adds one defect of a rule to a text, on a line not yet used."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.carriers = [c.format(s) + a for c in ("在{}方面", "围绕{}", "针对{}工作") for s in SUBJECTS
                         for a in ACTIONS]
        rng.shuffle(self.carriers)
        # wrong forms, and the fixed lists (their first spellings); outdated names (until) are
        # reported as stale-reference
        self.formulations = [e for e in load("formulations") if "until" not in e] + \
            [{"order": [i if isinstance(i, str) else i[0] for i in e["items"]]} for e in load("enumerations")]

    def carrier(self) -> str:
        return self.carriers.pop()

    # -- helpers -----------------------------------------------------------------------------
    def insert(self, case: Case, used: set[int], report: Report, sentence: str, defect: str,
               rule: str, also: list[tuple[str, str]] = ()) -> None:
        """Insert ``sentence`` (containing ``defect``) after a 。 of an unused body line."""
        lines = case.text.split("\n")
        choices = [i for i in report.body_lines if i not in used]
        index = self.rng.choice(choices)
        used.add(index)
        line = lines[index]
        stops = [m.end() for m in re.finditer("。", line)]
        at = self.rng.choice(stops)
        lines[index] = line[:at] + sentence + line[at:]
        case.text = "\n".join(lines)
        case.expected.append(Expected(rule, index + 1, defect))
        for other_rule, other_text in also:
            case.expected.append(Expected(other_rule, index + 1, other_text))

    # -- one defect per rule -------------------------------------------------------------------
    def placeholder(self, case, used, report):
        fragment, defect = self.rng.choice([
            ("累计开展专题学习**次", "**"), ("参与人数达到***人", "***"), ("共开展活动X次", "X"),
            ("由某某同志具体负责", "某某"), ("全年完成【待补充：具体成效】", "【待补充：具体成效】"),
            ("相关数据为（此处填写具体数据）", "（此处填写具体数据）"), ("于*月*日圆满完成", "*月*日"),
            ("在XX学院推广经验", "XX"), ("联系人为＿＿", "＿＿"), ("发放{{单位名称}}倡议书", "{{单位名称}}"),
            ("在**省推广经验", "**"), ("按照“*+*”模式推进", "*+*"),
        ])
        self.insert(case, used, report, f"{self.carrier()}，{fragment}。", defect, "placeholder")

    def nonstandard_term(self, case, used, report):
        entry = self.rng.choice([e for e in self.formulations if e.get("wrong") or e.get("order")])
        if entry.get("order"):
            items = list(entry["order"])
            while items == entry["order"]:
                self.rng.shuffle(items)
            defect = "、".join(items)
        else:
            defect = self.rng.choice(entry["wrong"])
        self.insert(case, used, report, f"{self.carrier()}，始终坚持{defect}。", defect, "nonstandard-term")

    def stale_reference(self, case, used, report):
        year = report.year
        choice = self.rng.randrange(8)
        if choice == 0 and 0 not in used:  # the title year
            used.add(0)
            lines = case.text.split("\n")
            lines[0] = lines[0].replace(str(year), str(year - 1), 1)
            case.text = "\n".join(lines)
            case.expected.append(Expected("stale-reference", 1, str(year - 1)))
            if case.facts is not None and str(year - 1) not in _facts_numbers(case.facts):
                case.expected.append(Expected("unsupported-number", 1, str(year - 1)))
            return
        if choice == 1:
            future = str(year + 4)
            also = [("unsupported-number", future)] if case.facts is not None else []
            self.insert(case, used, report, f"{self.carrier()}，计划于{future}年全部完成。", future,
                        "stale-reference", also)
            return
        sessions = load("sessions")
        later = next(p for p in sessions["plenums"] if p["start"].year > year + 1 or
                     (p["start"].year == year + 1 and p["start"].month > 1))
        plenum = f"{cn_number(later['term'])}届{cn_number(later['number'])}中全会"
        campaign = next(c["name"] for c in sessions["campaigns"][2:]
                        if not c["years"][0] <= year <= c["years"][1])
        anniversary = {2022: "一百一十", 2024: "一百一十"}.get(year, "一百二十")
        fragment, defect = [
            (f"认真学习贯彻{plenum}精神", plenum), (f"今年扎实开展{campaign}", campaign),
            ("为决胜全面建成小康社会贡献力量", "决胜全面建成小康社会"), ("今年是十四五开局之年", "十四五开局之年"),
            ("以优异成绩迎接十九大胜利召开", "迎接十九大"), (f"隆重庆祝建党{anniversary}周年", anniversary),
        ][self.rng.randrange(6)]
        self.insert(case, used, report, f"{self.carrier()}，{fragment}。", defect, "stale-reference")

    def unsupported_number(self, case, used, report):
        if case.facts is None:
            return self.placeholder(case, used, report)
        supported = _facts_numbers(case.facts)
        value = self.rng.choice([n for n in range(13, 400) if str(n) not in supported])
        unit = self.rng.choice(["次", "人", "场", "篇", "项"])
        self.insert(case, used, report, f"{self.carrier()}，累计开展相关活动{value}{unit}。", str(value),
                    "unsupported-number")

    def punctuation(self, case, used, report):
        carrier = self.carrier()
        kind = self.rng.randrange(6)
        if kind == 0:
            sentence, defect = carrier[:5] + "," + carrier[5:] + "。", ","
        elif kind == 1:
            sentence, defect = carrier + "，，持续巩固成效。", "，，"
        elif kind == 2:
            sentence, defect = f"{carrier}，开展“{self.rng.choice(SUBJECTS)}提升行动。", "“"
        elif kind == 3:
            sentence, defect = f"{carrier}(重点工作)。", "("
            self.insert(case, used, report, sentence, defect, "punctuation", [("punctuation", ")")])
            return
        elif kind == 4:
            sentence, defect = f"{carrier}...持续巩固成效。", "..."
        else:
            sentence, defect = f"{carrier}；。", "；。"
        self.insert(case, used, report, sentence, defect, "punctuation")

    def duplicate(self, case, used, report):
        lines = case.text.split("\n")
        sentences = [(i, m.group()) for i in report.body_lines if i not in used
                     for m in re.finditer(r"[^。\n]{16,}。", lines[i])
                     if not re.search(r"[【*\d]", m.group()) and lines[i].count(m.group()) == 1]
        origin, sentence = self.rng.choice(sentences)
        later = [i for i in report.body_lines if i > origin and i not in used]
        if not later:
            return self.placeholder(case, used, report)
        index = self.rng.choice(later)
        used.add(index)
        stops = [m.end() for m in re.finditer("。", lines[index])]
        at = self.rng.choice(stops)
        lines[index] = lines[index][:at] + sentence + lines[index][at:]
        case.text = "\n".join(lines)
        case.expected.append(Expected("duplicate", index + 1, sentence))

    def missing_element(self, case, used, report):
        """Take out every signal of one element the report's author must write (so the text no
        longer covers it); elements that lose their cover with it are expected too. Injected last
        in a case, and never on the lines of the other defects (their text stays as injected, and
        a signal on them still covers its element). The title stays: it names the report's type
        (述德述廉), which is not content, and the rule does not read it either."""
        from shuzhi.checker import pick_template
        from shuzhi.checker.document import Document
        from shuzhi.roles import read_author

        doc = Document(case.text)
        template = pick_template(doc.title, case.facts)
        author = read_author(case.text, doc.title, case.facts)
        asked = [e for e, _ in template.elements_for(author, doc.title) if e.where == "anywhere"]
        lines = case.text.split("\n")
        fixed = set(used) | ({doc.title_index} if doc.title_index is not None else set())
        kept = "\n".join(line for i, line in enumerate(lines) if i in fixed - {doc.title_index})

        def content() -> str:
            return "\n".join(line for i, line in enumerate(lines) if i != doc.title_index)

        before = {e.name for e in asked if e.found_in(content())}
        choices = [e for e in asked if e.name in before and e.name not in case.name and not e.found_in(kept)]
        if not choices:
            return self.placeholder(case, used, report)
        element = self.rng.choice(choices)
        for i in set(range(len(lines))) - fixed:
            for signal in element.signals:
                lines[i] = re.sub(signal, "相关工作", lines[i])
        case.text = "\n".join(lines)
        for lost in sorted(before - {e.name for e in asked if e.found_in(content())}):
            case.name += lost
            case.expected.append(Expected("missing-element", None, lost))

    def length(self, case, used, report):
        template = load_template("shudeshulian")
        lines = case.text.split("\n")
        targets = {f"（{cn_number(j + 1)}）{c.heading}": c.target_chars for s in template.sections
                   for j, c in enumerate(s.children)}
        targets |= {f"{cn_number(i + 1)}、{s.heading}": s.target_chars for i, s in enumerate(template.sections)
                    if s.target_chars[1]}
        heads = [i for i, line in enumerate(lines) if line in targets and i + 1 not in used
                 and i + 1 < len(lines) and i + 1 in report.body_lines]
        if not heads:
            return self.placeholder(case, used, report)
        head = self.rng.choice(heads)
        used.add(head + 1)
        high = targets[lines[head]][1]
        padding = ""
        while len(padding) + len(lines[head + 1]) < high * 1.5 + 40:
            padding += self.carrier() + "。"
        lines[head + 1] += padding
        case.text = "\n".join(lines)
        case.expected.append(Expected("length", head + 1, lines[head][lines[head].index(next(
            c for c in "、）" if c in lines[head])) + 1:]))


def _facts_numbers(facts) -> set[str]:
    from shuzhi.checker.rules.unsupported_number import supported_numbers

    return supported_numbers(facts, YEAR)


def clean_reports() -> list[Report]:
    from shuzhi.draft import Draft
    from shuzhi.drafting import get_drafter
    from shuzhi.drafting.pipeline import draft_report

    filled = (ROOT / "samples" / "report-2022-filled.txt").read_text(encoding="utf-8").replace("％", "%")
    fixtures = ROOT / "tests" / "checker" / "fixtures"
    reports = [Report("filled-sample", filled)]
    for year in (2023, 2024):  # hand-written reports in other styles
        text = (fixtures / f"report-{year}-clean.txt").read_text(encoding="utf-8")
        reports.append(Report(f"report-{year}-clean", text, year=year))
    for path in (ROOT / "samples" / "facts-2022.yaml", ROOT / "tests" / "checker" / "fixtures" / "facts-complete.yaml"):
        if not path.exists():
            continue
        facts = load_facts(path)
        template = load_template(facts.template)
        draft = Draft.new(facts, template)
        draft_report(draft, template, get_drafter("offline"))
        reports.append(Report(f"offline:{path.name}", draft.assemble(), facts))
    return reports


RULE_METHODS = {rule: rule.replace("-", "_") for rule in RULE_IDS}


def build_cases(reports: list[Report], count: int, rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    n = 0
    while len(cases) < count:
        report = reports[n % len(reports)]
        rule = RULE_IDS[(n // len(reports)) % len(RULE_IDS)]
        injector = Injector(rng)  # carriers are distinct within a case
        case = Case(f"{report.name}:", report.text, report.facts)
        used: set[int] = set()
        if n % 4 == 3:  # several defects of different rules in one text
            # missing-element last: its word replacements skip the lines of the others
            for extra in sorted(rng.sample(RULE_IDS, 4), key=lambda r: r == "missing-element"):
                getattr(injector, RULE_METHODS[extra])(case, used, report)
        else:
            getattr(injector, RULE_METHODS[rule])(case, used, report)
        cases.append(case)
        n += 1
    return cases


def key(f) -> tuple:
    # counts inside messages (篇幅 109字) change with any insertion; the kind of finding does not
    return (f.rule, f.line, f.text, re.sub(r"\d+", "", f.message))


def matches(finding, expected: Expected) -> bool:
    if finding.rule != expected.rule or finding.line != expected.line:
        return False
    return expected.text in finding.text or finding.text in expected.text


def evaluate(reports: list[Report], cases: list[Case]):
    baseline = {r.text: {key(f) for f in check_text(r.text, year=r.year, facts=r.facts)} for r in reports}
    tp, fp, fn, found = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    total_chars, total_time = 0, 0.0
    examples: list[str] = []
    for case in cases:
        clean = next(r for r in reports if case.name.startswith(r.name))
        start = time.perf_counter()
        findings = check_text(case.text, year=clean.year, facts=case.facts)
        total_time += time.perf_counter() - start
        total_chars += len(case.text)
        new = [f for f in findings if key(f) not in baseline[clean.text]]
        for f in new:
            if any(matches(f, e) for e in case.expected):
                tp[f.rule] += 1
            else:
                fp[f.rule] += 1
                if len(examples) < 8:
                    line = case.text.split("\n")[f.line - 1] if f.line else ""
                    context = line[max(0, (f.column or 1) - 12):(f.column or 1) + 12]
                    examples.append(f"  FP {f.rule} {f.line}:{f.column} {f.text!r} in …{context}… — {f.message}")
        for e in case.expected:
            if any(matches(f, e) for f in new):
                found[e.rule] += 1
            else:
                fn[e.rule] += 1
                if len(examples) < 8:
                    examples.append(f"  FN {e.rule} line {e.line} {e.text!r} in {case.name}")
    return tp, fp, fn, found, total_chars, total_time, examples


def fresh_process(runs: int = 7) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) seconds of `python -m shuzhi check` on a 5,000-character report and of
    `python -c pass`. CPU time beside wall time: on a shared machine the wall clock also counts
    other processes."""
    import os
    import resource

    text = (ROOT / "samples" / "report-2022-filled.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    while len(text) < 5000:
        text += "\n" + lines[len(text) % 20 + 4]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report-5000.txt"
        path.write_text(text[:5000], encoding="utf-8")
        # Bytecode as an installed package has it: where the environment forbids writing it
        # (PYTHONDONTWRITEBYTECODE), every run would compile every module again.
        env = {**os.environ, "PYTHONPATH": str(_source())}
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        def cpu() -> float:
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            return used.ru_utime + used.ru_stime

        def median(args: list[str]) -> tuple[float, float]:
            walls, cpus = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), cpu()
                # check: a command that fails at once (a missing dependency) would look fast
                subprocess.run([sys.executable, *args], env=env, capture_output=True, check=True)
                walls.append(time.perf_counter() - start)
                cpus.append(cpu() - start_cpu)
            return statistics.median(walls), statistics.median(cpus)

        baseline = median(["-c", "pass"])
        check = median(["-m", "shuzhi", "check", str(path), "--year", "2022"])
    return check, baseline


def injected(args) -> None:
    rng = random.Random(args.seed)
    reports = clean_reports()
    cases = build_cases(reports, args.cases, rng)
    defects = sum(len(c.expected) for c in cases)
    print(f"clean reports: {', '.join(r.name for r in reports)}")
    print(f"cases: {len(cases)} ({sum(len(c.expected) > 1 for c in cases)} with several defects), "
          f"injected defects: {defects}, seed {args.seed}\n")
    print("findings on the clean reports themselves (false positives unless the text really has them):")
    for report in reports:
        clean = check_text(report.text, year=report.year, facts=report.facts)
        shown = [f"{f.rule} {f.line or '全文'}:{f.column or ''} {f.text[:20]!r}" for f in clean]
        print(f"  {report.name}: {len(clean)}" + ("".join(f"\n    {s}" for s in shown)))
    print()
    tp, fp, fn, found, chars, seconds, examples = evaluate(reports, cases)
    print(f"{'rule':<20}{'injected':>9}{'found':>7}{'false+':>8}{'precision':>11}{'recall':>8}")
    for rule in RULE_IDS:
        total = found[rule] + fn[rule]
        precision = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else float("nan")
        recall = found[rule] / total if total else float("nan")
        print(f"{rule:<20}{total:>9}{found[rule]:>7}{fp[rule]:>8}{precision:>11.3f}{recall:>8.3f}")
    if examples:
        print("\nmisses and false positives (first few):")
        print("\n".join(examples))
    per_10k = seconds / chars * 10000 * 1000
    print(f"\nin process: {chars} characters in {seconds * 1000:.0f} ms → {per_10k:.2f} ms per 10,000 characters")


def _figure(value: float | None, width: int) -> str:
    return f"{'—':>{width}}" if value is None else f"{value:>{width}.2f}"


def _pad(name: str, width: int) -> str:
    """``name`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in name)
    return name + " " * max(0, width - columns)


def _table(title: str, tallies: dict, names: list[str], with_type: bool) -> None:
    head = _pad(title, 18) + (f"{'reports':>8}{'type ok':>8}" if with_type else "")
    print(head + f"{'findings':>9}{'prec':>7}{'errors':>7}{'prec(err)':>10}{'labels':>7}{'recall':>7}"
          f"{'same sev':>9}{'false err/clean':>16}")
    for name in names:
        t = tallies.get(name) or corpus.Tally()
        row = _pad(name, 18) + (f"{t.reports:>8}{f'{t.typed_right}/{t.reports}':>8}" if with_type else "")
        print(row + f"{t.findings:>9}{_figure(t.precision, 7)}{t.errors:>7}{_figure(t.error_precision, 10)}"
              f"{t.labels:>7}{_figure(t.recall, 7)}{_figure(t.severity_agreement, 9)}"
              f"{_figure(t.clean_errors_per_report, 16)}")


def corpus_part(args) -> None:
    texts: list = []
    for split in args.splits:
        reports = [r for r in corpus.load(split) if _in_range(r.id, args.ids)]
        if not reports:
            print(f"corpus {split}: no reports\n")
            continue
        outcomes = corpus.run(reports)
        texts += [(r.text, r.year) for r in reports]
        labels = sum(len(r.labels) for r in reports)
        print(f"corpus {split}: {len(reports)} reports ({sum(r.clean for r in reports)} clean), "
              f"{labels} labelled defects")
        overall = corpus.score(outcomes, corpus.total)
        _table("rule", corpus.score(outcomes, corpus.by_rule) | overall, [*RULE_IDS, "全部"], with_type=False)
        types = corpus.score(outcomes, corpus.by_type)
        names = [t for t in (*corpus.TEMPLATES, corpus.NO_TYPE) if t in types]
        print()
        _table("report type", types | overall, [*names, "全部"], with_type=True)
        if split == "dev" and args.examples:
            print(f"\ndev: false findings and misses (first {args.examples}):")
            print("\n".join(corpus.misses_and_false(outcomes, args.examples)))
        print()
    if texts:  # the median of several passes: one pass is short enough for the noise to show
        chars = sum(len(text) for text, _ in texts)
        passes, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            for text, year in texts:
                check_text(text, year=year)
            passes.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        seconds, cpu_seconds = statistics.median(passes), statistics.median(cpu)
        # CPU time beside wall time: on a shared machine the wall clock also counts other processes
        print(f"corpus in process (median of {args.runs} passes): {chars} characters in {seconds * 1000:.0f} ms → "
              f"{seconds / chars * 10000 * 1000:.2f} ms per 10,000 characters "
              f"(CPU {cpu_seconds / chars * 10000 * 1000:.2f} ms)")
        per_module = _module_seconds(texts, args.runs)
        print("  CPU per rule module, ms per 10,000 characters: " + ", ".join(
            f"{name} {value / chars * 10000 * 1000:.2f}" for name, value in per_module.items()))


def _module_seconds(texts: list, runs: int) -> dict[str, float]:
    """The median CPU seconds each rule module spends on ``texts`` (splitting the text and
    picking the template counted apart, as "document"): where a slowdown comes from."""
    from shuzhi.checker import pick_template
    from shuzhi.checker.document import Document
    from shuzhi.checker.registry import Context, modules_for, rule_module

    names = ["document", *modules_for(list(RULE_IDS))]
    samples: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(runs):
        spent = dict.fromkeys(names, 0.0)
        for text, year in texts:
            start = time.process_time()
            doc = Document(text)
            ctx = Context(template=pick_template(doc.title, None), year=year, year_given=True)
            spent["document"] += time.process_time() - start
            for name in names[1:]:
                start = time.process_time()
                list(rule_module(name).check(doc, ctx))
                spent[name] += time.process_time() - start
        for name in names:
            samples[name].append(spent[name])
    return {name: statistics.median(values) for name, values in samples.items()}


def _in_range(report_id: str, ids: str | None) -> bool:
    """``ids`` like d111-d158: the reports of one batch (to score a batch before tuning on it)."""
    if not ids:
        return True
    first, _, last = ids.partition("-")
    number = int(re.match(r"[a-z](\d+)", report_id).group(1))
    return report_id[0] == first[0] and int(first[1:]) <= number <= int((last or first)[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("all", "injected", "corpus"), default="all")
    parser.add_argument("--split", choices=("both", *corpus.SPLITS), default="both")
    parser.add_argument("--src", help="measure the shuzhi code in this src folder (default: this checkout's)")
    parser.add_argument("--ids", help="corpus: only the reports in this range of ids, e.g. d111-d158")
    parser.add_argument("--examples", type=int, default=0, help="dev only: list this many false findings and misses")
    parser.add_argument("--cases", type=int, default=240)
    parser.add_argument("--seed", type=int, default=20221)
    parser.add_argument("--runs", type=int, default=7, help="fresh-process runs (median)")
    args = parser.parse_args()
    args.splits = corpus.SPLITS if args.split == "both" else (args.split,)
    if args.part in ("all", "injected"):
        injected(args)
        print()
    if args.part in ("all", "corpus"):
        corpus_part(args)
    (check, check_cpu), (baseline, baseline_cpu) = fresh_process(args.runs)
    print(f"fresh process (median of {args.runs}): `python -m shuzhi check` on 5,000 characters "
          f"{check:.3f} s (CPU {check_cpu:.3f} s); `python -c pass` {baseline:.3f} s (CPU {baseline_cpu:.3f} s); "
          f"ratio {check / baseline:.1f}×")


if __name__ == "__main__":
    main()
