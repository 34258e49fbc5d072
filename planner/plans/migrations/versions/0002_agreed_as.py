"""The role each side named when agreeing to a plan ("Porter", "Line manager"), never a name.

Two text columns on ``plans``, empty for plans agreed before they existed. The
same statement runs on SQLite and PostgreSQL: ``ADD COLUMN`` with its own
named CHECK, because SQLite cannot add a constraint to a table afterwards.
A SQLite database whose sqlite-utils migration ``m002_agreed_as`` already added
them is adopted at this revision (see :func:`planner.plans.database.known_schema`).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SIDES = ("employee", "manager")
#: AGREED_AS_MAX when this migration was written: a migration never changes with the model.
LONGEST = 60


def upgrade() -> None:
    for side in SIDES:
        column = f"{side}_agreed_as"
        op.execute(
            f"ALTER TABLE plans ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
            f" CONSTRAINT plans_{column}_length CHECK (length({column}) <= {LONGEST})"
        )


def downgrade() -> None:
    for side in SIDES:
        op.drop_column("plans", f"{side}_agreed_as")
