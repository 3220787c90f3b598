"""What changed between two versions of a section: paragraphs matched with ``difflib``, and
within a changed paragraph the characters (Chinese has no spaces to split words on), as HTML
with every character of the texts escaped."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass

from shuzhi.text.paragraphs import paragraphs


@dataclass(frozen=True)
class Diff:
    html: str
    added: int  # characters
    removed: int

    @property
    def same(self) -> bool:
        return not (self.added or self.removed)

    def summary(self) -> str:
        return "两版相同" if self.same else f"新增 {self.added} 字，删去 {self.removed} 字"


def diff(old: str, new: str) -> Diff:
    before, after = paragraphs(old), paragraphs(new)
    rows, added, removed = [], 0, 0
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [html.escape(p) for p in before[i1:i2]]
            continue
        old_text, new_text = "\n".join(before[i1:i2]), "\n".join(after[j1:j2])
        row, plus, minus = _chars(old_text, new_text)
        rows.append(row)
        added, removed = added + plus, removed + minus
    body = "".join(f"<p>{row}</p>" for row in rows)
    return Diff(body, added, removed)


def _chars(old: str, new: str) -> tuple[str, int, int]:
    out, plus, minus = [], 0, 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(old[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(old[i1:i2])}</del>")
            minus += len(old[i1:i2].replace("\n", ""))
        if j2 > j1:
            out.append(f"<ins>{html.escape(new[j1:j2])}</ins>")
            plus += len(new[j1:j2].replace("\n", ""))
    return "".join(out).replace("\n", "<br>"), plus, minus
