"""The ``planner`` command: serve the app, print routes, check the data file."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from planner.catalogue import DEFAULT_DATA_PATH, CatalogueError, load_catalogue


@click.group()
def main() -> None:
    """NHS career pathway planner."""


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (default 5000).")
@click.option("--workers", default=None, type=int, help="Worker processes (default 2).")
@click.option("--dev", is_flag=True, help="Use Flask's reloading development server instead.")
@click.argument("gunicorn_options", nargs=-1, type=click.UNPROCESSED)
def serve(host, port, workers, dev, gunicorn_options) -> None:
    """Run the app under gunicorn with gunicorn.conf.py (SQLite in instance/ unless
    PLANNER_DATABASE_URL says otherwise). GUNICORN_CMD_ARGS and any gunicorn options
    after the planner's own also apply."""
    from planner.config import ROOT

    if dev:
        from planner import ConfigError, create_app

        try:
            app = create_app()
        except (CatalogueError, ConfigError) as err:
            raise click.ClickException(str(err)) from None
        app.run(host=host or "127.0.0.1", port=port or 5000, debug=True)
        return
    command = ["gunicorn", "--config", str(ROOT / "gunicorn.conf.py")]
    if host or port:
        command += ["--bind", f"{host or '127.0.0.1'}:{port or 5000}"]
    if workers:
        command += ["--workers", str(workers)]
    command += list(gunicorn_options)
    from gunicorn.app.wsgiapp import run

    sys.argv = command
    run()


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


