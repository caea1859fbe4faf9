"""cases keep their text cut into words for the duplicate search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:50:00

Every process's duplicate search cut each candidate's text again (jieba, the largest part
of a search); the first search that compares a case now keeps its words. Cases filed before
keep none and are cut from their text as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("words", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("words")
