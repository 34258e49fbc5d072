"""Speed figures for the route search. Prints numbers; asserts nothing (`make bench`).

    .venv/bin/python bench/run.py            # everything
    .venv/bin/python bench/run.py --quick    # a sample of the pairs, a smaller synthetic run

Figures, all CPU time (``time.process_time``) in this one process:
1. ``GET /healthz`` through the Flask test client (the whole WSGI stack): the yardstick.
2. The tables every question to a job shares (worked out once per job, as at start-up).
3. Every (from, to) pair of the shipped jobs, and from no job, each asked once with no
   route cache: median, 95th percentile and worst, each as a ratio to ``/healthz``.
   Targets: p95 at most 50x, worst at most 500x.
4. A generated catalogue of 1,000 jobs: the same for a sample of pairs (target p95 under
   100 ms).
5. Three example routes with their totals.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.catalogue import load_catalogue
from planner.pathways import NoRoute, build_graph, find_routes
from planner.pathways.graph import index_of
from planner.pathways.model import (
    BAND_ORDER,
    Catalogue,
    DbsCheck,
    Experience,
    Learning,
    Progression,
    Role,
    Route,
    Skill,
    TimeInPost,
    WorkPlace,
    band_rank,
)
from planner.pathways.search.prepared import prepare
from planner.pathways.search.situation import Question, Situation

ON = date(2026, 12, 1)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_ms(call) -> float:
    start = time.process_time()
    call()
    return (time.process_time() - start) * 1000


def healthz_ms(rounds: int) -> float:
    """Median CPU of one GET /healthz through the test client."""
    from planner import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "DATABASE": f"{tmp}/bench.sqlite"})
        client = app.test_client()
        for _ in range(50):
            client.get("/healthz")
        times = [cpu_ms(lambda: client.get("/healthz")) for _ in range(rounds)]
    median = statistics.median(times)
    print(f"GET /healthz, median of {rounds}: {median:.3f} ms CPU")
    return median


def prepare_jobs(graph, targets: list[str]) -> float:
    """Work out the shared tables for these jobs (as at start-up); the mean time per job."""
    index = index_of(graph)
    nobody = Situation(-1, 0)
    times = [
        cpu_ms(lambda t=t: prepare(Question(index, nobody, index.role_pos[t]))) for t in targets
    ]
    return statistics.mean(times)


def ask_every_pair(graph, catalogue: Catalogue, pairs, health: float, label: str) -> None:
    times, best_effort, no_route, too_long = [], 0, 0, 0
    for start, target in pairs:
        outcome: list = []

        def ask(start=start, target=target, outcome=outcome) -> None:
            try:
                outcome.append(find_routes(graph, [], target, start, on=ON))
            except NoRoute as error:
                outcome.append(error)

        times.append(cpu_ms(ask))
        found = outcome[0]
        if isinstance(found, NoRoute):
            no_route += 1
            too_long += "too long" in found.reason
        else:
            best_effort += found[0].best_effort
    median, p95, worst = statistics.median(times), percentile(times, 95), max(times)
    print(f"{label}: {len(times)} questions, 3 routes asked for each")
    for name, value, target in (
        ("median", median, None),
        ("p95", p95, 50),
        ("worst", worst, 500),
    ):
        aim = f"   (target at most {target}x)" if target else ""
        print(f"  {name:<7} {value:8.2f} ms CPU = {value / health:7.1f}x /healthz{aim}")
    print(
        f"  best effort (past the exact search's budget): {best_effort}; no route: {no_route}"
        f" (of which too long to work out: {too_long})"
    )


def synthetic_catalogue(n_roles: int, seed: int = 7) -> Catalogue:
    """Families of about 100 jobs on ladders of bands 2 to 8a, shaped like the real data:
    each job needs its band's qualification, two of its family's everyday skills and, from
    band 4, a year leading a team; courses give qualifications (each needs the one below),
    apprenticeships are done in a job of the family at the bands they fit, experience is
    time in a job, and moving up a band needs a year in post."""
    rng = random.Random(seed)
    bands = BAND_ORDER[1:8]
    skills: list[Skill] = []
    roles: list[Role] = []
    learning: list[Learning] = []
    experience: list[Experience] = []
    rules: list[TimeInPost] = []
    dbs = DbsCheck("basic", False, "")
    n_families = max(1, n_roles // 100)
    per_family = n_roles // n_families
    for f in range(n_families):
        family = f"family-{f}"
        rules.append(
            TimeInPost(f"{family}-post", "A year in post", family, tuple(bands[1:]), 52, 104)
        )
        everyday = [f"f{f}-skill-{i}" for i in range(8)]
        skills += [Skill(s, s, 1, "skill", s) for s in everyday]
        quals = [f"f{f}-qual-{b}" for b in bands]
        skills += [Skill(q, q, i + 2, "qualification", q) for i, q in enumerate(quals)]
        lead = f"f{f}-leading"
        skills.append(Skill(lead, lead, 3, "experience", lead))
        for i, q in enumerate(quals):
            needs = (quals[i - 1],) if i else ()
            weeks = 20 + 12 * i
            learning.append(
                Learning(
                    f"{q}-course", q, "course", i + 2, weeks, weeks // 2, weeks * 2, (q,), needs, q
                )
            )
            if 0 < i < len(bands) - 1:
                learning.append(
                    Learning(
                        f"{q}-apprenticeship",
                        q,
                        "apprenticeship",
                        i + 2,
                        52 + 13 * i,
                        40,
                        104,
                        (q, rng.choice(everyday)),
                        (),
                        q,
                        done_in=WorkPlace((family,), (bands[i - 1], bands[i])),
                    )
                )
        for s in everyday:
            experience.append(Experience(f"{s}-volunteering", s, (s,), rng.randint(6, 26), s))
        first = len(roles)
        for r in range(per_family):
            band_i = r % len(bands)
            needs = [quals[band_i - 1]] if band_i else []
            needs += rng.sample(everyday, 2)
            if band_i >= 2:
                needs.append(lead)
            roles.append(
                Role(
                    f"f{f}-role-{r}",
                    f"role {r}",
                    bands[band_i],
                    family,
                    f"{family}-ladder-{r % 2}",
                    "",
                    tuple(needs),
                    (),
                    dbs,
                    entry_point=band_i == 0,
                    responsibility="supervisory" if band_i >= 1 else "none",
                )
            )
        leaders = tuple(role.id for role in roles[first:] if role.band != bands[0])
        experience.append(Experience(f"{lead}-exp", lead, (lead,), 52, lead, in_roles=leaders))
    return Catalogue(
        (),
        tuple(skills),
        tuple(roles),
        tuple(learning),
        tuple(experience),
        progression=Progression(hire_weeks=14, hire_weeks_min=8, time_in_post=tuple(rules)),
    )


def show(title: str, route: Route) -> None:
    low = route.total_weeks_min if route.total_weeks_min is not None else route.total_weeks
    years = route.total_weeks / 52
    print(f"\n{title}: {low} to {route.total_weeks} weeks (about {years:.1f} years)")
    for step in route.steps:
        length = f"{step.weeks:>3} weeks"
        if step.full_weeks and step.full_weeks != step.weeks:
            length += f" (full length {step.full_weeks})"
        print(f"  week {step.starts_after_weeks:>3}  {step.kind:<14} {step.title}  {length}")


def examples(graph, catalogue: Catalogue) -> None:
    """The closing note's three routes: band 2 admin to band 7, nothing to facilities team
    leader, and someone just out of prison (out of work) to porter."""
    cases = (
        (
            "Band 2 admin (Business Admin Assistant) to band 7 (Departmental Admin Manager)",
            dict(
                have=[],
                target="departmental-admin-manager",
                current_role="business-admin-assistant",
            ),
        ),
        ("Nothing yet to Facilities Team Leader", dict(have=[], target="facilities-team-leader")),
        ("Just left prison, out of work, to Porter", dict(have=[], target="porter")),
    )
    for title, question in cases:
        try:
            show(title, find_routes(graph, on=ON, limit=1, **question)[0])
        except NoRoute as error:
            print(f"\n{title}: no route ({error.reason})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # best-effort answers log a line each

    health = healthz_ms(200 if args.quick else 1000)

    catalogue = load_catalogue()
    graph = build_graph(catalogue)
    jobs = [r.id for r in catalogue.roles]
    per_job = prepare_jobs(graph, jobs)
    print(f"Shared tables: {per_job:.1f} ms CPU per job, {len(jobs)} jobs")
    pairs = [(a, b) for a in [None, *jobs] for b in jobs if a != b]
    if args.quick:
        pairs = random.Random(1).sample(pairs, 400)
    ask_every_pair(graph, catalogue, pairs, health, "Shipped data, every (from, to) pair")

    start = time.process_time()
    synthetic = synthetic_catalogue(1_000)
    big = build_graph(synthetic)
    print(f"\nGenerated catalogue of 1,000 jobs built in {time.process_time() - start:.2f} s CPU")
    rng = random.Random(2)
    sample = []
    for _ in range(100 if args.quick else 400):
        # Like real questions: from nothing, or from a lower band job in the same family.
        target = rng.choice(synthetic.roles)
        lower = [
            r.id
            for r in synthetic.roles
            if r.family == target.family and band_rank(r.band) < band_rank(target.band)
        ]
        start = rng.choice(lower) if lower and rng.random() < 0.7 else None
        sample.append((start, target.id))
    targets = sorted({b for _, b in sample})
    per_job = prepare_jobs(big, targets)
    print(
        f"Shared tables: {per_job:.1f} ms CPU per job ({len(targets)} jobs asked about; all "
        f"1,000 would take {per_job:.0f} s at start-up)"
    )
    ask_every_pair(big, synthetic, sample, health, "1,000 jobs, random pairs")

    examples(graph, catalogue)


if __name__ == "__main__":
    main()
