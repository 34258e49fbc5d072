"""Faults a tester found on /check-spent, and the promise that nothing typed there reaches a log.

* A length of ``²`` passed ``str.isdigit()``, then ``int()`` crashed with the
  typed value in the log; a 40-digit day or month overflowed ``date()`` (a 500).
* Whatever goes wrong, even a crash inside the answer, no value a person typed
  may reach any log: not the app's, not Werkzeug's access log, not stderr.
"""

from __future__ import annotations

import http.cookiejar
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from planner.spent import views
from planner.spent.form import FIELDS
from tests.helpers import soup
from tests.spent.conftest import TOKEN_IN_FORM

#: Values no page, log or message would hold unless they came from the form.
TYPED = {
    "c1-outcome": "custody_up_to_1_year",
    "c1-date-day": "17",
    "c1-date-month": "11",
    "c1-date-year": "2019",
    "c1-under18": "no",
    "c1-length": "7",
    "c1-end-day": "16",
    "c1-end-month": "6",
    "c1-end-year": "2020",
}
#: How those values could be written in a log line or an exception message.
TYPED_FORMS = ("2019", "17 November", "2019-11-17", "17/11/2019", "2020-06-16", "16 June 2020")


def everything_logged(caplog) -> str:
    """Every captured record as a handler would write it, tracebacks included."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def assert_not_logged(text: str, values) -> None:
    leaked = [v for v in values if v and v in text]
    assert not leaked, f"typed values reached a log: {leaked!r}\n{text}"


@pytest.fixture
def quiet_logs(caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="werkzeug")
    return caplog


# --------------------------------------------------------------------------- the faults


@pytest.mark.parametrize("length", ["²", "³", "¹²", "①", "9" * 40, "٣"])
def test_a_length_that_is_not_plain_digits_is_a_friendly_error(client, csrf, quiet_logs, length):
    fields = {**TYPED, "c1-length": length, "c1-end-day": "", "c1-end-month": "", "c1-end-year": ""}
    response = client.post(
        "/check-spent", follow_redirects=True, data={"csrf_token": csrf, **fields}
    )
    assert response.status_code == 400
    link = soup(response).select_one(".nhsuk-error-summary a[href='#c1-length']")
    assert link and "whole number of months" in link.get_text()
    assert_not_logged(everything_logged(quiet_logs), (length, *TYPED_FORMS))


@pytest.mark.parametrize("part", ["c1-date-day", "c1-date-month", "c1-date-year", "c1-end-day"])
@pytest.mark.parametrize("value", ["9" * 40, "1" + "0" * 39, "²", "1²", "٣"])
def test_a_date_part_that_is_not_a_small_number_is_a_friendly_error(
    client, csrf, quiet_logs, part, value
):
    response = client.post(
        "/check-spent", follow_redirects=True, data={"csrf_token": csrf, **TYPED, part: value}
    )
    assert response.status_code == 400
    field = "c1-end-day" if part.startswith("c1-end") else "c1-date-day"
    link = soup(response).select_one(f".nhsuk-error-summary a[href='#{field}']")
    assert link and "real date" in link.get_text()
    assert_not_logged(everything_logged(quiet_logs), (value, *TYPED_FORMS))


# --------------------------------------------------------------------------- even in a crash


def _crash_with_what_was_typed(*args, **kwargs):
    """Stands in for the rules: fails with the typed values in its message, as a bug might."""
    raise RuntimeError(f"boom: {args!r} 17/11/2019 2019-11-17 {kwargs!r}")


def test_a_crash_inside_the_answer_logs_nothing_typed(client, csrf, quiet_logs, monkeypatch):
    monkeypatch.setattr(views, "assess", _crash_with_what_was_typed)
    response = client.post(
        "/check-spent", follow_redirects=True, data={"csrf_token": csrf, **TYPED}
    )
    assert response.status_code == 500
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "It is not your fault" in page and "Traceback" not in page
    assert not any(v in page for v in TYPED_FORMS)
    logged = everything_logged(quiet_logs)
    # The failure is logged for us (its kind and where), and nothing typed is.
    assert "RuntimeError" in logged and "spent" in logged
    assert_not_logged(logged, TYPED_FORMS)
    assert all(r.exc_info is None and not r.exc_text for r in quiet_logs.records)


@pytest.fixture
def live_app(app) -> Iterator[str]:
    """The app behind Werkzeug's own server in a thread, so its access log is written."""
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=60)


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _post(opener, url: str, fields: dict[str, str]) -> int:
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(url, data=data, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_server_logs_never_hold_what_was_typed(live_app, quiet_logs, capfd, monkeypatch):
    opener = _browser()
    with opener.open(f"{live_app}/check-spent", timeout=60) as response:
        token = TOKEN_IN_FORM.search(response.read().decode()).group(1)
    url = f"{live_app}/check-spent"
    assert _post(opener, url, {"csrf_token": token, **TYPED}) == 200
    assert _post(opener, url, {"csrf_token": token, **TYPED, "c1-length": "²"}) == 400
    assert _post(opener, url, {"csrf_token": token, **TYPED, "c1-date-day": "9" * 40}) == 400
    monkeypatch.setattr(views, "assess", _crash_with_what_was_typed)
    assert _post(opener, url, {"csrf_token": token, **TYPED}) == 500

    logged = everything_logged(quiet_logs)
    assert "POST /check-spent" in logged  # Werkzeug's access log was captured
    out, err = capfd.readouterr()
    for text in (logged, out, err):
        assert_not_logged(text, (*TYPED_FORMS, "²", "9" * 40))


# --------------------------------------------------------------------------- fuzz

_NAMES = [f"c{n}-{k}" for n in (1, 2, 3) for k in FIELDS] + [
    "to",
    "role",
    "have",
    "status",
    "area",
    "entries",
    "add",
    "remove",
]
_NUMBERISH = st.one_of(
    st.integers(-5, 3000).map(str),
    st.integers(10**15, 10**60).map(str),
    st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=6),
    st.sampled_from(["²", "1²", "٣", "1_0", " 12 ", "+3", "0x1", "1e3", "12.0", "\u00a012"]),
)
_VALUES = st.one_of(
    st.sampled_from(
        ["", "fine", "not_sure", "custody_1_to_4_years", "compensation_order", "yes", "no"]
    ),
    _NUMBERISH,
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(fields=st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=20))
def test_fuzzed_forms_never_give_a_500_or_a_log_line(client, csrf, caplog, fields):
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    response = client.post(
        "/check-spent", follow_redirects=True, data={"csrf_token": csrf, **fields}
    )
    assert response.status_code in (200, 400), response.status_code
    assert response.headers["Cache-Control"] == "no-store"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    # Short values (a "1", a "no") could be part of any line; longer ones must not appear.
    assert_not_logged(
        everything_logged(caplog), [v.strip() for v in fields.values() if len(v.strip()) >= 3]
    )
