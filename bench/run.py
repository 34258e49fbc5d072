"""Speed figures for the route engine and the API. Prints numbers; asserts nothing.

    .venv/bin/python bench/run.py            # everything
    .venv/bin/python bench/run.py --quick    # fewer repetitions

Figures:
1. find_routes latency (median, 95th percentile) on the shipped data, over
   random realistic queries (a person's skills drawn from lower-band roles).
2. The same on synthetic catalogues of 1,000 and 10,000 roles.
3. /api/routes as a ratio to /healthz, requests interleaved in one run
   through the Flask test client (the whole WSGI stack, no network).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from planner.catalogue import load_catalogue
from planner.pathways import NoRoute, build_graph, find_routes
from planner.pathways.model import (
    BAND_ORDER,
    Catalogue,
    DbsCheck,
    Experience,
    Learning,
    Role,
    Skill,
    WorkPlace,
    band_rank,
)

TODAY = date(2026, 11, 23)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def random_queries(catalogue: Catalogue, n: int, seed: int = 1):
    """Queries like real ones: skills of a lower role (or a few foundation skills), a higher target."""
    rng = random.Random(seed)
    roles = list(catalogue.roles)
    out = []
    for _ in range(n):
        target = rng.choice(roles)
        lower = [r for r in roles if band_rank(r.band) < band_rank(target.band)]
        current = rng.choice(lower) if lower and rng.random() < 0.5 else None
        pool = [s.id for s in catalogue.skills if s.level <= 2]
        have = rng.sample(pool, k=min(len(pool), rng.randint(0, 4)))
        out.append((have, target.id, current.id if current else None))
    return out


def time_queries(graph, queries, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        for have, target, current in queries:
            start = time.perf_counter()
            with contextlib.suppress(NoRoute):
                find_routes(graph, have, target, current_role=current, on=TODAY)
            times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    print(
        f"{label:<44} median {statistics.median(times):8.3f} ms   "
        f"p95 {percentile(times, 95):8.3f} ms   ({len(times)} queries)"
    )


def synthetic_catalogue(n_roles: int, seed: int = 7) -> Catalogue:
    """Ladders of six bands in families of about 100 roles; each band has its own skills and courses.

    Shaped like the real data: each role needs its band's qualification and
    two competences; courses give qualifications, apprenticeships need a job
    in the family, experience needs time in a role.
    """
    rng = random.Random(seed)
    bands = BAND_ORDER[1:7]
    skills: list[Skill] = []
    roles: list[Role] = []
    learning: list[Learning] = []
    experience: list[Experience] = []
    dbs = DbsCheck("basic", False, "")
    n_families = max(1, n_roles // 100)
    per_family = n_roles // n_families
    for f in range(n_families):
        family = f"family-{f}"
        comps = [f"f{f}-comp-{i}" for i in range(12)]
        skills += [Skill(c, c, 1, "skill", c) for c in comps]
        quals = [f"f{f}-qual-{b}" for b in bands]
        skills += [Skill(q, q, i + 1, "qualification", q) for i, q in enumerate(quals)]
        lead = f"f{f}-leadership"
        skills.append(Skill(lead, lead, 3, "experience", lead))
        for i, q in enumerate(quals):
            req = (quals[i - 1],) if i else ()
            learning.append(
                Learning(f"{q}-course", q, "course", i + 1, 20 + 10 * i, 10, 60, (q,), req, q)
            )
            if i:
                learning.append(
                    Learning(
                        f"{q}-apprenticeship",
                        q,
                        "apprenticeship",
                        i + 1,
                        52,
                        40,
                        80,
                        (q, rng.choice(comps)),
                        (),
                        q,
                        done_in=WorkPlace((family,)),
                    )
                )
        for c in comps:
            experience.append(Experience(f"{c}-volunteering", c, (c,), rng.randint(6, 20), c))
        for r in range(per_family):
            band_i = r % len(bands)
            needs = [quals[band_i - 1]] if band_i else []
            needs += rng.sample(comps, 2)
            if band_i >= 3:
                needs.append(lead)
            roles.append(
                Role(
                    f"f{f}-role-{r}",
                    f"role {r}",
                    bands[band_i],
                    family,
                    "r",
                    "",
                    tuple(needs),
                    (),
                    dbs,
                )
            )
        leaders = tuple(role.id for role in roles[-per_family:] if band_rank(role.band) >= 3)
        experience.append(Experience(f"{lead}-exp", lead, (lead,), 52, lead, in_roles=leaders))
    return Catalogue((), tuple(skills), tuple(roles), tuple(learning), tuple(experience))


def api_ratio(rounds: int) -> None:
    """/api/routes against /healthz, interleaved: with the route cache, and with every question new."""
    from planner import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "DATABASE": f"{tmp}/bench.sqlite"})
        client = app.test_client()
        catalogue = app.extensions["planner"]["catalogue"]
        # 50 distinct questions asked in turn (the first asking of each misses the cache),
        # then `rounds` questions never asked before (every one misses).
        repeated = [_url(q) for q in random_queries(catalogue, 50, seed=3)]
        fresh = [_url(q) for q in random_queries(catalogue, rounds, seed=4)]
        fresh = [f"{url}&on=2026-12-{1 + i % 28:02d}" for i, url in enumerate(fresh)]
        for label, urls in (("route cache on", repeated), ("every question new", fresh)):
            health, routes = [], []
            for i in range(rounds):
                for url, bucket in (("/healthz", health), (urls[i % len(urls)], routes)):
                    start = time.perf_counter()
                    response = client.get(url)
                    bucket.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
            report("GET /healthz (test client)", health)
            report(f"GET /api/routes ({label})", routes)
            ratio = statistics.median(routes) / statistics.median(health)
            print(f"{'/api/routes : /healthz, ' + label:<44} {ratio:8.2f}x   (target at most 3x)")


def _url(query) -> str:
    have, target, current = query
    url = f"/api/routes?to={target}" + "".join(f"&have={h}" for h in have)
    return url + (f"&from={current}" if current else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 100 if args.quick else 400

    catalogue = load_catalogue()
    queries = random_queries(catalogue, n)
    graph = build_graph(catalogue)
    time_queries(graph, queries[:20])  # warm up
    report("find_routes, shipped data", time_queries(graph, queries))

    for size in (1_000, 10_000):
        start = time.perf_counter()
        synthetic = synthetic_catalogue(size)
        graph = build_graph(synthetic)
        built = time.perf_counter() - start
        print(f"synthetic catalogue of {size} roles built in {built:.2f} s")
        report(
            f"find_routes, synthetic {size} roles",
            time_queries(graph, random_queries(synthetic, n // 4)),
        )

    api_ratio(200 if args.quick else 1000)


if __name__ == "__main__":
    main()
