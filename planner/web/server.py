"""What gunicorn runs (see ``gunicorn.conf.py``): the app, and a logger that keeps tokens out.

``planner serve`` runs gunicorn with ``gunicorn.conf.py``; so can anyone, with
``gunicorn -c gunicorn.conf.py``, and ``GUNICORN_CMD_ARGS`` and command-line
options change any setting, as gunicorn's own documentation says.
"""

from __future__ import annotations

import os
import sys
import traceback

from flask import Flask
from gunicorn.glogging import Logger

from planner.web.logs import JsonFormatter, clean, guard

__all__ = ["RedactingLogger", "application", "on_starting"]


def application() -> Flask:
    """The app for gunicorn; a setting or data file it must refuse stops the start plainly."""
    from planner import ConfigError, create_app
    from planner.catalogue import CatalogueError

    try:
        return create_app()
    except (CatalogueError, ConfigError) as err:
        print(f"The planner did not start: {err}", file=sys.stderr)
        raise SystemExit(1) from None


def on_starting(server) -> None:
    """gunicorn's hook, in the master before any worker starts: tell the app its workers.

    Rate limits counted in memory are shared out between the worker processes
    (:mod:`planner.web.protection`), and each worker must keep a thread free
    beside its route searches (:mod:`planner.web.slots`); a thread count too
    small for that stops the start with a message saying what to change.
    """
    from planner.web.slots import check_threads

    app = server.app.wsgi()
    app.config["WORKER_PROCESSES"] = server.cfg.workers
    problem = check_threads(app.config, server.cfg.threads)
    if problem:
        print(f"The planner did not start: {problem}", file=sys.stderr)
        raise SystemExit(1)


def _json_logs() -> bool:
    return os.environ.get("PLANNER_LOG_FORMAT", "text") == "json"


#: Paths whose access lines name no client address: using the spent-date checker is itself
#: something about a person (templates/help/privacy.html says so).
UNADDRESSED = ("/check-spent",)


class RedactingLogger(Logger):
    """gunicorn's logger, with every path cleaned (no tokens, no control characters), and no
    client address beside the spent-date checker's requests.

    With ``PLANNER_LOG_FORMAT=json`` each access line is one JSON object, with
    the request id the app sent back (``X-Request-Id``).
    """

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if str(environ.get("PATH_INFO", "")).startswith(UNADDRESSED):
            atoms["h"] = "-"
        return {k: clean(v) if isinstance(v, str) else v for k, v in atoms.items()}

    def access(self, resp, req, environ, request_time) -> None:
        if not _json_logs():
            super().access(resp, req, environ, request_time)
            return
        if not self.access_log_enabled:
            return
        atoms = self.atoms_wrapper_class(self.atoms(resp, req, environ, request_time))
        line = {
            "client": atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "status": atoms["s"],
            "bytes": atoms["B"],
            "seconds": float(atoms["L"]),
            "request_id": atoms["{x-request-id}o"],
        }
        try:
            self.access_log.info(
                "%s %s %s", line["method"], line["path"], line["status"], extra={"fields": line}
            )
        except Exception:
            self.error(traceback.format_exc())

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            guard(log)
            if _json_logs():
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())
