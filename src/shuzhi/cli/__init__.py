"""The ``shuzhi`` command: a thin client of the library.

Each command lives in its own module and imports the library inside the function, so that
``shuzhi check`` never pays for langchain, streamlit or python-docx.
"""

from __future__ import annotations

import typer

from shuzhi.cli.usage import ChineseGroup

app = typer.Typer(
    cls=ChineseGroup,  # usage errors as one Chinese line
    name="shuzhi",
    help="述职助手：起草、检查、导出年度述职报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Command modules register themselves on `app` when imported.
from shuzhi.cli import check, draft, export, import_edits, outline, regenerate, serve, templates  # noqa: E402,F401


def _show_notices() -> None:
    """How a document was read (``shuzhi.documents.DocumentNotice``): one 提示 line on stderr."""
    import sys
    import warnings

    from shuzhi.documents import DocumentNotice

    default = warnings.showwarning

    def show(message, category, *args, **kwargs):
        if issubclass(category, DocumentNotice):
            print(f"提示：{message}", file=sys.stderr)
        else:
            default(message, category, *args, **kwargs)

    warnings.showwarning = show
    warnings.simplefilter("always", DocumentNotice)


def main() -> None:
    _show_notices()
    try:
        app()
    finally:
        # Everything the command made is done with: leave it out of the interpreter's last
        # garbage collection, which otherwise walks every imported module's objects (~0.2 s
        # of a `shuzhi draft`). Files and the database are already flushed and closed.
        import gc

        gc.freeze()


# Kept apart from the list above so that branches adding commands there merge cleanly.
from shuzhi.cli import (  # noqa: E402
    drafts,  # noqa: F401
    facts,  # noqa: F401
    models,  # noqa: F401
)
