"""Drafting jobs (``jobs``: one row per run of the drafter, owned by a server process through
a lease) and the model settings a draft was drafted with (``drafts.model``: provider, base
URL and model — never a key).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("drafts", sa.Column("model", sa.JSON(), nullable=True))
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("draft_id", sa.String(64), sa.ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=True),
        sa.Column("model", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("lease_owner", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished", sa.JSON(), nullable=False),
        sa.Column("failed", sa.JSON(), nullable=False),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_jobs_draft_id", "jobs", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_jobs_draft_id", "jobs")
    op.drop_table("jobs")
    op.drop_column("drafts", "model")
