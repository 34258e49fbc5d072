"""A review can be recorded as done, with a short note of what was said.

Two columns on ``reviews``: ``done_on`` (the day it happened, empty until then) and
``note`` (empty for reviews recorded before). The same statements run on SQLite and
PostgreSQL: ``ADD COLUMN`` with its own named CHECK, as in 0002, because SQLite cannot
add a constraint to a table afterwards.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: NOTE_MAX when this migration was written: a migration never changes with the model.
LONGEST = 300


def upgrade() -> None:
    op.execute("ALTER TABLE reviews ADD COLUMN done_on DATE")
    op.execute(
        "ALTER TABLE reviews ADD COLUMN note TEXT NOT NULL DEFAULT ''"
        f" CONSTRAINT reviews_note_length CHECK (length(note) <= {LONGEST})"
    )


def downgrade() -> None:
    for column in ("note", "done_on"):
        op.drop_column("reviews", column)
