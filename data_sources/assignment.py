"""The best pairing of a file's headers with a dataset's columns, all at once.

Each header may name several columns with some score; no header takes two columns and no column
two headers, and the pairing with the highest total wins (a header that could be either of two
columns goes to the one no other header names better). The graph is split into its connected
parts first: nearly every part is one header and one column, and the rest are a handful.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

Row = TypeVar("Row", bound=Hashable)
Key = TypeVar("Key", bound=Hashable)


def best_assignment(scores: Mapping[Row, Mapping[Key, float]]) -> dict[Row, Key]:
    """Row → key with the highest total score, each key used once; rows left out score nothing.

    >>> best_assignment({"สถานีวัดระดับน้ำ": {"station": 0.9, "level": 0.8}, "ระดับน้ำ": {"level": 1.0}})
    {'สถานีวัดระดับน้ำ': 'station', 'ระดับน้ำ': 'level'}
    """
    chosen: dict[Row, Key] = {}
    for rows in _parts(scores):
        keys = list(dict.fromkeys(k for r in rows for k in scores[r]))
        if len(rows) == 1:
            chosen[rows[0]] = keys[max(range(len(keys)), key=lambda i: (scores[rows[0]][keys[i]], -i))]
            continue
        matrix = [[-scores[r].get(k, 0.0) for k in keys] for r in rows]
        for i, j in _hungarian(matrix).items():
            if scores[rows[i]].get(keys[j], 0.0) > 0:
                chosen[rows[i]] = keys[j]
    return chosen


def _parts(scores: Mapping[Row, Mapping[Key, float]]) -> list[list[Row]]:
    """The rows of each connected part of the row–key graph (rows sharing a key, transitively)."""
    parent: dict[Key, Key] = {}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in scores.values():
        first = next(iter(keys), None)
        for key in keys:
            parent.setdefault(key, key)
            parent[root(key)] = root(first)  # type: ignore[arg-type]
    parts: dict[Key, list[Row]] = {}
    for row, keys in scores.items():
        if keys:
            parts.setdefault(root(next(iter(keys))), []).append(row)
    return list(parts.values())


def _hungarian(cost: list[list[float]]) -> dict[int, int]:
    """Row → column of the least total cost (Kuhn–Munkres); rectangular matrices either way."""
    if len(cost) > len(cost[0]):
        flipped = _hungarian([list(column) for column in zip(*cost, strict=True)])
        return {i: j for j, i in flipped.items()}
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while owner[j0]:
            used[j0] = True
            delta, j1 = _cheapest(cost, owner[j0], j0, u, v, least, used, way)
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return {owner[j] - 1: j - 1 for j in range(1, m + 1) if owner[j]}


def _cheapest(
    cost: list[list[float]],
    i0: int,
    j0: int,
    u: list[float],
    v: list[float],
    least: list[float],
    used: list[bool],
    way: list[int],
) -> tuple[float, int]:
    """One Kuhn–Munkres step from row `i0`: lower each free column's reduced cost; the least one."""
    delta, j1 = float("inf"), 0
    for j in range(1, len(v)):
        if not used[j]:
            current = cost[i0 - 1][j - 1] - u[i0] - v[j]
            if current < least[j]:
                least[j], way[j] = current, j0
            if least[j] < delta:
                delta, j1 = least[j], j
    return delta, j1
