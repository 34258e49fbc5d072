"""Run the app under gunicorn from the ``planner serve`` command."""

from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from planner.plans.tokens import redact


class RedactingLogger(Logger):
    """gunicorn's logger with plan and share tokens taken out of every path it writes."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}

    def setup(self, cfg) -> None:
        super().setup(cfg)
        from planner.web.protection import RedactTokens

        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())


class _Server(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run_gunicorn(app: Flask, host: str, port: int, workers: int) -> None:
    """Serve with gunicorn: threads per worker, workers recycled now and then."""
    _Server(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": 4,
            "worker_class": "gthread",
            "timeout": 30,
            "max_requests": 1000,
            "max_requests_jitter": 100,
            "accesslog": "-",
            # Long shared links with many ticked skills; the app answers the rest with a 4xx page.
            "limit_request_line": 8190,
            "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss',
            "logger_class": RedactingLogger,
        },
    ).run()
