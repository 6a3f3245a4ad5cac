"""Ruled tables from drawn edges, without pdfplumber: the lattice method of pdfplumber's ``find_tables``
(default "lines" settings) restated on plain edge tuples, so the PDFium path can find tables from the page's
path segments and need not parse the page a second time with pdfminer.

Steps, with pdfplumber's default tolerances: edges shorter than 1 pt dropped; edges snapped to the mean of
their cluster (positions within 3 pt), collinear edges joined when they overlap or lie within 3 pt; edges
shorter than 3 pt dropped; intersections of horizontal and vertical edges (3 pt tolerance); for each
intersection the smallest rectangle whose four corners are intersections joined by common edges; cells that
share a corner grouped into tables, tables of one cell dropped. tests/test_reader_pdf.py checks that the
tables equal pdfplumber's on every PDF fixture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

Box = tuple[float, float, float, float]
Edge = tuple[str, float, float, float, float]
"""(orientation ``h`` or ``v``, x0, top, x1, bottom)."""

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
PREFILTER = 1.0
INTERSECT = 3.0


def _length(e: Edge) -> float:
    return e[3] - e[1] if e[0] == "h" else e[4] - e[2]


def _cluster_means(values: Iterable[float], tol: float) -> dict[float, float]:
    """Each value mapped to the mean of its cluster (sorted values chained while within ``tol``)."""
    xs = sorted(set(values))
    out: dict[float, float] = {}
    group: list[float] = []
    for x in xs:
        if group and x > group[-1] + tol:
            mean = sum(group) / len(group)
            out.update(dict.fromkeys(group, mean))
            group = []
        group.append(x)
    if group:
        mean = sum(group) / len(group)
        out.update(dict.fromkeys(group, mean))
    return out


def _snap(edges: list[Edge]) -> list[Edge]:
    vs = [e for e in edges if e[0] == "v"]
    hs = [e for e in edges if e[0] == "h"]
    # pdfplumber averages over the objects of a cluster, not over distinct values
    vx = _object_means([e[1] for e in vs], SNAP)
    hy = _object_means([e[2] for e in hs], SNAP)
    out: list[Edge] = [("v", vx[i], e[2], vx[i] + (e[3] - e[1]), e[4]) for i, e in enumerate(vs)]
    out += [("h", e[1], hy[i], e[3], hy[i] + (e[4] - e[2])) for i, e in enumerate(hs)]
    return out


def _object_means(values: list[float], tol: float) -> list[float]:
    """For each value, the mean of the values (with repeats) in its cluster of distinct values."""
    clusters = _cluster_means(values, tol)
    groups: dict[float, list[float]] = {}
    for v in values:
        groups.setdefault(clusters[v], []).append(v)
    mean = {k: sum(g) / len(g) for k, g in groups.items()}
    return [mean[clusters[v]] for v in values]


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    horizontal = orientation == "h"

    def lo(e: Edge) -> float:
        return e[1] if horizontal else e[2]

    def hi(e: Edge) -> float:
        return e[3] if horizontal else e[4]

    ordered = sorted(edges, key=lo)
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if lo(e) <= hi(last) + JOIN:
            if hi(e) > hi(last):
                o, x0, top, x1, bottom = last
                joined[-1] = (o, x0, top, hi(e), bottom) if horizontal else (o, x0, top, x1, hi(e))
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge]) -> list[Edge]:
    def group(e: Edge) -> tuple[str, float]:
        return (e[0], e[2] if e[0] == "h" else e[1])

    snapped = sorted(_snap(edges), key=group)
    out: list[Edge] = []
    for key, items in groupby(snapped, key=group):
        out.extend(_join(list(items), key[0]))
    return out


def find_tables(raw_edges: Sequence[Edge]) -> list[list[Box]]:
    """The cells (x0, top, x1, bottom) of each table, tables top to bottom."""
    edges = [e for e in raw_edges if _length(e) >= PREFILTER]
    if not edges:
        return []
    edges = [e for e in merge_edges(edges) if _length(e) >= MIN_LENGTH]
    vs = sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2]))
    hs = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    points: dict[tuple[float, float], tuple[set[Edge], set[Edge]]] = {}
    for v in vs:
        for h in hs:
            if (
                v[2] <= h[2] + INTERSECT
                and v[4] >= h[2] - INTERSECT
                and h[1] - INTERSECT <= v[1] <= h[3] + INTERSECT
            ):
                pv, ph = points.setdefault((v[1], h[2]), (set(), set()))
                pv.add(v)
                ph.add(h)
    return _cells_to_tables(_cells(points))


def _cells(points: dict[tuple[float, float], tuple[set[Edge], set[Edge]]]) -> list[Box]:
    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and points[p1][0] & points[p2][0]:
            return True
        return p1[1] == p2[1] and bool(points[p1][1] & points[p2][1])

    ordered = sorted(points)
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in ordered:
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    cells: list[Box] = []
    for pt in ordered:
        below = [q for q in by_x[pt[0]] if q > pt]
        right = [q for q in by_y[pt[1]] if q > pt]
        found = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and connects(corner, r) and connects(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []

    def corners_of(b: Box) -> tuple[tuple[float, float], ...]:
        return ((b[0], b[1]), (b[0], b[3]), (b[2], b[1]), (b[2], b[3]))

    while remaining:
        before = len(current)
        for cell in list(remaining):
            cs = corners_of(cell)
            if not current or any(c in corners for c in cs):
                corners.update(cs)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners = set()
            current = []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
