"""The same question gets the same routes in every process, every time, however busy the
machine: the search's budget counts work (situations expanded), not time.

Two fresh processes ask the hardest shipped questions (the most work in ``bench/run.py``'s
sweep of every question), one of them while two other processes keep the CPUs busy, and
with different hash seeds (so nothing may depend on the order of a set of strings).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[2]

#: From no job ("") or a job, to a job: the questions that took the most work.
HARDEST = [
    ":business-intelligence-manager",
    ":hotel-services-manager",
    "porter:senior-admin-manager",
    "porter:senior-business-intelligence-manager",
    "porter:business-intelligence-manager",
    "domestic-assistant:estates-and-facilities-site-manager",
    "domestic-assistant:departmental-admin-manager",
    "estates-and-facilities-admin-assistant:senior-admin-manager",
    "ward-clerk:estates-and-facilities-site-manager",
    "catering-assistant:business-manager",
    "craftsperson:business-intelligence-manager",
    "receptionist:estates-and-facilities-site-manager",
]

BUSY = "while True: pass"


def answers(seed: str) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "tests.pathways.answers", *HARDEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_hardest_questions_get_the_same_routes_in_a_busy_process():
    quiet = answers("1")
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(2)]
    try:
        loaded = answers("2")
    finally:
        for process in busy:
            process.kill()
            process.wait()
    assert len(quiet) == len(HARDEST)
    for first, second in zip(quiet, loaded, strict=True):
        assert first == second, (first["from"], first["to"])
