"""Plans, their items and reviews, and view-only links. Only hashes of tokens.

The same tables the first SQLite version made (with sqlite-utils); a database
made then is adopted as it is (see :func:`planner.plans.db.migrate`).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from planner.plans.tables import Moment

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IDS = sa.JSON().with_variant(JSONB(), "postgresql")


def _owner() -> list[sa.Column]:
    return [
        sa.Column(
            "plan_id",
            sa.Integer,
            sa.ForeignKey("plans.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    ]


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("edit_token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("last_used_on", sa.Date, nullable=False),
        sa.Column("target_role", sa.Text, nullable=False),
        sa.Column("current_role", sa.Text, nullable=True),
        sa.Column("have", IDS, nullable=False),
        sa.Column("support", sa.Text, nullable=False),
        sa.Column("content_version", sa.Integer, nullable=False),
        sa.Column("employee_agreed_on", sa.Date, nullable=True),
        sa.Column("employee_agreed_version", sa.Integer, nullable=True),
        sa.Column("manager_agreed_on", sa.Date, nullable=True),
        sa.Column("manager_agreed_version", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("updated_at", Moment, nullable=False),
        sa.CheckConstraint("length(target_role) <= 100", name="plans_target_role_length"),
        sa.CheckConstraint("length(current_role) <= 100", name="plans_current_role_length"),
        sa.CheckConstraint("length(support) <= 600", name="plans_support_length"),
    )
    op.create_index("plans_last_used_on", "plans", ["last_used_on"])
    op.create_table(
        "plan_items",
        *_owner(),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("target_date", sa.Date, nullable=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("ref", sa.Text, nullable=True),
        sa.Column("step_kind", sa.Text, nullable=True),
        sa.Column("weeks", sa.Integer, nullable=False),
        sa.Column("gains", IDS, nullable=False),
        sa.CheckConstraint(
            "kind IN ('goal', 'milestone', 'action')", name="plan_items_kind_choice"
        ),
        sa.CheckConstraint("length(title) BETWEEN 1 AND 120", name="plan_items_title_length"),
        sa.CheckConstraint(
            "status IN ('not-started', 'in-progress', 'done')", name="plan_items_status_choice"
        ),
        sa.CheckConstraint("length(note) <= 300", name="plan_items_note_length"),
    )
    op.create_table(
        "reviews",
        *_owner(),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.CheckConstraint(
            "kind IN ('appraisal', 'check-in', 'review')", name="reviews_kind_choice"
        ),
    )
    op.create_table(
        "share_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("expires_at", Moment, nullable=False),
    )
    op.create_index("share_links_plan_id", "share_links", ["plan_id"])


def downgrade() -> None:
    for table in ("share_links", "reviews", "plan_items", "plans"):
        op.drop_table(table)
