"""Alembic's entry point for the plan tables (run by ``planner init-db`` and on start).

The app passes its own connection, already inside the transaction that holds
the migration lock (see :func:`planner.plans.db.migrate`). Run by hand
(``.venv/bin/alembic upgrade head``, ``alembic revision --autogenerate -m ...``)
it connects to the database the settings name (``PLANNER_DATABASE_URL``).
"""

from __future__ import annotations

from alembic import context

from planner.plans.tables import metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # run by hand: connect to the database the settings name
    from planner.config import database_url
    from planner.plans.db import open_engine

    engine = open_engine(database_url())
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()
