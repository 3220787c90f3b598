"""The year's records turned into facts: ``shuzhi facts extract`` and the app's 导入工作记录.

    extraction = extract(records, template, year=2024)          # offline, by rules
    extraction = extract(records, template, year=2024, model=config)   # a model, checked
    facts, conflicts = merge(existing, extraction.sections())      # shuzhi.extract.merge

Every figure carries its ``Source`` (file, line or sheet/row/column, the words it stands in),
so the user can see where each number came from; every item comes from a sentence of a
record. Offline, ``records`` reads the files, ``tables`` maps figures tables and statistics
tables, ``sentences`` finds counted figures in sentences, ``sections`` assigns each to the
template section its words signal. With a model (``model``), the answer is a pydantic
schema, and a figure whose words are not in the record verbatim is dropped and listed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from shuzhi.extract.found import Found
from shuzhi.extract.records import Record
from shuzhi.extract.sections import Sections
from shuzhi.facts import Figure, SectionFacts, Source
from shuzhi.templates import Template

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@dataclass
class Dropped:
    """A figure a model gave that the records do not hold verbatim."""

    name: str
    value: str
    reason: str


@dataclass
class Extraction:
    found: list[Found] = field(default_factory=list)  # every figure and item, one per place found
    dropped: list[Dropped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    year: int | None = None

    @property
    def figures(self) -> list[Found]:
        return [f for f in self.found if f.figure is not None]

    def sections(self) -> dict[str, SectionFacts]:
        """The found figures and items per section, as facts: the same figure found in two
        records once (the first source kept); two figures of one name with different values
        told apart by their file. An item names the figures of its own sentence by reference
        (``召开支委会{支委会}``), so the draft states each number once and with its value."""
        out: dict[str, SectionFacts] = {}
        named: list[tuple[Found, str]] = []  # the figures of the line being read, as named in the facts
        for found in self.found:
            if found.section is None:
                continue
            section = out.setdefault(found.section, SectionFacts())
            if found.item is not None:
                item = _with_references(found, named)
                if item not in section.items:
                    section.items.append(item)
                continue
            if found.figure is None:  # neither an item nor a figure: nothing to add
                continue
            name = _add(section, found.figure)
            named = [(f, n) for f, n in named if _same_place(f.where, found.where)]
            if name is not None:
                named.append((found, name))
        return out

    def unplaced(self) -> list[Found]:
        """What no section's signals claimed: shown, never silently dropped."""
        return [f for f in self.found if f.section is None]


def _add(section: SectionFacts, figure: Figure) -> str | None:
    """Add ``figure`` unless the section has it already; the name it has there (None: a
    second figure of that name and value from the same file, left out)."""
    same = section.figure(figure.name)
    if same is not None and (same.value, same.unit) == (figure.value, figure.unit):
        return same.name
    if same is not None:
        if figure.source is not None:  # told apart by its file; one without a source cannot be
            figure = figure.model_copy(update={"name": f"{figure.name}（{figure.source.file}）"[:200]})
        if section.figure(figure.name) is not None:
            return None
    section.figures.append(figure)
    return figure.name


def _same_place(a: Source | None, b: Source | None) -> bool:
    return a is not None and b is not None and (a.file, a.line) == (b.file, b.line)


def _with_references(item: Found, named: list[tuple[Found, str]]) -> str:
    """The item with the numbers of its sentence's figures (same section, same line) as
    ``{name}`` references."""
    text = item.item or ""
    written: dict[str, str] = {}  # a quote → as it now reads in the item (a clause may hold two figures)
    for found, name in named:
        figure = found.figure
        if (figure is None or found.section != item.section or not _same_place(found.where, item.where)
                or "{" in name or "}" in name):
            continue
        quote = figure.source.quote if figure.source else ""
        current = written.get(quote, quote)
        if not quote or current not in text or not isinstance(figure.value, (int, float)):
            continue
        for match in re.finditer(rf"(?<![\d.{{])(\d+(?:\.\d+)?)\s*{re.escape(figure.unit)}", current):
            if float(match.group(1)) == figure.value:
                written[quote] = current[:match.start()] + "{" + name + "}" + current[match.end():]
                text = text.replace(current, written[quote], 1)
                break
    return text


def guess_year(records: list[Record]) -> int | None:
    """The year the records are about: the one they name most (2024年…)."""
    years = Counter(int(y) for r in records for y in _YEAR.findall(r.text[:200_000]))
    return years.most_common(1)[0][0] if years else None


def extract(records: list[Record], template: Template, year: int | None = None, model=None,
            mask: bool = False) -> Extraction:
    """Figures and items of ``records`` for ``template``'s sections; by rules, or by ``model``
    (a ``shuzhi.config.ModelConfig``) with every figure checked against the records
    (``mask``: what a cloud model may not see is sent as XX instead of refused)."""
    year = year or guess_year(records)
    sections = Sections(template)
    result = Extraction(year=year, notices=[n for r in records for n in r.notices])
    if model is not None:
        from shuzhi.extract.model import model_found

        found, dropped = model_found(records, template, sections, year, model, mask=mask)
        result.found, result.dropped = found, dropped
        return result
    from shuzhi.extract.sentences import line_found
    from shuzhi.extract.tables import document_tables, table_found

    for record in records:
        for table in record.tables:
            result.found.extend(table_found(table, record.name, sections))
        counted = document_tables(record, sections, result.found)  # Word tables of counts
        for number, line in enumerate(record.lines, 1):
            if line.strip() and number not in counted:
                result.found.extend(line_found(line, Source(file=record.name, line=number), year, sections))
    return result

