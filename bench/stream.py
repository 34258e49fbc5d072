"""Does /healthz keep answering while the most expensive route questions stream in?

    .venv/bin/python bench/stream.py                       # find the 10 costliest, then stream
    .venv/bin/python bench/stream.py --questions admin-assistant:estates-manager :porter

1. **Find the costliest questions.** Every (from, to) pair of the shipped roles
   (and "from nothing") is asked once of the route search, uncached, in a
   child process; the 10 slowest are kept. A question that takes longer than
   ``--question-limit`` seconds is stopped there and counted at that time, so
   this step is bounded too. ``--questions FROM:TO ...`` skips it.
2. **Stream them.** A real server (``planner serve``: gunicorn, gunicorn.conf.py,
   2 workers x 4 threads) on a loopback port gets those questions at
   ``--rate`` per second for ``--seconds`` seconds (``/api/routes``, each in
   its own thread, so a slow answer does not slow the stream), while
   ``/healthz`` is asked every 100 ms with a 2-second timeout.
3. **Print** the ``/healthz`` success rate and p95 (goal: 100% and under
   100 ms), and how the route questions fared.

Loopback only; every loop is bounded in count and time; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from servers import running_server

Question = tuple[str | None, str]
HEALTH_EVERY = 0.1
HEALTH_TIMEOUT = 2.0
ROUTE_TIMEOUT = 60.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


# --- 1. The costliest questions ---------------------------------------------------------------


def _time_questions(questions: list[Question], out) -> None:
    """Child process: time each question once, uncached, and send (index, seconds) back."""
    from datetime import date

    from planner.catalogue import load_catalogue
    from planner.config import DEFAULT_DATA_PATH
    from planner.pathways import NoRoute, build_graph, find_routes

    graph = build_graph(load_catalogue(DEFAULT_DATA_PATH))
    today = date.today()
    for n, (start, target) in enumerate(questions):
        began = time.perf_counter()
        with contextlib.suppress(NoRoute, LookupError, ValueError):
            find_routes(graph, [], target, current_role=start, on=today)
        out.send((n, time.perf_counter() - began))
    out.send(None)


def every_question() -> list[Question]:
    from planner.catalogue import load_catalogue
    from planner.config import DEFAULT_DATA_PATH

    roles = [r.id for r in load_catalogue(DEFAULT_DATA_PATH).roles]
    return [(start, target) for start in [None, *roles] for target in roles if start != target]


def costliest(questions: list[Question], keep: int, limit: float) -> list[tuple[Question, float]]:
    """Each question timed once; a child process that passes ``limit`` is stopped and restarted."""
    timings: dict[int, float] = {}
    next_one = 0
    context = mp.get_context("spawn")
    while next_one < len(questions):
        receive, send = context.Pipe(duplex=False)
        rest = questions[next_one:]
        child = context.Process(target=_time_questions, args=(rest, send), daemon=True)
        child.start()
        offset, started_on = next_one, time.monotonic()
        while True:
            # The first question also waits for the catalogue and graph to load.
            allowed = limit + (30 if next_one == offset else 0)
            if not receive.poll(max(0.0, started_on + allowed - time.monotonic())):
                timings[next_one] = limit  # stopped: counted at the limit
                start, target = questions[next_one]
                print(f"  over {limit:g} s: {start or '(nothing)'} -> {target}", flush=True)
                child.kill()
                next_one += 1
                break
            message = receive.recv()
            if message is None:
                next_one = len(questions)
                break
            n, seconds = message
            timings[offset + n] = seconds
            next_one = offset + n + 1
            started_on = time.monotonic()
            if next_one % 200 == 0:
                print(f"  timed {next_one} of {len(questions)} questions", flush=True)
        child.join(5)
    ranked = sorted(timings.items(), key=lambda item: item[1], reverse=True)[:keep]
    return [(questions[n], seconds) for n, seconds in ranked]


# --- 2. The stream ----------------------------------------------------------------------------


class Stream:
    """Route questions sent open-loop at a fixed rate; /healthz polled alongside."""

    def __init__(self, url: str, questions: list[Question], rate: float, seconds: float):
        self.url, self.questions, self.rate, self.seconds = url, questions, rate, seconds
        self.health: list[tuple[bool, float]] = []
        self.routes: list[tuple[int, float]] = []
        self.lock = threading.Lock()

    def _get(self, path: str, timeout: float) -> tuple[int, float]:
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        except OSError:
            status = 0  # no answer in time, or refused
        return status, time.perf_counter() - began

    def _ask(self, question: Question) -> None:
        start, target = question
        query = {"to": target, **({"from": start} if start else {})}
        result = self._get("/api/routes?" + urllib.parse.urlencode(query), ROUTE_TIMEOUT)
        with self.lock:
            self.routes.append(result)

    def _poll_health(self, stop: threading.Event) -> None:
        while not stop.is_set():
            began = time.monotonic()
            status, seconds = self._get("/healthz", HEALTH_TIMEOUT)
            self.health.append((status == 200, seconds))
            stop.wait(max(0.0, HEALTH_EVERY - (time.monotonic() - began)))

    def run(self) -> None:
        stop = threading.Event()
        poller = threading.Thread(target=self._poll_health, args=(stop,), daemon=True)
        poller.start()
        senders = []
        began = time.monotonic()
        total = int(self.rate * self.seconds)
        for n in range(total):
            time.sleep(max(0.0, began + n / self.rate - time.monotonic()))
            sender = threading.Thread(
                target=self._ask, args=(self.questions[n % len(self.questions)],), daemon=True
            )
            sender.start()
            senders.append(sender)
        time.sleep(max(0.0, began + self.seconds - time.monotonic()))
        stop.set()
        poller.join(HEALTH_TIMEOUT + 1)
        for sender in senders:
            sender.join(max(0.0, began + self.seconds + ROUTE_TIMEOUT - time.monotonic()))


def report(stream: Stream) -> str:
    ok = [seconds for good, seconds in stream.health if good]
    rate = 100 * len(ok) / len(stream.health) if stream.health else 0.0
    p95 = 1000 * percentile([s for _, s in stream.health], 95)
    verdict = "meets" if rate == 100 and p95 < 100 else "MISSES"
    codes: dict[int, int] = {}
    for status, _ in stream.routes:
        codes[status] = codes.get(status, 0) + 1
    route_times = [s for _, s in stream.routes]
    return "\n".join(
        [
            f"/healthz: {len(stream.health)} polls, {rate:.1f}% answered 200 within "
            f"{HEALTH_TIMEOUT:.0f} s, p95 {p95:.0f} ms, median "
            f"{1000 * statistics.median([s for _, s in stream.health] or [0]):.0f} ms "
            f"({verdict} the goal of 100% and p95 under 100 ms)",
            f"route questions: {int(stream.rate * stream.seconds)} sent; answers by status "
            f"{json.dumps(codes, sort_keys=True)} (0 = no answer within {ROUTE_TIMEOUT:.0f} s); "
            f"median {statistics.median(route_times or [0]):.2f} s, "
            f"p95 {percentile(route_times, 95):.2f} s",
        ]
    )


def parse_question(text: str) -> Question:
    start, _, target = text.partition(":")
    if not target:
        raise argparse.ArgumentTypeError(f"{text!r}: write a question as FROM:TO or :TO")
    return (start or None, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", nargs="+", type=parse_question, metavar="FROM:TO")
    parser.add_argument("--count", type=int, default=10, help="how many of the costliest")
    parser.add_argument("--question-limit", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--rate", type=float, default=2.0, help="questions a second")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not 0 < args.rate <= 20 or not 0 < args.seconds <= 300:
        parser.error("--rate must be up to 20 a second and --seconds up to 300")
    if args.questions:
        questions = args.questions
    else:
        everything = every_question()
        print(f"Timing {len(everything)} route questions once each (uncached) ...", flush=True)
        timed = costliest(everything, args.count, args.question_limit)
        for (start, target), seconds in timed:
            print(f"  {seconds:8.3f} s  {start or '(nothing)'} -> {target}")
        questions = [q for q, _ in timed]
        print("  again with: --questions " + " ".join(f"{s or ''}:{t}" for s, t in questions))
    print(f"Streaming {len(questions)} questions at {args.rate:g}/s for {args.seconds:g} s ...")
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "stream.sqlite"
        with running_server(database, args.workers, Path(tmp) / "server.log") as server:
            stream = Stream(server.url, questions, args.rate, args.seconds)
            stream.run()
    print(report(stream))


if __name__ == "__main__":
    main()
