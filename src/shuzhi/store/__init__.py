"""Where drafts live between visits: SQLAlchemy 2.x over SQLite (default) or PostgreSQL.

    schema.py      the tables, and bringing a database up to them (Alembic, migrations/)
    engine.py      one engine per URL; SQLite's WAL, busy timeout and one-writer queue
    errors.py      the database's faults as one Chinese line
    repository.py  ``Store``: drafts in and out, whole, with optimistic revisions
"""

from shuzhi.store.engine import engine_for, lock_timeout
from shuzhi.store.errors import ConflictError, DraftNotFound, StoreError, StoreUnavailable, describe_database
from shuzhi.store.repository import DraftSummary, Store
from shuzhi.store.schema import Base

__all__ = ["Base", "ConflictError", "DraftNotFound", "DraftSummary", "Store", "StoreError",
           "StoreUnavailable", "describe_database", "engine_for", "lock_timeout"]
