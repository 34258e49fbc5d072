"""The ``planner`` command: serve the app, print routes, check the data file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from planner.catalogue import DEFAULT_DATA_PATH, CatalogueError, load_catalogue


@click.group()
def main() -> None:
    """NHS career pathway planner."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--dev", is_flag=True, help="Use Flask's reloading development server instead.")
def serve(host: str, port: int, workers: int, dev: bool) -> None:
    """Run the app (SQLite in the instance/ folder unless PLANNER_DATABASE says otherwise)."""
    from planner import ConfigError, create_app

    try:
        app = create_app()
    except (CatalogueError, ConfigError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"The planner is running at http://{host}:{port}/ (press Ctrl+C to stop)")
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    from planner.web.server import run_gunicorn

    run_gunicorn(app, host=host, port=port, workers=workers)


@main.command()
@click.option("--have", "have", multiple=True, metavar="SKILL", help="A skill id you have.")
@click.option("--to", "target", required=True, metavar="ROLE", help="The role id you want.")
@click.option("--from", "current", metavar="ROLE", help="The role id you are in now.")
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 10))
@click.option("--json", "as_json", is_flag=True, help="Print JSON like /api/routes.")
@click.option("--data", type=click.Path(dir_okay=False), default=str(DEFAULT_DATA_PATH))
def route(have, target, current, limit, as_json, data) -> None:
    """Print the best routes from the skills you have to a role."""
    from planner.api.shapes import route_json
    from planner.config import today
    from planner.pathways import NoRoute, UnknownRole, UnknownSkill, build_graph, find_routes

    try:
        graph = build_graph(load_catalogue(data))
        found = find_routes(
            graph, list(have), target, current_role=current, limit=limit, on=today()
        )
    except CatalogueError as err:
        raise click.ClickException(str(err)) from None
    except UnknownRole as err:
        hint = f" Did you mean: {', '.join(err.suggestions)}?" if err.suggestions else ""
        raise click.ClickException(f"{err}{hint}") from None
    except UnknownSkill as err:
        lines = [str(err)]
        for value, near in err.suggestions.items():
            if near:
                lines.append(f"  {value}: did you mean {', '.join(near)}?")
        raise click.ClickException("\n".join(lines)) from None
    except NoRoute as err:
        if as_json:
            click.echo(
                json.dumps({"routes": [], "missing": list(err.missing), "message": err.reason})
            )
            sys.exit(1)
        raise click.ClickException(f"No route to {target}. {err.reason}") from None
    if as_json:
        click.echo(json.dumps({"routes": [route_json(r) for r in found]}, indent=2))
        return
    for n, r in enumerate(found, 1):
        click.echo(f"Route {n}: about {r.total_weeks} weeks")
        if not r.steps:
            click.echo("  You are already in this role.")
        for step in r.steps:
            gains = f" (gives: {', '.join(step.gains)})" if step.gains else ""
            click.echo(f"  - {step.kind}: {step.title}, {step.weeks} weeks{gains}")


@main.command("check-data")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def check_data(path: str | None) -> None:
    """Check a data file and list every problem with where it is."""
    target = Path(path) if path else DEFAULT_DATA_PATH
    try:
        catalogue = load_catalogue(target)
    except CatalogueError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    click.echo(
        f"{target} is valid: {len(catalogue.roles)} roles, {len(catalogue.skills)} skills, "
        f"{len(catalogue.learning)} courses and apprenticeships, "
        f"{len(catalogue.experience)} kinds of experience."
    )


# --- Plans database: set-up, backups, retention ----------------------------------------------


def _database_path() -> str:
    """The database ``planner serve`` uses: PLANNER_DATABASE, or instance/planner.sqlite."""
    from planner.config import database_path

    return database_path()


_DATABASE = click.option(
    "--database",
    type=click.Path(dir_okay=False),
    default=None,
    help="The SQLite file (default: PLANNER_DATABASE, or instance/planner.sqlite).",
)


@main.command("init-db")
@_DATABASE
def init_db(database: str | None) -> None:
    """Create the plans database, or bring its tables up to date."""
    from planner.plans.db import prepare_db

    path = database or _database_path()
    mode = prepare_db(path)
    click.echo(f"The database at {path} is ready (journal mode {mode}).")


@main.command()
@click.argument("path", type=click.Path())
@click.option(
    "--keep-days",
    default=30,
    show_default=True,
    type=click.IntRange(1, 3650),
    help="When PATH is a folder, delete backups in it older than this.",
)
@_DATABASE
def backup(path: str, keep_days: int, database: str | None) -> None:
    """Copy the live database to PATH (a file, or a folder for a dated file), then check the copy."""
    import time
    from datetime import datetime

    from planner.plans import store

    source = database or _database_path()
    target = Path(path)
    if target.is_dir():
        target = target / f"planner-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        cutoff = time.time() - keep_days * 86400
        for old in Path(path).glob("planner-*.sqlite"):
            if old.stat().st_mtime < cutoff:
                old.unlink()
    result = store.backup_database(source, target)
    if result != "ok":
        raise click.ClickException(f"The backup failed its integrity check: {result}")
    click.echo(f"Backed up {source} to {target} (integrity check: ok).")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_DATABASE
@click.option("--yes", is_flag=True, help="Do not ask before replacing the live database.")
def restore(path: str, database: str | None, yes: bool) -> None:
    """Put a backup back: it must pass integrity_check first; every plan made since is lost."""
    from planner.plans import store

    target = database or _database_path()
    result = store.integrity_check(path)
    if result != "ok":
        raise click.ClickException(
            f"{path} failed its integrity check, so it was not restored: {result}"
        )
    if not yes:
        click.confirm(f"Replace every plan in {target} with the plans in {path}?", abort=True)
    result = store.restore_database(path, target)
    if result != "ok":
        raise click.ClickException(f"The restored database failed its integrity check: {result}")
    click.echo(f"Restored {path} into {target} (integrity check: ok).")


@main.command()
@click.option(
    "--days",
    default=365,
    show_default=True,
    type=click.IntRange(1, 36500),
    help="Delete plans nobody has opened or changed for this many days.",
)
@_DATABASE
def purge(days: int, database: str | None) -> None:
    """Delete old plans and expired view-only links. Run it once a day (see the README)."""
    from planner.config import today
    from planner.plans import store

    db = store.connect(database or _database_path())
    try:
        store.prepare(db)
        plans, links = store.purge(db, today(), days)
    finally:
        db.conn.close()
    click.echo(f"Deleted {plans} plans not used for {days} days and {links} expired links.")
