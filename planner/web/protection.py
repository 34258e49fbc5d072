"""What keeps plans safe on the web: CSRF tokens, cookie settings, rate limits, quiet logs.

* Flask-WTF's ``CSRFProtect`` checks every POST, PUT, PATCH and DELETE in the
  app (htmx requests too: they send the form's hidden ``csrf_token``).
* The only cookie holds the CSRF secret. It is HttpOnly and SameSite=Lax, and
  in production Secure with the ``__Host-`` prefix.
* Flask-Limiter counts requests per client address (behind a proxy, the
  address ``PLANNER_PROXY_HOPS`` trusts: see :mod:`planner.web.address`), over
  a moving window: a minute's budget cannot be spent at the end of one minute
  and again at the start of the next. Route questions, the costliest requests,
  share one budget whether they come to ``/route`` or ``/api/routes``, and it
  cannot be spent in one burst (at most 20 in any 10 seconds).
* ``PLANNER_RATELIMIT_STORAGE_URI`` says where the counts are kept:
  ``redis://host:port`` counts once for every worker and instance;
  ``memory://`` (the default) counts in each process, so each of N gunicorn
  workers allows a client 1/N of every limit (gunicorn tells the app N: see
  :mod:`planner.web.server`). If Redis stops answering, each process counts in
  its own memory until it is back.
* Logs never hold a token: see :mod:`planner.web.logs`.
"""

from __future__ import annotations

from math import ceil

from flask import Flask, current_app, render_template, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from limits import parse_many

__all__ = ["csrf", "init_app", "limit", "limiter", "route_question_limit"]

csrf = CSRFProtect()
#: Where it counts comes from the RATELIMIT_STORAGE_URI setting (PLANNER_RATELIMIT_STORAGE_URI).
#: A moving window: every limit holds over any span of its length, not only in set slots.
limiter = Limiter(key_func=get_remote_address, strategy="moving-window")

#: Limits per client address. Settings of the same name (PLANNER_ROUTE_LIMIT ...) override them.
#: Generous: a probation hub or an office may send many people through one address.
DEFAULT_LIMITS = {
    "PLAN_LIMIT_CREATE": "20 per hour",
    "PLAN_LIMIT_LOOKUP": "120 per minute",
    "PLAN_LIMIT_SAVE": "120 per minute",
    "PLAN_LIMIT_EXPORT": "30 per minute",
    # Each route question can take a while to answer; a flood of them must not starve the
    # rest. One budget for /route and /api/routes, which cannot be spent in one burst.
    "ROUTE_LIMIT": "60 per minute;20 per 10 seconds",
    "SPENT_LIMIT": "30 per minute",
}


#: How long a request may wait for Redis before its process counts in memory instead. Without
#: a timeout a frozen Redis (one that takes connections and never answers) held each request
#: 5 to 10 seconds; redis-py's own retries would each wait again.
REDIS_OPTIONS = {"socket_timeout": 0.25, "socket_connect_timeout": 0.25}


#: What a client over a limit is told (the page and the API say the same).
OVER_THE_LIMIT = (
    "There have been a lot of requests from you in a short time. Wait 1 minute, then try again."
)


def per_process(limits: str, processes: int) -> str:
    """Each process's share of a limit that every process counts on its own.

    >>> per_process("60 per minute;20 per 10 seconds", 2)
    '30 per 1 minute;10 per 10 second'
    >>> per_process("3 per hour", 2)
    '2 per 1 hour'
    """
    if processes <= 1:
        return limits
    return ";".join(
        f"{ceil(item.amount / processes)} per {item.multiples} {item.GRANULARITY.name}"
        for item in parse_many(limits)
    )


def _configured(name: str) -> str:
    """A limit read from config at request time (so tests and load runs can change it).

    Counted in memory, each gunicorn worker keeps its own count, so each gets
    its share: a client never has more than the limit, whichever workers answer it.
    """
    config = current_app.config
    if not str(config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        return config[name]
    return per_process(config[name], int(config.get("WORKER_PROCESSES") or 1))


def limit(name: str):
    """A rate limit of its own for the views it decorates, named by its setting."""
    return limiter.limit(lambda: _configured(name), error_message=OVER_THE_LIMIT)


#: Route questions, whatever address they come to, share one budget (``ROUTE_LIMIT``).
route_question_limit = limiter.shared_limit(
    lambda: _configured("ROUTE_LIMIT"), scope="route-questions", error_message=OVER_THE_LIMIT
)


def _csrf_failed(err: CSRFError):
    """A friendly page for a form sent without a valid token (too old, or not from us)."""
    lines = (
        "We could not save this because the form did not come from this website, or your "
        "browser did not keep our cookie.",
        "Nothing was saved. Go back, reload the page and try again.",
    )
    html = render_template(
        "web/error.html",
        code=400,
        title="Sorry, we could not save that",
        lines=lines,
        suggestions=(),
        suggestions_heading="",
    )
    return html, 400


def stable_csrf_token() -> str:
    """One signed CSRF token per browser session (the template global ``csrf_token``).

    Flask-WTF signs a fresh token with the time on every call, so a page and the
    htmx fragment of it would differ. The token is tied to the session cookie
    (HttpOnly, SameSite=Lax) and has no time limit of its own.
    """
    token = session.get("csrf_form_token")
    if token is None:
        token = generate_csrf()
        session["csrf_form_token"] = token
    return token


def _cookie_settings(app: Flask) -> None:
    production = app.config.get("ENV_NAME") == "production"
    secure = production or bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.config["SESSION_COOKIE_SECURE"] = secure
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if secure and app.config["SESSION_COOKIE_NAME"] == "session":
        # Browsers accept a __Host- cookie only if it is Secure, for this host, on path /.
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"


def init_app(app: Flask) -> None:
    """CSRF for every form, hardened cookies, and rate limits."""
    _cookie_settings(app)
    # The token lives as long as the browser session (see stable_csrf_token).
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    for name, value in DEFAULT_LIMITS.items():
        app.config.setdefault(name, value)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "planner")
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    # Requests that meet a lost Redis at the same moment: one moves the process to counting in
    # memory, and the rest would raise their Redis error as a 500. They go on, uncounted once.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    if str(app.config["RATELIMIT_STORAGE_URI"]).startswith(("redis://", "rediss://")):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        app.config.setdefault(
            "RATELIMIT_STORAGE_OPTIONS", {**REDIS_OPTIONS, "retry": Retry(NoBackoff(), 0)}
        )
    csrf.init_app(app)
    # Flask-WTF offers its own csrf_token as a global and from a context processor; ours
    # comes from a later context processor, so it is the one every template sees.
    app.add_template_global(stable_csrf_token, "csrf_token")
    app.context_processor(lambda: {"csrf_token": stable_csrf_token})
    # The limiter outlives an app (its decorators are made on import): a new app starts with
    # its own storage and options, and nothing of an earlier app's lost Redis may linger.
    limiter._storage_options = {}
    limiter.init_app(app)
    limiter._storage_dead = False
    app.register_error_handler(CSRFError, _csrf_failed)
