"""Sections no longer keep the checker's findings (``sections.findings``): the review pages and
``shuzhi check`` check the current text whenever they show it, so a stored copy was never read.
SQLite cannot drop a column in place on every version in use: the table is rebuilt (batch
mode); no other table refers to ``sections``, so nothing cascades.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.drop_column("findings")


def downgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.add_column(sa.Column("findings", sa.JSON(), nullable=False, server_default="[]"))