@main.command("export-data")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--data", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DATA_PATH)
)
def export_data(path: str, data: str) -> None:
    """Write the reference data (not plans) to a new SQLite file that Datasette can browse."""
    from planner.reference_db import export_reference_data

    if not Path(path).parent.is_dir():
        raise click.ClickException(f"The folder {Path(path).parent} does not exist.")
    try:
        load_catalogue(data)
    except CatalogueError as err:
        raise click.ClickException(str(err)) from None
    counts = export_reference_data(data, path)
    click.echo(f"Wrote {path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()) + ".")
    click.echo(f"Browse it with: datasette {path}")


@main.command()
@click.argument("folder", type=click.Path())
@click.option(
    "--data", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_DATA_PATH)
)
@click.option(
    "--date",
    "made_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day routes are worked out from and every page says it is correct on "
    "(default: today).",
)
def pack(folder: str, data: str, made_on) -> None:
    """Write the offline edition into FOLDER (a new or empty folder): a static site that
    works from disk with no internet, a zip of it, a SCORM 1.2 package and an A4 booklet."""
    from planner.pack.build import PackError, build_pack
    from planner.pack.links import PackLinkError

    click.echo(f"Packing the offline edition into {folder} ...")
    try:
        result = build_pack(Path(folder), Path(data), made_on.date() if made_on else None)
    except (PackError, PackLinkError) as err:
        raise click.ClickException(str(err)) from None
    except CatalogueError as err:
        click.echo(str(err), err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(1)
    click.echo(
        f"Wrote {result.pages} pages: {result.jobs} jobs and {result.routes} route pages, "
        f"in {result.seconds:.0f} seconds."
    )
    for name, size in result.sizes.items():
        click.echo(f"  {name:<6} {size / 1_000_000:6.1f} MB")


# --- Plans database: set-up, backups, retention ----------------------------------------------


def _database_url(option: str | None) -> str:
    """The database a command works on: --database (an address or a SQLite file), else the
    settings (PLANNER_DATABASE_URL, PLANNER_DATABASE), else instance/planner.sqlite."""
    from planner.config import ConfigError, database_url

    try:
        if option is None:
            return database_url()
        key = "DATABASE_URL" if "://" in option else "DATABASE"
        return database_url({key: option})
    except ConfigError as err:
        raise click.ClickException(str(err)) from None


def _sqlite_file(url: str) -> Path:
    """The live SQLite file, which must be there; PostgreSQL is backed up with its own tools."""
    from planner.plans.backup import POSTGRES_HELP
    from planner.plans.database import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise click.ClickException(POSTGRES_HELP)
    return path


def _existing(url: str):
    """An engine on a database that must already be there (never a new, empty one)."""
    from planner.plans import database

    try:
        return database.open_engine(url, must_exist=True)
    except database.SchemaError as err:
        raise click.ClickException(
            f"{err} Check PLANNER_DATABASE_URL (or --database). "
            "To make a new database, run: planner init-db"
        ) from None


_DATABASE = click.option(
    "--database",
    default=None,
    metavar="URL_OR_FILE",
    help="sqlite:///path, postgresql://user@host:port/db, or a SQLite file "
    "(default: PLANNER_DATABASE_URL, or instance/planner.sqlite).",
)


@main.command("init-db")
@_DATABASE
def init_db(database: str | None) -> None:
    """Create the plans database, or bring its tables up to date (migrations)."""
    from planner.plans import database as db

    url = _database_url(database)
    path = db.sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise click.ClickException(
            f"The folder {path.parent} does not exist. Make it first, or choose another place."
        )
    engine = db.open_engine(url)
    try:
        mode = db.prepare(engine)
    except db.DatabaseError as err:
        raise click.ClickException(f"The database could not be prepared: {err}") from None
    finally:
        engine.dispose()
    click.echo(
        f"The database at {db.describe(url)} is ready "
        f"(migration {db.head_revision()}, {'journal mode ' + mode if path else mode})."
    )


def _backup_target(path: str, keep_days: int) -> Path:
    """A folder (an existing one, or a path ending in /) gets a dated file; anything else is
    the file to write. Old dated backups in a folder are deleted after ``keep_days``."""
    import time
    from datetime import datetime

    target = Path(path)
    folder = target.is_dir() or path.endswith(("/", os.sep))
    missing = target.parent if not target.is_dir() and not target.parent.is_dir() else None
    if missing is not None:
        raise click.ClickException(
            f"The folder {missing} does not exist, so nothing was backed up. "
            "Make it first (mkdir -p), or give a folder that exists."
        )
    if not folder:
        if target.suffix != ".sqlite":
            raise click.ClickException(
                f"{target} is not a folder, so nothing was backed up. To keep dated backups in a "
                "folder, end the path with / (it is made if missing); to write one file, give a "
                "name ending in .sqlite"
            )
        return target
    target.mkdir(exist_ok=True)
    cutoff = time.time() - keep_days * 86400
    for old in target.glob("planner-*.sqlite"):
        if old.stat().st_mtime < cutoff:
            old.unlink()
    return target / f"planner-{datetime.now():%Y%m%d-%H%M%S}.sqlite"


@main.command()
@click.argument("path")
@click.option(
    "--keep-days",
    default=30,
    show_default=True,
    type=click.IntRange(1, 3650),
    help="When PATH is a folder, delete backups in it older than this.",
)
@_DATABASE
def backup(path: str, keep_days: int, database: str | None) -> None:
    """Copy the live SQLite database to PATH, then check the copy.

    PATH is a folder if it exists as one or ends in / (made if missing): the
    copy is then planner-<date>-<time>.sqlite in it, and copies older than
    --keep-days go. Otherwise PATH is one file, ending in .sqlite. For
    PostgreSQL it says what to use instead.
    """
    from planner.plans.backup import BackupProblem, backup_database

    source = _sqlite_file(_database_url(database))
    target = _backup_target(path, keep_days)
    try:
        backup_database(source, target)
    except BackupProblem as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Backed up {source} to {target} (checked: ok).")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_DATABASE
@click.option("--yes", is_flag=True, help="Do not ask before replacing the live database.")
def restore(path: str, database: str | None, yes: bool) -> None:
    """Put a SQLite backup back. A copy of it must pass integrity_check and be exactly the
    planner's own schema at a migration this version knows; the copy is brought up to date
    and checked before the live database is touched, which is kept as .before-restore."""
    from planner.plans.backup import BackupProblem, check_backup, restore_database, same_file

    target = _sqlite_file(_database_url(database))
    backup = Path(path)
    if target.exists() and same_file(backup, target):
        raise click.ClickException(
            f"{path} is the live database itself, so there is nothing to restore. "
            "Give the backup file to put back."
        )
    result = check_backup(backup)
    if result != "ok":
        raise click.ClickException(f"{path} was not restored, and nothing was changed: {result}")
    click.echo(
        f"This replaces every plan in {target} with the plans in {path}. "
        "Plans deleted since the backup was made will come back, and view-only links stopped "
        "since then will work again. Plans made or changed since then will be lost "
        "(the database as it is now is kept beside it)."
    )
    if not yes:
        click.confirm("Go on?", abort=True)
    try:
        kept = restore_database(backup, target)
    except BackupProblem as err:
        raise click.ClickException(str(err)) from None
    if kept:
        click.echo(f"The database as it was is kept at {kept}.")
    click.echo(f"Restored {path} into {target} (checked: ok).")


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
    from planner.plans import database as db
    from planner.plans import store

    engine = _existing(_database_url(database))
    try:
        db.prepare(engine)
        plans, links = store.purge(engine, today(), days)
    except db.DatabaseError as err:
        raise click.ClickException(f"Nothing was deleted: {err}") from None
    finally:
        engine.dispose()
    click.echo(f"Deleted {plans} plans not used for {days} days and {links} expired links.")
