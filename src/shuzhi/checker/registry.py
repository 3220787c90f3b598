"""The rules, in the order ``shuzhi check`` reports them (the README's rule table), and what each is handed.

A rule is a module in ``checker/rules/`` with ``ID``, ``SEVERITY``, ``BASIS``, a docstring
saying what it flags and why, ``DOCUMENT_LEVEL`` (True: needs the whole report, skipped when
checking one section) and ``check(doc, ctx) -> Iterable[Finding]``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from shuzhi.checker.document import Document
from shuzhi.checker.finding import Finding, Severity

if TYPE_CHECKING:
    from shuzhi.facts import Facts
    from shuzhi.templates import Template

RULE_IDS = ("placeholder", "missing-element", "stale-reference", "nonstandard-term",
            "unsupported-number", "punctuation", "duplicate", "length")
# A rule module that also reports findings under another rule's id: nonstandard-term finds
# outdated names by the forms it knows, and reports them as stale-reference.
ALSO_REPORTS = {"nonstandard-term": ("stale-reference",)}


def modules_for(selected: list[str]) -> list[str]:
    """The rule modules to run for the selected rule ids, in report order."""
    return [r for r in RULE_IDS if r in selected or any(s in selected for s in ALSO_REPORTS.get(r, ()))]


@dataclass(slots=True)
class Context:
    """What a rule may need besides the text. ``year`` is the report year Y (None: unknown)."""

    template: Template | None = None
    facts: Facts | None = None
    year: int | None = None
    section: str | None = None  # template section id when checking one section
    year_given: bool = False  # Y came from --year / facts, not read off the title
    require: tuple[str, ...] = ()  # element ids the unit asks for beyond the template (述法: law)


def rule_module(rule_id: str) -> ModuleType:
    return importlib.import_module(f"shuzhi.checker.rules.{rule_id.replace('-', '_')}")


def make(doc: Document, rule: Any, offset: int, text: str, message: str, *,
         suggestion: str | None = None, fixable: bool = False, severity: Severity | None = None,
         basis: str | None = None) -> Finding:
    """A finding at ``offset`` of ``doc``; the message names its basis."""
    line, column = doc.position(offset)
    basis = basis or rule.BASIS
    return Finding(rule=rule.ID, severity=severity or rule.SEVERITY, line=line, column=column,
                   text=text, message=f"{message}（依据：{basis}）", suggestion=suggestion,
                   basis=basis, offset=offset, fixable=fixable and suggestion is not None)


def make_document(rule: Any, text: str, message: str, *, severity: Severity | None = None,
                  basis: str | None = None, suggestion: str | None = None) -> Finding:
    """A finding about the whole document (``line: null``)."""
    basis = basis or rule.BASIS
    return Finding(rule=rule.ID, severity=severity or rule.SEVERITY, line=None, column=None,
                   text=text, message=f"{message}（依据：{basis}）", suggestion=suggestion, basis=basis)
