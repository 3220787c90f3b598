"""One report being worked on, for every front end. ``DraftSession`` (``core.py``) owns
create / open / resume / draft / regenerate / restore / edit / import / export; ``saving.py``
the save policy (each section saved as it finishes; retry, then a backup, when the database
fails); ``structure.py`` the sections laid out by a changed outline; ``checking.py`` the
checker's findings placed in sections; ``exporting.py`` file names and formats;
``listing.py`` which saved drafts a start page may offer; ``jobs.py`` drafting as a job of the
server process (the app's way: it outlives the page that started it). Nothing here knows
Streamlit or typer: progress reaches either through a ``DraftCallback``.
"""

from shuzhi.session.checking import CheckResult, SectionFinding, fixable, rebase
from shuzhi.session.core import QUICK_INSTRUCTIONS, DraftSession
from shuzhi.session.exporting import Export, export_formats, safe_filename
from shuzhi.session.listing import draft_id_from, drafts_listed, listed_drafts
from shuzhi.session.saving import DraftNotSaved, backup_path, unsaved_dir, write_backup

__all__ = ["QUICK_INSTRUCTIONS", "CheckResult", "DraftNotSaved", "DraftSession", "Export", "SectionFinding",
           "backup_path", "draft_id_from", "drafts_listed", "export_formats", "fixable",
           "listed_drafts", "rebase", "safe_filename", "unsaved_dir", "write_backup"]
