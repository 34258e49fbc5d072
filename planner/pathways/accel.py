"""The backward search in C (``_regress.c``), when it is built: same rules, same routes, faster.

``regress.find_back`` is the reference. The C version follows it step for
step, including how ties are broken, so both return the same routes
(``tests/pathways/test_accel.py`` checks this on random catalogues and on the
shipped data). It is built by ``pip install -e .`` and loaded with ctypes; if
it is missing, or a catalogue is too big for its 256-bit sets, the Python
search is used.
"""

from __future__ import annotations

import ctypes
import importlib.util
from functools import cache

import networkx as nx

from planner.pathways.bounds import Problem
from planner.pathways.index import NO_ROLE, Index, bits
from planner.pathways.question import OverBudget
from planner.pathways.regress import (
    ALTERNATIVE_BUDGET,
    ALTERNATIVE_SLACK_WEEKS,
    FALLBACK_WEIGHT,
    GOAL_ROLE,
    Found,
)

__all__ = ["FastSearch", "accelerated", "available", "compile_index"]

WORDS = 4
MAX_BITS = 64 * WORDS
_OUT_LEN = 8192
#: Conditions the C search may look at: it is fast enough to stay exact on every
#: question in the shipped data (the hardest takes under half a second).
EXACT_BUDGET = 1_000_000
FALLBACK_BUDGET = 1_000_000


@cache
def _library() -> ctypes.CDLL | None:
    spec = importlib.util.find_spec("planner.pathways._regress")
    if spec is None or not spec.origin or not spec.origin.endswith((".so", ".pyd", ".dylib")):
        return None
    lib = ctypes.CDLL(spec.origin)
    lib.cat_new.restype = ctypes.c_void_p
    lib.cat_new.argtypes = [
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_uint64),
        ctypes.c_int,
    ]
    lib.cat_free.restype = None
    lib.cat_free.argtypes = [ctypes.c_void_p]
    lib.find_back.restype = ctypes.c_int
    lib.find_back.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_uint64),
        ctypes.c_int,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_uint64),
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_double,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    return lib


def available() -> bool:
    """Is the C search built and loadable here?"""
    return _library() is not None


def accelerated(graph: nx.DiGraph) -> FastSearch | None:
    """The C search for a graph, if ``build_graph`` could make one."""
    return graph.graph.get("fast")


def compile_index(index: Index) -> FastSearch | None:
    """Hand a catalogue to the C search once; ``None`` if it is not built or the data is too big."""
    lib = _library()
    if lib is None:
        return None
    places: dict[tuple[int, str], int] = {}
    for kind in index.kinds:
        places.setdefault((kind.rank, kind.family), len(places))
    if len(index.skill_ids) > MAX_BITS or len(index.actions) + len(places) > MAX_BITS:
        return None
    return FastSearch(lib, index, places)


class FastSearch:
    """One catalogue, laid out for the C search."""

    def __init__(self, lib: ctypes.CDLL, index: Index, places: dict[tuple[int, str], int]):
        self._lib = lib
        ints, masks = _layout(index, places)
        words = [w for m in masks for w in _words(m)]
        int_array = (ctypes.c_int * len(ints))(*ints)
        word_array = (ctypes.c_uint64 * max(1, len(words)))(*words)
        self._cat = lib.cat_new(int_array, len(ints), word_array, len(masks))
        if not self._cat:
            raise ValueError("The C route search could not read this catalogue.")

    def __del__(self):
        cat = getattr(self, "_cat", None)
        if cat:
            self._lib.cat_free(cat)
            self._cat = None

    def find(
        self,
        problem: Problem,
        limit: int,
        exact_budget: int = EXACT_BUDGET,
        fallback_budget: int = FALLBACK_BUDGET,
    ) -> list[Found]:
        """As ``regress.find_back(problem, find_bounds(problem), limit)``, with its own budgets."""
        out = (ctypes.c_int * _OUT_LEN)()
        start = (ctypes.c_uint64 * WORDS)(*_words(problem.start))
        usable = sum(1 << a for a, ok in enumerate(problem.usable) if ok)
        usable_words = (ctypes.c_uint64 * WORDS)(*_words(usable))
        status = self._lib.find_back(
            self._cat,
            start,
            -1 if problem.start_role == NO_ROLE else problem.start_role,
            problem.target,
            usable_words,
            limit,
            exact_budget,
            FALLBACK_WEIGHT,
            fallback_budget,
            ALTERNATIVE_SLACK_WEEKS,
            ALTERNATIVE_BUDGET,
            out,
            _OUT_LEN,
        )
        if status == -1:
            raise OverBudget
        if status != 0:
            raise MemoryError("The C route search ran out of memory.")
        found = []
        at = 1
        for _ in range(out[0]):
            weeks, n = out[at], out[at + 1]
            moves = []
            for i in range(n):
                kind, x = out[at + 2 + 2 * i], out[at + 3 + 2 * i]
                moves.append(("act", x) if kind == 1 else ("role", x))
            # ``what`` is only needed inside the search, where C keeps its own.
            found.append(Found(weeks, tuple(moves), 0))
            at += 2 + 2 * n
        return found


def _words(mask: int) -> list[int]:
    return [(mask >> (64 * i)) & 0xFFFFFFFFFFFFFFFF for i in range(WORDS)]


def _layout(index: Index, places: dict[tuple[int, str], int]) -> tuple[list[int], list[int]]:
    """The catalogue as a list of ints (and the masks they refer to), in the order C reads it."""
    masks: list[int] = []
    mask_ids: dict[int, int] = {}

    def mask_id(mask: int) -> int:
        if mask not in mask_ids:
            mask_ids[mask] = len(masks)
            masks.append(mask)
        return mask_ids[mask]

    def rows(groups) -> list[int]:
        out: list[int] = []
        for row in groups:
            row = list(row)
            out.append(len(row))
            out.extend(row)
        return out

    out = [
        len(index.skill_ids),
        len(index.actions),
        len(index.kinds),
        len(index.classes),
        len(index.roles),
        index.weeks_to_start_role,
        index.none_kind,
        index.none_class,
        len(index.equivalences),
    ]
    for action in index.actions:
        in_job = action.in_roles is not None
        out += [
            mask_id(action.requires),
            mask_id(action.grants),
            action.weeks,
            int(action.kind == "experience"),
            int(in_job),
            int(in_job and NO_ROLE in action.in_roles),
        ]
    out += rows(index.action_classes)
    for kind in index.kinds:
        out += [
            kind.role_class,
            kind.rank,
            places[(kind.rank, kind.family)],
            mask_id(kind.requires),
        ]
    out += rows(kind.roles for kind in index.kinds)
    for role_class in index.classes:
        out += [role_class.rank, mask_id(role_class.gives)]
    out += rows(role_class.actions for role_class in index.classes)
    out += rows(role_class.kinds for role_class in index.classes)
    out += rows([mask_id(g) for g in groups] for groups in index.groups)
    out += rows(index.grantors)
    out += rows(index.needed_by)
    out += rows(index.kinds_needing)
    out += rows(index.in_groups)
    out += rows(index.classes_giving)
    for group, skill in index.equivalences:
        out += [mask_id(group), next(iter(bits(skill)))]
    for r, role in enumerate(index.roles):
        out += [index.kind_of[r], role.rank]
    assert GOAL_ROLE < 0
    return out, masks
