"""Alembic's entry point. ``shuzhi.store.schema.upgrade`` runs it with a connection of its
own (``config.attributes["connection"]``), inside the transaction that holds its lock.

A new revision, after changing the tables in ``schema.py`` (then set ``schema.HEAD``), made
against a database at the previous head (``SHUZHI_DB``, or the usual one):

    alembic -c src/shuzhi/store/migrations/alembic.ini revision --autogenerate -m "…"

Mind SQLite: a change it cannot ALTER needs a table rebuilt, and dropping ``drafts`` with
foreign keys on would delete every section through ON DELETE CASCADE.
"""

from __future__ import annotations

from alembic import context

from shuzhi.store.schema import Base


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:  # the alembic command line
    from sqlalchemy import create_engine

    from shuzhi.config import database_url

    with create_engine(database_url()).connect() as connection:
        run(connection)
