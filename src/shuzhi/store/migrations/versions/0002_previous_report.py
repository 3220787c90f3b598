"""Last year's report is ``previous_report`` everywhere: the column ``context`` renamed
(SQLite ≥ 3.25 and PostgreSQL rename in place; no table is rebuilt, no row touched).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("drafts", "context", new_column_name="previous_report")


def downgrade() -> None:
    op.alter_column("drafts", "previous_report", new_column_name="context")
