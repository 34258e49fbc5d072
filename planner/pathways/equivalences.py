"""What counts as what: "holding every skill in this group counts as holding that one".

The data says it per skill (``Skill.met_by``: GCSE maths is met by Functional Skills maths
Level 2). Everything that walks these links is here, once, on bitmasks (one bit per
skill): what a set of skills counts as (:meth:`Equivalences.close`), which skills can
count towards wanted ones (:meth:`Equivalences.parts`), and the least cost of a skill
when it can also be met through a group (:meth:`Equivalences.settle`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Equivalences", "bits"]

INFINITY = 10**9


def bits(mask: int) -> tuple[int, ...]:
    """Positions of the set bits, lowest first.

    >>> bits(0b1010)
    (1, 3)
    """
    found = _BITS.get(mask)
    if found is not None:
        return found
    original = mask
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    found = tuple(out)
    if len(_BITS) < 100_000:
        _BITS[original] = found
    return found


#: The same masks come up again and again in a search.
_BITS: dict[int, tuple[int, ...]] = {}


@dataclass(frozen=True)
class Equivalences:
    """Every "group counts as skill" link, as ``(group mask, skill mask)`` pairs in data order.

    >>> e = Equivalences.of([(0b011, 0b100)])  # skills 0 and 1 together count as skill 2
    >>> bin(e.close(0b011)), bin(e.close(0b001)), bin(e.parts(0b100))
    ('0b111', '0b1', '0b111')
    >>> cost = {0: 5, 1: 9}
    >>> e.settle(cost), cost
    (True, {0: 5, 1: 9, 2: 9})
    """

    pairs: tuple[tuple[int, int], ...]
    #: Per skill (bit position): the groups that count as it, each as bit positions.
    groups: dict[int, tuple[tuple[int, ...], ...]]
    #: Closures already worked out: the same sets of skills come up again and again.
    closed: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> Equivalences:
        pairs = tuple(pairs)
        groups: dict[int, list[tuple[int, ...]]] = {}
        for group, skill in pairs:
            groups.setdefault(skill.bit_length() - 1, []).append(bits(group))
        return cls(pairs, {b: tuple(gs) for b, gs in groups.items()})

    def close(self, mask: int) -> int:
        """``mask`` and every skill it counts as, through groups, until nothing changes."""
        found = self.closed.get(mask)
        if found is not None:
            return found
        out = mask
        changed = True
        while changed:
            changed = False
            for group, skill in self.pairs:
                if out & group == group and not out & skill:
                    out |= skill
                    changed = True
        if len(self.closed) < 200_000:
            self.closed[mask] = out
        return out

    def parts(self, mask: int) -> int:
        """``mask`` and every skill that is part of a group counting as one in it, and so on
        down: all that can count towards the skills in ``mask``."""
        out = mask
        changed = True
        while changed:
            changed = False
            for group, skill in self.pairs:
                if skill & out and group & ~out:
                    out |= group
                    changed = True
        return out

    def settle(self, cost: dict[int, int]) -> bool:
        """Lower each skill's cost (by bit position) to that of a group counting as it, when
        cheaper: a group costs as much as its dearest part. Changes ``cost`` in place (a
        skill with no finite cost stays out) and says whether anything changed."""
        changed, any_change = True, False
        while changed:
            changed = False
            for group, skill in self.pairs:
                b = skill.bit_length() - 1
                through = max((cost.get(m, INFINITY) for m in bits(group)), default=0)
                if through < cost.get(b, INFINITY):
                    cost[b] = through
                    changed = any_change = True
        return any_change
