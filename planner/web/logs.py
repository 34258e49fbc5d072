"""Logs that are safe to keep: no plan or share token, no forged lines, a request id on each.

* **Tokens.** A plan or share token is the only key to a plan, so no log may
  hold one, in any spelling of its path: ``/plans/<t>``, ``/plans//<t>``,
  ``/PLANS/<t>``, ``/shared/%2F<t>`` ... Any other run of 32 or more
  token-like characters (outside a lowercase slug such as a role id) is
  redacted too, wherever it is: a token in a query, a referrer or a path the
  planner does not know.
* **Forged lines.** A path may hold a decoded newline; written as it is it
  would start a false log line. Control characters are written escaped (``\\n``).
* **Request ids.** Each request gets an id: the ``X-Request-Id`` a proxy sent
  (letters, digits and dashes only), or a new one. It is sent back in the
  response, so the access log and the app log can be matched.
* **JSON.** With ``PLANNER_LOG_FORMAT=json`` every line is one JSON object.

The gunicorn side (access log and error log) is :mod:`planner.web.server`.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

__all__ = ["JsonFormatter", "RedactTokens", "clean", "init_app", "redact", "request_id"]

_SEP = r"(?:/|\\|%2f|%5c)+"
#: A plan or share path in any spelling, then at least 16 characters of a token.
_PLAN_PATH = re.compile(rf"(?i)({_SEP}(?:plans|shared){_SEP})[A-Za-z0-9_%-]{{16,}}")
#: A long run of the characters tokens are made of (43 of them in a whole token).
_TOKENISH = re.compile(r"[A-Za-z0-9_%-]{32,}")
#: Role, skill and course ids: lowercase words and dashes. These are not secrets.
_SLUG = re.compile(r"[a-z0-9-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


def redact(text: str) -> str:
    """Text with every plan or share token taken out.

    >>> token = "Ab_9" * 10 + "xyz"
    >>> redact(f"GET /plans/{token}.pdf") == "GET /plans/[redacted].pdf"
    True
    >>> redact(f"/PLANS//{token} and /shared%2F{token[:20]}")
    '/PLANS//[redacted] and /shared%2F[redacted]'
    >>> redact(f"/somewhere?next={token}")
    '/somewhere?next=[redacted]'
    >>> redact("/roles/business-administrator-apprenticeship-level-3")
    '/roles/business-administrator-apprenticeship-level-3'
    """
    text = _PLAN_PATH.sub(r"\1[redacted]", text)
    return _TOKENISH.sub(lambda m: m[0] if _SLUG.fullmatch(m[0]) else "[redacted]", text)


def escape_controls(text: str) -> str:
    r"""Control characters written as escapes, so one record is one line.

    >>> escape_controls("/a\nGET /forged 200\r\x1b[31m")
    '/a\\nGET /forged 200\\r\\x1b[31m'
    """
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def clean(text: str) -> str:
    """What may be written to a log: tokens out, control characters escaped."""
    return escape_controls(redact(text))


def request_id() -> str | None:
    """This request's id (made on first use), or ``None`` outside a request."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        sent = request.headers.get("X-Request-Id", "")
        g.request_id = sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
    return g.request_id


class RedactTokens(logging.Filter):
    """Clean a record's message (and redact its traceback) and note the request id."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", None):
            line["request_id"] = record.request_id
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(self.formatException(record.exc_info))
        if record.exc_text:
            line["error"] = record.exc_text
        line.update(getattr(record, "fields", {}))
        return json.dumps(line, ensure_ascii=False)


def guard(logger: logging.Logger, json_lines: bool = False) -> None:
    """Put the filter on a logger (once), and the JSON formatter on its handlers if asked."""
    if not any(isinstance(f, RedactTokens) for f in logger.filters):
        logger.addFilter(RedactTokens())
    if json_lines:
        for handler in logger.handlers:
            handler.setFormatter(JsonFormatter())


def _send_request_id(response: Response) -> Response:
    response.headers["X-Request-Id"] = request_id() or ""
    return response


def init_app(app: Flask) -> None:
    """Every response says its request id; the app's logs are cleaned (and JSON if asked)."""
    if app.config.get("LOG_FORMAT") not in ("text", "json"):
        from planner.config import ConfigError

        raise ConfigError("PLANNER_LOG_FORMAT must be text or json.")
    app.after_request(_send_request_id)
    for logger in (app.logger, logging.getLogger("werkzeug")):
        guard(logger, json_lines=app.config["LOG_FORMAT"] == "json")
