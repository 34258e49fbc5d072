"""gunicorn's settings for the planner (``planner serve`` and ``gunicorn -c gunicorn.conf.py``).

Any of these can be changed without editing this file: ``GUNICORN_CMD_ARGS``
(for example ``GUNICORN_CMD_ARGS="--workers 4 --timeout 60"``) or
gunicorn's command-line options, which win over this file. The planner's own
settings are ``PLANNER_*`` environment variables (see the README).
"""

from planner.web.server import on_starting  # noqa: F401  (a gunicorn hook: see its docstring)

# The app: made once in the master, then forked (the reference data and route graph are
# shared, and each worker opens its own database connections; see planner/plans/db.py).
wsgi_app = "planner.web.server:application()"
preload_app = True

bind = "127.0.0.1:5000"
workers = 2
# Threads per worker: a slow route question holds one thread, not the whole worker. At most
# PLANNER_SEARCH_SLOTS (2) searches run at once and PLANNER_SEARCH_QUEUE (2) wait, so two
# threads are always free for /healthz, static files and plan pages (planner/web/slots.py):
# with one, on a busy machine, cheap requests queued behind each other past 2 seconds.
worker_class = "gthread"
threads = 6
timeout = 30
graceful_timeout = 20
# Workers are replaced now and then, so a slow leak can never grow for long.
max_requests = 1000
max_requests_jitter = 100
# Long shared links with many ticked skills; the app answers the rest with a 4xx page.
limit_request_line = 8190

accesslog = "-"
errorlog = "-"
# Paths are cleaned of tokens and control characters by the logger class.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss %({x-request-id}o)s'
logger_class = "planner.web.server.RedactingLogger"
# Behind a proxy the app trusts PLANNER_PROXY_HOPS (Werkzeug's ProxyFix); gunicorn trusts no header.
secure_scheme_headers: dict[str, str] = {}
# gunicorn's control socket is one path per user: two instances on one machine would share
# it. The planner does not use it.
control_socket_disable = True
