"""Print the routes the shipped data gives for some questions, one JSON line each, with the
default limits: ``python -m tests.pathways.answers FROM:TO ...`` (an empty FROM is "from
no job"). The determinism test runs it in separate processes and compares what they print.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date

from planner.catalogue import load_catalogue
from planner.pathways import NoRoute, build_graph
from planner.pathways.search.routes import find_routes_counted

ON = date(2026, 12, 1)


def answer(graph, start: str | None, target: str) -> dict:
    try:
        routes, work = find_routes_counted(graph, [], target, start, on=ON)
    except NoRoute as error:
        return {"from": start, "to": target, "no_route": error.reason}
    return {
        "from": start,
        "to": target,
        "work": work.total,
        "routes": [
            {
                "weeks": route.total_weeks,
                "best_effort": route.best_effort,
                "steps": [[step.kind, step.id, step.weeks] for step in route.steps],
            }
            for route in routes
        ],
    }


def main(questions: list[str]) -> None:
    logging.disable(logging.WARNING)
    graph = build_graph(load_catalogue())
    for question in questions:
        start, _, target = question.partition(":")
        print(json.dumps(answer(graph, start or None, target)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
