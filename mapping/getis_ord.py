"""Getis-Ord Gi* with binary weights, and the false-discovery-rate correction of its p-values: the
statistic planners' GIS computes in a hot spot analysis (ArcGIS Pro's Hot Spot Analysis, PySAL's
esda.G_Local with star=True), for a few thousand units at most.

Why here and not esda: the statistic is the two formulas below; esda would bring pandas, scipy,
scikit-learn and geopandas into the web process for them. tests/mapping/test_getis_ord.py checks
the figures against a worked example computed by hand.

    Gi*_i = (sum_j w_ij x_j - mean * W_i) / (S * sqrt((n * W_i - W_i^2) / (n - 1)))

with w_ij = 1 for j among i's neighbours (i itself included), W_i their number, mean and S the
mean and standard deviation (population) of all n values. Under the null hypothesis Gi* is a
z-score; its two-sided p-value is erfc(|z| / sqrt 2).
"""

import math

import numpy as np

# Confidence levels and their alpha, the strictest first, as ArcGIS bins them.
CONFIDENCE = ((99, 0.01), (95, 0.05), (90, 0.10))


def gi_star(values: np.ndarray, neighbours: list[np.ndarray]) -> np.ndarray:
    """Each unit's Gi* z-score: `values` one per unit, `neighbours[i]` the indices of unit i's
    neighbours, i itself among them. All zeros when the values do not vary."""
    n = len(values)
    mean = values.mean()
    spread = math.sqrt(max((values**2).mean() - mean**2, 0.0))
    if n < 2 or spread == 0:
        return np.zeros(n)
    weights = np.array([len(found) for found in neighbours], dtype=float)
    sums = np.array([values[found].sum() for found in neighbours])
    variance = (n * weights - weights**2) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (sums - mean * weights) / (spread * np.sqrt(variance))
    return np.nan_to_num(z)  # a unit whose neighbours are all n units says nothing


def confidence(z: np.ndarray) -> np.ndarray:
    """Each unit's confidence level (99, 95, 90, or 0 when not significant), with the
    Benjamini–Hochberg false-discovery-rate correction over all units at each level."""
    p = np.array([math.erfc(abs(value) / math.sqrt(2)) for value in z])
    levels = np.zeros(len(p), dtype=int)
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    for level, alpha in reversed(CONFIDENCE):
        below = np.nonzero(ranked <= alpha * np.arange(1, len(p) + 1) / len(p))[0]
        if len(below):
            levels[order[: below[-1] + 1]] = level
    return levels
