"""Settings from the environment, where the files live, and what day it is (one copy of each).

Everything the app reads from outside comes through here: ``PLANNER_*``
environment variables, the test config, the data and database locations, and
the clock (tests pin it with ``TODAY`` and ``NOW``).
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing the settings must not pull in Flask
    from flask import Flask

__all__ = [
    "DEFAULT_DATA_PATH",
    "ROOT",
    "ConfigError",
    "configure",
    "database_path",
    "instance_path",
    "now",
    "today",
]

#: The repository: data/, templates/, static/ and content/ live here.
ROOT = Path(__file__).resolve().parent.parent
#: The reference data file the app loads unless DATA_PATH says otherwise.
DEFAULT_DATA_PATH = ROOT / "data" / "nhs_bands.json"


class ConfigError(RuntimeError):
    """The app was asked to start with settings it must refuse."""


def instance_path() -> str:
    """Where the app keeps its own files: PLANNER_INSTANCE_PATH, or instance/."""
    return os.environ.get("PLANNER_INSTANCE_PATH", str(ROOT / "instance"))


def database_path() -> str:
    """The plans database: PLANNER_DATABASE, or planner.sqlite in the instance folder."""
    return os.environ.get("PLANNER_DATABASE", str(Path(instance_path()) / "planner.sqlite"))


def _secret_key(app: Flask) -> None:
    """Production needs a long SECRET_KEY from the environment; elsewhere a random one will do."""
    key = app.config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if app.config["ENV_NAME"] == "production" and (not key or len(key) < 32):
        raise ConfigError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production. "
            'Make one with: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    app.config["SECRET_KEY"] = key or secrets.token_hex(32)


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then ``PLANNER_*`` from the environment, then the test config."""
    app.config.from_mapping(
        ENV_NAME=os.environ.get("PLANNER_ENV", "development"),
        DATA_PATH=str(DEFAULT_DATA_PATH),
        DATABASE=str(Path(app.instance_path) / "planner.sqlite"),
        MAX_CONTENT_LENGTH=256 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.config.from_prefixed_env("PLANNER")
    if test_config:
        app.config.update(test_config)
    _secret_key(app)


def today() -> date:
    """Today, or the day set in config (``TODAY``) so tests can pin dates."""
    from flask import current_app, has_app_context

    configured = current_app.config.get("TODAY") if has_app_context() else None
    if isinstance(configured, date):
        return configured
    return date.fromisoformat(configured) if configured else date.today()


def now() -> datetime:
    """Now in UTC; tests move the clock with config ``NOW`` (an ISO string or datetime)."""
    from flask import current_app, has_app_context

    configured = current_app.config.get("NOW") if has_app_context() else None
    if isinstance(configured, datetime):
        return configured
    return datetime.fromisoformat(configured) if configured else datetime.now(UTC)
