"""Whether a straight line can split two sets of points: exact, on the points' grid steps.

Two finite sets are split by a line (strictly) exactly when their convex hulls do not meet. For
two convex polygons, possibly flattened to a segment or a point, a splitting line, if any, runs
along an edge of one of them or across the shortest gap between them, which joins two vertices
or a vertex and an edge. So it is enough to try the edges' normals and the vectors between the
hulls' vertices as directions: the sets are split when their projections on one of them do not
overlap. On whole grid steps every product is an exact integer.
"""

from __future__ import annotations

import numpy as np


def convex_hull(points: np.ndarray) -> np.ndarray:
    """The hull's vertices (Andrew's monotone chain) of integer points (n, 2), counter-clockwise;
    one or two rows when the points lie on a point or a line."""
    unique = np.unique(np.asarray(points, dtype=np.int64), axis=0)
    if len(unique) <= 2:
        return unique

    def cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> int:
        return int((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))

    def half(rows: np.ndarray) -> list[np.ndarray]:
        chain: list[np.ndarray] = []
        for p in rows:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(unique), half(unique[::-1])
    hull = np.array(lower[:-1] + upper[:-1])
    return hull if len(hull) else unique[[0, -1]]


def _directions(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Edge normals of both hulls and the vectors between their vertices."""
    parts = [(b[None, :, :] - a[:, None, :]).reshape(-1, 2)]
    for hull in (a, b):
        if len(hull) >= 2:
            edges = np.roll(hull, -1, axis=0) - hull
            parts.append(np.column_stack([-edges[:, 1], edges[:, 0]]))
    directions = np.concatenate(parts)
    return directions[(directions != 0).any(axis=1)]


def separable(first: np.ndarray, second: np.ndarray) -> bool:
    """Whether a straight line has every point of `first` on one side and every point of
    `second` on the other (none on the line), for integer points (n, 2) and (m, 2)."""
    if len(first) == 0 or len(second) == 0:
        return True
    a, b = convex_hull(first), convex_hull(second)
    directions = _directions(a, b)
    if len(directions) == 0:  # both hulls are the same single point
        return False
    pa, pb = a @ directions.T, b @ directions.T  # exact: int64 products of grid steps
    return bool(((pa.max(axis=0) < pb.min(axis=0)) | (pb.max(axis=0) < pa.min(axis=0))).any())
