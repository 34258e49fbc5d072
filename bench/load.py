"""Load figures from one run of the real server: req/s and p95 for the route page, saving a
plan, and /healthz, and the ratio that matters (route page : /healthz).

    .venv/bin/python bench/load.py                 # 60 s, 10 users, gunicorn with 2 workers
    .venv/bin/python bench/load.py --seconds 20    # shorter

It starts ``planner serve`` (gunicorn, 2 workers x 6 threads) on a free
loopback port with a new SQLite file, runs locust headless with
bench/locustfile.py, and prints a table. Target: the route page sustains at
least half the request rate of /healthz in the same run.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import ROOT, running_server

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SHOWN = [
    "route page (closed loop)",
    "/healthz (closed loop)",
    "route page",
    "route page (busy: asked again)",
    "save plan (new)",
    "save plan (edit)",
    "plan page",
    "plan PDF",
    "delete plan",
]


def run_load(seconds: int = 60, users: int = 10, workers: int = 2) -> dict[str, dict[str, float]]:
    """Run the journey under load; returns locust's figures by request name (and "Aggregated")."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with running_server(folder / "load.sqlite", workers, folder / "server.log") as server:
            command = [
                str(Path(sys.executable).with_name("locust")),
                "-f", str(LOCUSTFILE),
                "--headless",
                "-u", str(users),
                "-r", str(max(1, users // 2)),
                "-t", f"{seconds}s",
                "--host", server.url,
                "--csv", str(folder / "run"),
                "--only-summary",
                "--stop-timeout", "10",
            ]  # fmt: skip
            subprocess.run(
                command, cwd=ROOT, capture_output=True, check=False, timeout=seconds + 60
            )
        with open(folder / "run_stats.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        failed = folder / "run_failures.csv"
        if failed.exists():
            with open(failed, newline="") as f:
                for row in csv.DictReader(f):
                    print(f"  failed {row['Occurrences']}x {row['Name']}: {row['Error']}")
    return {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "median_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
        }
        for row in rows
    }


def report(figures: dict[str, dict[str, float]]) -> str:
    lines = [
        f"{'request':<28} {'count':>7} {'fail':>5} {'req/s':>8} {'median ms':>10} {'p95 ms':>8}"
    ]
    for name in [*SHOWN, "Aggregated"]:
        if name in figures:
            f = figures[name]
            lines.append(
                f"{name:<28} {f['requests']:>7} {f['failures']:>5} {f['rps']:>8.1f} "
                f"{f['median_ms']:>10.0f} {f['p95_ms']:>8.0f}"
            )
    route = figures.get("route page (closed loop)", {}).get("rps", 0.0)
    health = figures.get("/healthz (closed loop)", {}).get("rps", 0.0)
    if health:
        verdict = "meets" if route / health >= 0.5 else "MISSES"
        lines.append(
            f"route page : /healthz = {route / health:.2f} ({verdict} the target of at least 0.5)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    figures = run_load(args.seconds, args.users, args.workers)
    print(report(figures))
    failures = figures.get("Aggregated", {}).get("failures", 0)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
