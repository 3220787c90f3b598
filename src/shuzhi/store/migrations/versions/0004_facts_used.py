"""Each version keeps the facts its section drew on when it was drafted (``facts_used``), so a
section whose facts changed since is shown as no longer matching them. A new nullable column:
existing versions are "not known", nothing is rewritten.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("versions", sa.Column("facts_used", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("facts_used")
