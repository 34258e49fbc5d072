"""Does /healthz keep answering while the most expensive route questions stream in?

    .venv/bin/python bench/stream.py                       # find the 10 costliest, then stream
    .venv/bin/python bench/stream.py --questions admin-assistant:estates-manager :porter
    .venv/bin/python bench/stream.py --rate 8 --questions ...   # 8 a second, many clients
    .venv/bin/python bench/stream.py --one-client --questions ...  # one client, flat out

1. **Find the costliest questions.** Every (from, to) pair of the shipped roles
   (and "from nothing") is asked once of the route search, uncached, in a
   child process; the 10 slowest are kept. A question that takes longer than
   ``--question-limit`` seconds is stopped there and counted at that time, so
   this step is bounded too. ``--questions FROM:TO ...`` skips it.
2. **Stream them.** A real server (``planner serve``: gunicorn, gunicorn.conf.py,
   2 workers x 6 threads, the shipped rate limits and search slots) on a
   loopback port gets those questions for ``--seconds`` seconds, while
   ``/healthz`` is asked every 100 ms with a 2-second timeout. Each question
   ticks a different set of everyday skills, so no answer is in the route
   cache: every one is a search, as an attacker would make it.

   * **Many clients** (the default): ``--rate`` questions a second on
     ``/api/routes``, each in its own thread (a slow answer does not slow the
     stream) and from its own client address (the server runs behind
     ``PLANNER_PROXY_HOPS=1`` and each question says its address in
     ``X-Forwarded-For``, as the proxy would), so no rate limit stops them.
   * **One client** (``--one-client``): 8 threads from one address ask
     ``/route`` and ``/api/routes`` in turn, each as soon as its last answer
     came, as fast as the limits allow: after a 429 a thread waits the
     ``Retry-After`` it was given. With ``--flat-out`` it never waits (a
     client that ignores the limits).
3. **Print** the ``/healthz`` success rate within 2 seconds (goal: 100%), its
   p95 and slowest, how the route questions fared, and the machine's load
   average before and after (the machine may be shared and busy).

Loopback only; every loop is bounded in count and time; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
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

from planner.web.protection import DEFAULT_LIMITS

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


ONE_CLIENT_THREADS = 8


def poll_health(url: str, seconds: float, out) -> None:
    """Child process: ask /healthz every 100 ms for ``seconds``; send back (ok, seconds) each."""
    results: list[tuple[bool, float]] = []
    out.send("polling")
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        began = time.monotonic()
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=HEALTH_TIMEOUT) as response:
                response.read()
                good = response.status == 200
        except OSError:
            good = False
        results.append((good, time.monotonic() - began))
        time.sleep(max(0.0, HEALTH_EVERY - (time.monotonic() - began)))
    out.send(results)


def everyday_skills() -> list[str]:
    """The data file's level-1 skills: ticking a different set of them makes a new search."""
    from planner.catalogue import load_catalogue
    from planner.config import DEFAULT_DATA_PATH

    skills = load_catalogue(DEFAULT_DATA_PATH).skills
    return [s.id for s in skills if s.kind == "skill" and s.level == 1]


