"""A plan in the shape prison and probation staff already use: the Ministry of Justice's
"Learning and work progress" plan, where each goal has a title, a target date and one or
more steps (MoJ Education and Work Plan service: ``Goal(title, targetCompletionDate,
status, steps)``, each ``Step(title, sequenceNumber, status)``, at least one step a goal).

The plan's own items become that shape: every job the route starts (its "Start as ..."
milestones, and the plan's goal) is a goal, and the actions and milestones dated before it
are its steps, in date order. Pure: no Flask, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.plans.model import Plan, PlanItem

__all__ = [
    "MOJ_GOAL_STATUS",
    "MOJ_STEP_STATUS",
    "WorkGoal",
    "WorkStep",
    "work_progress_goals",
    "work_progress_json",
]

#: The plan's statuses in the MoJ service's words.
MOJ_STEP_STATUS = {"not-started": "NOT_STARTED", "in-progress": "ACTIVE", "done": "COMPLETE"}
MOJ_GOAL_STATUS = {False: "ACTIVE", True: "COMPLETED"}


@dataclass(frozen=True)
class WorkStep:
    title: str
    status: str
    target_date: date | None


@dataclass(frozen=True)
class WorkGoal:
    """One goal: a title, a target date and its steps (never none)."""

    title: str
    target_date: date | None
    steps: tuple[WorkStep, ...]
    done: bool


def _closes_a_goal(item: PlanItem) -> bool:
    """A goal, or the start of a job on the way ("Start as a Porter")."""
    return item.kind == "goal" or (item.kind == "milestone" and item.step_kind == "role")


def _order(item: PlanItem) -> tuple[date, int]:
    # Undated items go last; a goal sorts after the steps due the same day.
    return (item.target_date or date.max, 1 if _closes_a_goal(item) else 0)


def work_progress_goals(plan: Plan) -> list[WorkGoal]:
    """The plan as goals, each with a title, a target date and its steps, soonest first."""
    goals: list[WorkGoal] = []
    steps: list[WorkStep] = []
    for item in sorted(plan.items, key=_order):
        if not _closes_a_goal(item):
            steps.append(WorkStep(item.title, item.status, item.target_date))
            continue
        own = steps or [WorkStep(item.title, item.status, item.target_date)]
        goals.append(WorkGoal(item.title, item.target_date, tuple(own), item.status == "done"))
        steps = []
    if steps:  # steps after the last goal's date still belong to the plan's goal
        last = goals[-1] if goals else None
        if last is None:
            goals.append(WorkGoal(steps[-1].title, steps[-1].target_date, tuple(steps), False))
        else:
            goals[-1] = WorkGoal(last.title, last.target_date, last.steps + tuple(steps), last.done)
    return goals


def work_progress_json(plan: Plan, target_title: str, today: date) -> dict[str, Any]:
    """The goals as the MoJ service names things, to hand over to prison or probation staff."""
    return {
        "format": "learning-and-work-progress",
        "madeOn": today.isoformat(),
        "aim": target_title,
        "goals": [
            {
                "title": goal.title,
                "targetCompletionDate": goal.target_date.isoformat() if goal.target_date else None,
                "status": MOJ_GOAL_STATUS[goal.done],
                "steps": [
                    {
                        "title": step.title,
                        "sequenceNumber": n,
                        "status": MOJ_STEP_STATUS[step.status],
                    }
                    for n, step in enumerate(goal.steps, 1)
                ],
            }
            for goal in work_progress_goals(plan)
        ],
    }
