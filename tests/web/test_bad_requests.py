"""Bad requests get a 4xx with the planner's own words, never a 500: bodies that are too big,
a Host header that is no host name, methods a page does not take."""

from __future__ import annotations

import io
import logging

import pytest
from bs4 import BeautifulSoup

BIG = 300 * 1024  # the limit is 256 KB


class CountingStream(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, size: int) -> None:
        super().__init__(b"x=" + b"a" * (size - 2))
        self.taken = 0

    def read(self, n: int = -1) -> bytes:
        data = super().read(n)
        self.taken += len(data)
        return data

    def readline(self, limit: int = -1) -> bytes:
        data = super().readline(limit)
        self.taken += len(data)
        return data


def _heading(response) -> str:
    return BeautifulSoup(response.text, "html.parser").select_one("h1").text.strip()


TOO_BIG_PATHS = ["/check-spent", "/plans/import", "/plans", f"/plans/{'A' * 43}/support"]


@pytest.mark.parametrize("path", TOO_BIG_PATHS)
def test_a_body_over_the_limit_gets_the_planners_413_page_and_is_never_read(client, path):
    """Every such POST gave gunicorn's bare 500: the error page read the body again."""
    body = CountingStream(BIG)
    response = client.post(
        path,
        input_stream=body,
        content_length=BIG,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert _heading(response) == "Sorry, that was too much for us"
    assert body.taken == 0
    assert response.headers["Connection"] == "close"  # the rest of it is never read


@pytest.mark.parametrize("path", ["/check-spent", "/plans/import"])
def test_a_body_that_does_not_say_its_length_is_read_only_up_to_the_limit(client, path):
    """Sent in chunks, with no Content-Length: reading stops at the limit."""
    body = CountingStream(BIG)
    response = client.post(
        path,
        input_stream=body,
        content_type="application/x-www-form-urlencoded",
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert _heading(response) == "Sorry, that was too much for us"
    assert body.taken <= 256 * 1024 + 64 * 1024


def test_a_large_pdf_sent_as_a_plan_file_gets_the_413_page(client):
    pdf = io.BytesIO(b"%PDF-1.7\n" + b"0" * BIG)
    response = client.post(
        "/plans/import",
        data={"plan": (pdf, "plan.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Sorry, that was too much for us" in response.text


def test_the_api_gets_json_for_a_body_over_the_limit(client):
    response = client.post("/api/routes", data=b"a" * BIG, content_type="application/octet-stream")
    assert response.status_code in (405, 413)
    assert response.is_json


BAD_HOSTS = ["a" * 64 + ".example.nhs.uk", "a..b", "careers.example.nhs.uk:port", "[::zz]", "é" * 5]


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", ["/healthz", "/", "/route?to=porter", "/plans/import"])
def test_a_host_header_that_is_no_host_name_gets_a_400_and_one_short_log_line(
    client, caplog, host, path
):
    """A label over 63 characters or an empty one gave a 500 on every path, /healthz too, and
    11.6 KB of log for a 70-byte request."""
    caplog.set_level(logging.INFO)
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert "Host" in response.text
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and len(lines[0]) < 160, lines
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    "host", ["careers.example.nhs.uk", "careers.example.nhs.uk:8443", "127.0.0.1:5000", "[::1]:80",
             "localhost", "xn--80ak6aa92e.example"]
)  # fmt: skip
def test_every_real_host_name_is_answered(client, host):
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/roles"), ("DELETE", "/api/routes?to=porter"), ("POST", "/healthz"),
     ("PUT", "/route"), ("POST", "/roles")],
)  # fmt: skip
def test_a_405_says_which_methods_the_address_takes(client, method, path):
    """The API's 405s had no Allow header, which HTTP requires."""
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert {"GET", "HEAD"} <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_the_api_document_lists_the_414_the_server_gives_for_a_long_address(client):
    """gunicorn answers a request line over 8,190 bytes with 414 before the API sees it."""
    document = client.get("/api/openapi.json").json
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "414" in operation["responses"], f"{method.upper()} {path}"
