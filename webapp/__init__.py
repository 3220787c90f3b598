"""The Streamlit front end of 述职助手: ``app.py`` (next to this folder) is its entry point.

``pages/`` holds one script per page, each run by ``st.navigation``; the modules here are
what the pages share: the state of one browser session (``state``), the one way a failure
reaches the user (``errors``), the sidebar, the model settings and the progress views. All
the work is done by the ``shuzhi`` library; this package only draws it. Nothing under
``shuzhi`` imports this package (the library never imports Streamlit).

The folder is found next to ``app.py`` (Streamlit puts the entry point's folder on
``sys.path``), in the repository and wherever both are installed together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# the sample facts a first-time user can try everything with (next to app.py in the repository)
SAMPLE_FACTS = Path(__file__).resolve().parents[1] / "samples" / "facts-2022.yaml"


@dataclass(frozen=True)
class Step:
    script: str  # relative to app.py's folder, as st.Page and st.switch_page take it
    title: str
    icon: str


START = Step("webapp/pages/start.py", "新建或打开", ":material/home:")
SIGN_IN = Step("webapp/pages/sign_in.py", "登录", ":material/login:")
FACTS = Step("webapp/pages/facts.py", "填写事实", ":material/edit_note:")
RECORDS = Step("webapp/pages/records.py", "导入工作记录", ":material/upload_file:")
OUTLINE = Step("webapp/pages/outline.py", "审阅提纲", ":material/format_list_numbered:")
DRAFTING = Step("webapp/pages/drafting.py", "起草", ":material/edit_document:")
REVIEW = Step("webapp/pages/review.py", "修改与检查", ":material/fact_check:")
CHANGES = Step("webapp/pages/changes.py", "对照去年", ":material/compare:")  # update mode (#17)
REPORT = Step("webapp/pages/report.py", "通读全文", ":material/article:")
EXPORT = Step("webapp/pages/export.py", "导出", ":material/download:")
STEPS = (FACTS, RECORDS, OUTLINE, DRAFTING, REVIEW, CHANGES, REPORT, EXPORT)  # a report's pages, in the order of the work


def next_step(title: str) -> Step | None:
    """The step after the page titled ``title``; None after the last."""
    titles = [s.title for s in STEPS]
    return STEPS[titles.index(title) + 1] if title in titles[:-1] else None