class Stream:
    """Route questions (open loop from many clients, or closed loop from one); /healthz polled."""

    def __init__(
        self,
        url: str,
        questions: list[Question],
        rate: float,
        seconds: float,
        one_client: bool = False,
        flat_out: bool = False,
    ):
        self.url, self.questions, self.rate, self.seconds = url, questions, rate, seconds
        self.one_client, self.flat_out = one_client, flat_out
        self.everyday = everyday_skills()
        self.health: list[tuple[bool, float]] = []
        self.routes: list[tuple[int, float]] = []
        self.lock = threading.Lock()
        self.asked = 0

    def _fetch(self, path: str, timeout: float, headers=None) -> tuple[int, float, float]:
        """Status, seconds taken, and the Retry-After asked for (0 if none)."""
        began = time.perf_counter()
        wait = 0.0
        try:
            request = urllib.request.Request(self.url + path, headers=headers or {})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
            err.read()
            wait = float(err.headers.get("Retry-After") or 0)
        except OSError:
            status = 0  # no answer in time, or refused
        return status, time.perf_counter() - began, wait

    def _query(self, n: int) -> str:
        """The n-th question, with its own set of everyday skills (so it is never cached)."""
        start, target = self.questions[n % len(self.questions)]
        round_ = n // len(self.questions)
        have = [skill for bit, skill in enumerate(self.everyday) if round_ >> bit & 1]
        query = [
            ("to", target),
            *([("from", start)] if start else []),
            *(("have", h) for h in have),
        ]
        return urllib.parse.urlencode(query)

    def _ask(self, n: int, path: str = "/api/routes", client: str | None = None) -> float:
        """Ask the n-th question; the Retry-After it was given."""
        headers = {"X-Forwarded-For": client} if client else None
        status, seconds, wait = self._fetch(f"{path}?{self._query(n)}", ROUTE_TIMEOUT, headers)
        with self.lock:
            self.routes.append((status, seconds))
        return wait

    def _many_clients(self, began: float) -> list[threading.Thread]:
        senders = []
        for n in range(int(self.rate * self.seconds)):
            time.sleep(max(0.0, began + n / self.rate - time.monotonic()))
            client = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
            sender = threading.Thread(target=self._ask, args=(n, "/api/routes", client))
            sender.daemon = True
            sender.start()
            senders.append(sender)
        return senders

    def _one_client(self, began: float) -> list[threading.Thread]:
        def keep_asking(first: int) -> None:
            n = first
            ends = began + self.seconds
            while time.monotonic() < ends:
                wait = self._ask(n, "/route" if n % 2 else "/api/routes")
                n += ONE_CLIENT_THREADS
                if wait and not self.flat_out:
                    time.sleep(max(0.0, min(wait, ends - time.monotonic())))
            with self.lock:
                self.asked += 1

        senders = [
            threading.Thread(target=keep_asking, args=(k,), daemon=True)
            for k in range(ONE_CLIENT_THREADS)
        ]
        for sender in senders:
            sender.start()
        return senders

    def run(self) -> None:
        # /healthz is polled from a process of its own, so the threads sending the questions
        # never slow the poller down: what it measures is the server's answer.
        receive, send = mp.get_context("spawn").Pipe(duplex=False)
        poller = mp.get_context("spawn").Process(
            target=poll_health, args=(self.url, self.seconds, send), daemon=True
        )
        poller.start()
        assert receive.poll(30), "the /healthz poller did not start"
        receive.recv()  # it is polling
        began = time.monotonic()
        senders = self._one_client(began) if self.one_client else self._many_clients(began)
        time.sleep(max(0.0, began + self.seconds - time.monotonic()))
        if receive.poll(HEALTH_TIMEOUT + 10):
            self.health = receive.recv()
        poller.join(5)
        for sender in senders:
            sender.join(max(0.0, began + self.seconds + ROUTE_TIMEOUT - time.monotonic()))


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def report(stream: Stream, load_before: str, load_after: str) -> str:
    polls = len(stream.health)
    within = [seconds for good, seconds in stream.health if good and seconds < HEALTH_TIMEOUT]
    rate = 100 * len(within) / polls if polls else 0.0
    times = [s for _, s in stream.health]
    verdict = "meets" if polls and rate == 100 else "MISSES"
    codes: dict[int, int] = {}
    for status, _ in stream.routes:
        codes[status] = codes.get(status, 0) + 1
    answered = [s for status, s in stream.routes if status == 200]
    how = (
        f"one client, {ONE_CLIENT_THREADS} threads, "
        + ("never waiting" if stream.flat_out else "waiting the Retry-After of each 429")
        if stream.one_client
        else f"{stream.rate:g} a second from many clients"
    )
    return "\n".join(
        [
            f"route questions ({how}, {stream.seconds:g} s): {len(stream.routes)} asked; by "
            f"status {json.dumps(codes, sort_keys=True)} (0 = no answer within "
            f"{ROUTE_TIMEOUT:.0f} s); answered in median "
            f"{statistics.median(answered or [0]):.2f} s, p95 {percentile(answered, 95):.2f} s",
            f"/healthz: {polls} polls, {rate:.1f}% answered 200 within {HEALTH_TIMEOUT:.0f} s; "
            f"median {1000 * statistics.median(times or [0]):.0f} ms, "
            f"p95 {1000 * percentile(times, 95):.0f} ms, slowest {1000 * max(times or [0]):.0f} ms "
            f"({verdict} the goal: 100% within {HEALTH_TIMEOUT:.0f} s)",
            f"load average (1, 5, 15 min) before: {load_before}; after: {load_after}",
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
    parser.add_argument(
        "--one-client",
        action="store_true",
        help="one client address, 8 threads asking as fast as the limits allow",
    )
    parser.add_argument(
        "--flat-out", action="store_true", help="with --one-client: never wait after a 429"
    )
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
    print(f"Streaming {len(questions)} questions for {args.seconds:g} s ...", flush=True)
    # The shipped limits (not the load tests' high ones), behind one proxy on this machine.
    shipped = {
        **{f"PLANNER_{name}": str(value) for name, value in DEFAULT_LIMITS.items()},
        "PLANNER_PROXY_HOPS": "1",
    }
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "stream.sqlite"
        server_log = Path(tmp) / "server.log"
        with running_server(database, args.workers, server_log, env=shipped) as server:
            load_before = _load()
            stream = Stream(
                server.url, questions, args.rate, args.seconds, args.one_client, args.flat_out
            )
            stream.run()
            load_after = _load()
    print(report(stream, load_before, load_after))


if __name__ == "__main__":
    main()
