"""Note markers: the places in a text that are a note to the writer, not report text —
【待补充：…】 (our drafter's gaps), （此处填写…）, [TODO], {{var}}, <单位名称>.

The ``placeholder`` rule reports them; ``missing-element`` and ``length`` do not count what is
inside them; the update of last year's report (``shuzhi.update``) leaves figures inside them
alone (``inside_marker``). One definition, so all agree on what a marker is.
"""

from __future__ import annotations

from shuzhi.checker.document import CJK
from shuzhi.checker.lazy import Lazy

# (kind shown to the user, characters of which one must occur — a fast pre-check, pattern
# compiled only for a text that has one: most have none of {, < or 【)
NOTE_MARKERS: list[tuple[str, str, Lazy]] = [
    ("【】标记", "【", Lazy(r"【[^】\n]{0,120}】")),
    ("填写提示", "（(", Lazy(
        r"[（(][ \u3000]*(?:此处|填写|请填写|待补充|待填|待定|待核实|待核|待更新|数据待核|插入|TODO|TBD"
        r"|示例|举例|可选|根据(?:实际|个人)情况"
        # a note is an instruction only when it says what to write: （注：此处写具体举措）
        r"|(?:注|说明)[：:][^（）()\n]{0,20}(?:此处|填写|请|替换|修改|补充))[^（）()\n]{0,80}[）)]")),
    ("填写提示", "[", Lazy(r"\[[ ]*(?:TODO|TBD|待补充|待填|填写|此处)[^\]\n]{0,80}\]")),
    ("模板变量", "{", Lazy(r"\{\{[^{}\n]{1,40}\}\}|\$\{[^{}\n]{1,40}\}|\{[\w" + CJK + r"]{1,20}\}")),
    ("模板变量", "<", Lazy(r"<[" + CJK + r"][^<>\n]{0,19}>")),
]
_TRIGGERS = "".join({ch for _, triggers, _ in NOTE_MARKERS for ch in triggers})


def marker_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every note marker in ``text`` (they may overlap), in text order."""
    spans = [m.span() for _, triggers, pattern in NOTE_MARKERS if any(ch in text for ch in triggers)
             for m in pattern.finditer(text)]
    return sorted(spans)


def inside_marker(text: str, index: int) -> bool:
    """Whether the character at ``index`` is inside a note marker (a figure in 【待补充：3项】)."""
    return any(start <= index < end for start, end in marker_spans(text))


def mask_markers(text: str) -> str:
    """``text`` with every note marker blanked out (same length: offsets stay valid)."""
    if not any(ch in text for ch in _TRIGGERS):
        return text
    for _, triggers, pattern in NOTE_MARKERS:
        if any(ch in text for ch in triggers):
            text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text
