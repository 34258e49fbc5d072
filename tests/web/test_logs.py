"""No token reaches a log, in any spelling of its path; no path forges a log line; request ids.

The tester found tokens in the access log through ``/plans//<token>``,
``/shared//<token>`` (308 to the live plan, logged in full) and spellings like
``/PLANS/<token>``, and decoded newlines in a path making extra log lines.
"""

from __future__ import annotations

import json
import logging
import runpy
from datetime import timedelta

import pytest

from planner import create_app
from planner.config import ROOT
from planner.web.logs import JsonFormatter, RedactTokens, clean
from planner.web.server import RedactingLogger

#: The access log's format, as gunicorn.conf.py sets it.
ACCESS_FORMAT = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["access_log_format"]
TOKEN = "Qx7_" * 10 + "k9Z"  # 43 characters, like secrets.token_urlsafe(32)

PATH_SHAPES = [
    f"/plans/{TOKEN}",
    f"/plans//{TOKEN}",
    f"/shared//{TOKEN}",
    f"/PLANS/{TOKEN}",
    f"/Shared/{TOKEN}.pdf",
    f"//plans///{TOKEN}/share",
    f"/plans%2F{TOKEN}",
    f"/plans\\{TOKEN}",
    f"/plans/{TOKEN[:20]}",
    f"/somewhere/else/{TOKEN}",
    f"/route?next={TOKEN}",
]


class Resp:
    status = "308 PERMANENT REDIRECT"
    sent = 10
    headers = (("X-Request-Id", "abc12345"),)


def access_atoms(path: str) -> dict:
    logger = RedactingLogger.__new__(RedactingLogger)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://example.org/shared/{TOKEN}",
        "QUERY_STRING": "",
    }
    return logger.atoms(Resp(), (), environ, timedelta(seconds=0.01))


@pytest.mark.parametrize("path", PATH_SHAPES)
def test_gunicorns_access_log_never_holds_a_token(path):
    atoms = access_atoms(path)
    assert TOKEN not in repr(atoms)
    assert TOKEN[:20] not in repr(atoms)
    assert "[redacted]" in atoms["U"]


def test_a_decoded_newline_cannot_forge_an_access_log_line():
    atoms = access_atoms('/x\nGET /plans/forged HTTP/1.1" 200 5 0.001s\r\x1b[2J')
    line = ACCESS_FORMAT % atoms
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "\\n" in line


def test_role_ids_and_ordinary_paths_are_kept():
    path = "/roles/business-administrator-apprenticeship-level-3?have=literacy-skills"
    assert clean(path) == path


def test_tokens_never_reach_the_app_log_in_any_path_shape(tmp_path, caplog):
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "WTF_CSRF_ENABLED": False})

    @app.get("/boom/<path:rest>")
    def boom(rest):
        raise RuntimeError(f"failed for /plans/{TOKEN} and {rest}\nFAKE LINE")

    caplog.set_level(logging.DEBUG)
    response = app.test_client().get(f"/boom/PLANS//{TOKEN}")
    assert response.status_code == 500
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert caplog.records, "the error was logged"
    assert TOKEN not in logged
    assert "[redacted]" in logged
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_every_response_says_its_request_id_and_keeps_a_proxys_one(client):
    made = client.get("/healthz").headers["X-Request-Id"]
    assert len(made) == 32
    assert (
        client.get("/healthz", headers={"X-Request-Id": "lb-1234-abcd"}).headers["X-Request-Id"]
        == "lb-1234-abcd"
    )
    odd = client.get("/healthz", headers={"X-Request-Id": "a b<script>"}).headers["X-Request-Id"]
    assert len(odd) == 32  # not one we can log safely: a new one instead


def test_json_log_lines_are_one_object_each_with_the_request_id(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "LOG_FORMAT": "json"})
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Keep()
    handler.setFormatter(JsonFormatter())
    app.logger.addHandler(handler)
    try:

        @app.get("/shout")
        def shout():
            app.logger.warning("opened /plans/%s\nnext line", TOKEN)
            return "ok"

        app.test_client().get("/shout", headers={"X-Request-Id": "req-00000001"})
    finally:
        app.logger.removeHandler(handler)
    (line,) = lines
    record = json.loads(line)
    assert record["request_id"] == "req-00000001"
    assert record["level"] == "WARNING"
    assert TOKEN not in line and "\n" not in line


def test_a_wrong_log_format_is_refused(tmp_path):
    from planner import ConfigError

    with pytest.raises(ConfigError, match="PLANNER_LOG_FORMAT"):
        create_app({"DATABASE": str(tmp_path / "p.sqlite"), "LOG_FORMAT": "xml"})


def test_the_filter_is_on_every_log_gunicorn_writes():
    from gunicorn.config import Config

    logger = RedactingLogger(Config())
    for log in (logger.error_log, logger.access_log):
        assert any(isinstance(f, RedactTokens) for f in log.filters)
