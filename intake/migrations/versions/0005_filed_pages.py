"""a page of a form files once: cases and messages keep its token's digest, unique

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 19:45:00

The web marked a filed page in the rate-limit storage after its case was stored: two posts
of one page at the same instant both filed, and without Redis each process (gunicorn worker,
instance) kept its own marks. The digest now goes into the case's or message's own row,
under a unique index (``intake.filed_once``). Rows filed before have none (NULL, never
equal to another).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("cases", "messages")


def upgrade() -> None:
    for table in TABLES:
        # A nullable column and an index: no table copy on SQLite.
        op.add_column(table, sa.Column("page_hash", sa.String(length=32), nullable=True))
        op.create_index(f"ix_{table}_page_hash", table, ["page_hash"], unique=True)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_page_hash", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("page_hash")
