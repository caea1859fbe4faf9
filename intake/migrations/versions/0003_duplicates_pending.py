"""cases wait for the duplicate search after their commit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 12:00:00

A submission no longer searches for its possible duplicates before it answers: it marks
its case ``duplicates_pending`` and a linker searches after the commit. The cases already
filed were searched when they were filed, so they start as not pending.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("duplicates_pending", sa.Boolean(), nullable=False,
                      server_default=sa.false())
        )
    op.create_index(
        "ix_cases_duplicates_pending", "cases", ["id"],
        postgresql_where=sa.text("duplicates_pending"),
        sqlite_where=sa.text("duplicates_pending"),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_duplicates_pending", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("duplicates_pending")
