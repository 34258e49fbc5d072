"""`planner serve` is gunicorn with gunicorn.conf.py, so gunicorn's own ways to set it work.

The old hand-written gunicorn wrapper ignored ``gunicorn.conf.py`` and
``GUNICORN_CMD_ARGS``; these run the real server on a loopback port.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.engines import HOST, free_port

pytestmark = pytest.mark.slow

PLANNER = str(Path(sys.executable).with_name("planner"))


def serve(tmp_path, *args: str, **env: str) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    log = tmp_path / "server.log"
    environment = {
        **os.environ,
        "PLANNER_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
        **env,
    }
    environment.pop("PLANNER_DATABASE", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [PLANNER, "serve", "--host", HOST, "--port", str(port), *args],
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, f"http://{HOST}:{port}", log


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120  # a limit for a hung start; cold starts took 10 s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        # gunicorn itself gives workers up to graceful_timeout (20 s) to finish: wait well past
        # it, so a busy machine is not taken for a server that will not stop.
        process.wait(90)


def test_gunicorn_cmd_args_and_options_after_the_planners_own_are_honoured(tmp_path):
    process, url, log = serve(
        tmp_path,
        "--access-logformat",
        "CUSTOM %(s)s %(U)s",
        GUNICORN_CMD_ARGS="--workers 3",
    )
    token = "Zz9_" * 10 + "abc"
    paths = [f"/plans/{token}", f"/plans//{token}", f"/shared//{token}", f"/PLANS/{token}",
             "/nothing%0A127.0.0.1%20%22GET%20/forged%22%20200"]  # fmt: skip
    try:
        wait_for(url, process)
        for path in paths:
            try:
                urllib.request.urlopen(url + path, timeout=60).close()
            except urllib.error.HTTPError as err:
                assert err.code in (404, 308), path
    finally:
        stop(process)
    text = log.read_text()
    assert text.count("Booting worker") == 3
    assert "CUSTOM 200 /healthz" in text
    assert "CUSTOM 404 /plans/[redacted]" in text
    assert "Zz9_" * 10 not in text  # not even in the 308 answers to the doubled slashes
    assert not [line for line in text.splitlines() if "forged" in line and "CUSTOM" not in line]


def test_json_logs_with_request_ids(tmp_path):
    process, url, log = serve(tmp_path, PLANNER_LOG_FORMAT="json")
    try:
        wait_for(url, process)
        request = urllib.request.Request(url + "/healthz", headers={"X-Request-Id": "probe-0001"})
        urllib.request.urlopen(request, timeout=60).close()
    finally:
        stop(process)
    import json

    lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    access = [x for x in lines if x.get("path") == "/healthz" and x["request_id"] == "probe-0001"]
    assert access and access[0]["status"] == "200"
    assert any(x.get("level") == "INFO" for x in lines)  # gunicorn's own lines too


def test_a_setting_that_cannot_work_stops_the_start_plainly(tmp_path):
    process, _, log = serve(tmp_path, PLANNER_PROXY_HOPS="two")
    assert process.wait(120) != 0
    text = log.read_text()
    assert "The planner did not start: PLANNER_PROXY_HOPS must be a whole number" in text
    assert "Traceback" not in text


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_two_workers_counting_in_memory_allow_a_client_the_limit_not_twice_it(tmp_path):
    """Each worker counted a client's route questions on its own: two workers, twice the limit."""
    process, url, _ = serve(tmp_path, "--workers", "2", PLANNER_ROUTE_LIMIT="4 per minute")
    try:
        wait_for(url, process)
        codes = [_status(f"{url}/api/routes?to=porter&on=2027-01-{n + 1:02d}") for n in range(12)]
    finally:
        stop(process)
    assert codes.count(200) <= 4 and set(codes) <= {200, 429}, codes


def test_too_few_threads_for_the_search_slots_stop_the_start_plainly(tmp_path):
    process, _, log = serve(tmp_path, "--threads", "3")
    try:
        assert process.wait(60) != 0
    finally:
        stop(process)
    text = log.read_text()
    assert "The planner did not start: Each gunicorn worker has 3 threads" in text
    assert "Traceback" not in text


def test_a_body_over_the_limit_gets_the_planners_413_page_from_gunicorn(tmp_path):
    """gunicorn answered these with its own bare 500 (the error page read the body again)."""
    process, url, log = serve(tmp_path)
    answers = {}
    try:
        wait_for(url, process)
        for path in ("/check-spent", "/plans/import", "/plans"):
            request = urllib.request.Request(
                url + path,
                data=b"x=" + b"a" * 300 * 1024,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            try:
                urllib.request.urlopen(request, timeout=30).close()
            except urllib.error.HTTPError as err:
                answers[path] = (err.code, err.read().decode())
    finally:
        stop(process)
    for path, (code, page) in answers.items():
        assert code == 413, path
        assert "Sorry, that was too much for us" in page, path
    assert len(answers) == 3
    assert "Traceback" not in log.read_text()


def test_a_host_that_is_no_host_name_gets_a_400_and_a_short_log_from_gunicorn(tmp_path):
    """Each such 70-byte request gave a 500 and 11.6 KB of log (two tracebacks)."""
    import socket

    process, url, log = serve(tmp_path)
    try:
        wait_for(url, process)
        before = log.stat().st_size
        port = int(url.rsplit(":", 1)[1])
        answers = []
        for host in ("a" * 64 + ".example", "a..b"):
            with socket.create_connection((HOST, port), timeout=10) as client:
                client.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                answers.append(client.recv(200).split(b"\r\n", 1)[0])
        time.sleep(0.5)
    finally:
        stop(process)
    assert answers == [b"HTTP/1.1 400 Bad Request"] * 2
    grown = log.read_text()[before:]
    assert "Traceback" not in grown
    refused = [line for line in grown.splitlines() if "Host header" in line]
    answered = [line for line in grown.splitlines() if '"GET /healthz" 400' in line]
    assert len(refused) == len(answered) == 2  # one line of its own, and the access line
    assert all(len(line) < 200 for line in refused + answered)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_access_log_names_no_address_beside_the_spent_checker(tmp_path, log_format):
    """Anyone reading the log could match a connection (a home, a hub) with the checker."""
    import json

    process, url, log = serve(tmp_path, PLANNER_LOG_FORMAT=log_format)
    try:
        wait_for(url, process)
        for path in ("/check-spent", "/check-spent?to=porter", "/roles"):
            urllib.request.urlopen(url + path, timeout=30).close()
        post = urllib.request.Request(url + "/check-spent", data=b"c1-kind=", method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(post, timeout=30)  # no CSRF token: 400, but still logged
        time.sleep(0.5)
    finally:
        stop(process)
    lines = log.read_text().splitlines()
    if log_format == "json":
        access = [json.loads(x) for x in lines if x.startswith("{") and '"method"' in x]
        spent = [x["client"] for x in access if x["path"].startswith("/check-spent")]
        other = [x["client"] for x in access if x["path"] == "/roles"]
    else:
        spent = [x.split(" ")[0] for x in lines if '/check-spent"' in x]
        other = [x.split(" ")[0] for x in lines if '"GET /roles"' in x]
    assert len(spent) == 3 and set(spent) == {"-"}, spent
    assert other == ["127.0.0.1"]
