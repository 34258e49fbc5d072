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
        process.wait(20)


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
