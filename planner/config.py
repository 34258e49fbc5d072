"""Settings from the environment, where the files live, and what day it is (one copy of each).

Everything the app reads from outside comes through here: ``PLANNER_*``
environment variables, the test config, the data and database locations, and
the clock (tests pin it with ``TODAY`` and ``NOW``).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # importing the settings must not pull in Flask
    from flask import Flask

__all__ = [
    "DEFAULT_DATA_PATH",
    "ROOT",
    "ConfigError",
    "configure",
    "database_url",
    "default_database",
    "instance_path",
    "now",
    "today",
]

#: The repository: data/, templates/, static/ and content/ live here.
ROOT = Path(__file__).resolve().parent.parent
#: Route searches at once per process, how many may wait, and for how long (planner.web.slots).
SEARCH_DEFAULTS = {"SEARCH_SLOTS": 2, "SEARCH_QUEUE": 2, "SEARCH_WAIT": 10.0}
#: The reference data file the app loads unless DATA_PATH says otherwise.
DEFAULT_DATA_PATH = ROOT / "data" / "nhs_bands.json"


class ConfigError(RuntimeError):
    """The app was asked to start with settings it must refuse."""


def instance_path() -> str:
    """Where the app keeps its own files: PLANNER_INSTANCE_PATH, or instance/."""
    return os.environ.get("PLANNER_INSTANCE_PATH", str(ROOT / "instance"))


def default_database() -> Path:
    """Where plans are kept when no setting says otherwise: planner.sqlite in the instance folder."""
    return Path(instance_path()) / "planner.sqlite"


def database_url(settings: Mapping[str, Any] | None = None) -> str:
    """The plans database as an SQLAlchemy address, from the settings or the environment.

    ``DATABASE_URL`` (``PLANNER_DATABASE_URL``): ``sqlite:///path`` or
    ``postgresql://user@host:port/db`` (psycopg 3 is the driver). ``DATABASE``
    (``PLANNER_DATABASE``, a SQLite file) still works as before. Neither: the default.

    >>> database_url({"DATABASE_URL": "postgresql://planner@db:5432/plans"})
    'postgresql+psycopg://planner@db:5432/plans'
    >>> database_url({"DATABASE": "/srv/plans.sqlite"})
    'sqlite:////srv/plans.sqlite'
    """
    if settings is None:
        settings = {
            "DATABASE_URL": os.environ.get("PLANNER_DATABASE_URL"),
            "DATABASE": os.environ.get("PLANNER_DATABASE"),
        }
    url, path = settings.get("DATABASE_URL"), settings.get("DATABASE")
    if url and path:
        raise ConfigError(
            "Both PLANNER_DATABASE_URL and PLANNER_DATABASE are set. Set only "
            "PLANNER_DATABASE_URL (PLANNER_DATABASE is the older name for a SQLite file)."
        )
    if not url:
        return "sqlite:///" + str(Path(path).absolute() if path else default_database())
    scheme, _, rest = str(url).partition("://")
    if scheme in ("postgresql", "postgres", "postgresql+psycopg") and rest:
        return "postgresql+psycopg://" + rest
    if scheme == "sqlite" and rest.startswith("/") and len(rest) > 1:
        return str(url)
    raise ConfigError(
        "PLANNER_DATABASE_URL must look like sqlite:///path/to/planner.sqlite or "
        "postgresql://user@host:5432/database."
    )


def proxy_networks(value: object) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The addresses PROXY_ADDRESSES names: a list, or text with commas between.

    >>> [str(n) for n in proxy_networks("127.0.0.1/8, ::1,10.0.0.5")]
    ['127.0.0.0/8', '::1/128', '10.0.0.5/32']
    """
    items = value.split(",") if isinstance(value, str) else value
    try:
        return tuple(ipaddress.ip_network(str(item).strip(), strict=False) for item in items)
    except (TypeError, ValueError):
        raise ConfigError(
            "PLANNER_PROXY_ADDRESSES must be the addresses of the proxies in front of the "
            "planner, with commas between, like 10.0.0.5 or 10.0.0.0/24."
        ) from None


def _check_proxy_settings(config: Mapping[str, Any]) -> None:
    """PROXY_HOPS is a small whole number; BASE_URL is just a scheme and a host, and production
    must have one."""
    hops = config.get("PROXY_HOPS", 0)
    if isinstance(hops, bool) or not isinstance(hops, int) or not 0 <= hops <= 5:
        raise ConfigError(
            "PLANNER_PROXY_HOPS must be a whole number from 0 to 5: how many proxies "
            "(load balancers) sit in front of the planner."
        )
    proxy_networks(config.get("PROXY_ADDRESSES", ""))
    base = config.get("BASE_URL")
    if config.get("ENV_NAME") == "production" and not base:
        raise ConfigError(
            "PLANNER_BASE_URL must be set in production: the planner's public address, like "
            "https://careers.example.nhs.uk. Plan links, share links and QR codes are built on "
            "it; without it they would carry whatever Host header a client sent."
        )
    if base:
        parts = urlsplit(str(base))
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise ConfigError(
                "PLANNER_BASE_URL must be the planner's address with no path, "
                "like https://careers.example.nhs.uk"
            )
        if parts.query or parts.fragment or parts.username:
            raise ConfigError("PLANNER_BASE_URL must not have a query, a # part or a user name.")


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
        MAX_CONTENT_LENGTH=256 * 1024,
        PROXY_HOPS=0,
        # Only these may set X-Forwarded-For: the proxy on this machine, unless said otherwise.
        PROXY_ADDRESSES="127.0.0.0/8,::1",
        BASE_URL=None,
        LOG_FORMAT="text",
        JSON_SORT_KEYS=False,
        **SEARCH_DEFAULTS,
    )
    app.config.from_prefixed_env("PLANNER")
    if test_config:
        app.config.update(test_config)
        # A database named by the caller wins over one named in the environment.
        for named, other in (("DATABASE", "DATABASE_URL"), ("DATABASE_URL", "DATABASE")):
            if named in test_config and other not in test_config:
                app.config.pop(other, None)
    app.config["DATABASE_URL"] = database_url(app.config)
    _check_proxy_settings(app.config)
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
