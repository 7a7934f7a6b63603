"""Seeded bootstrap: 95% intervals for one system, paired significance for two.

Both follow sacrebleu's procedure (``sacrebleu.significance``): resample item indexes with
``numpy.random.default_rng(seed).choice(n, (n_samples, n))``, sum each resample's per-item
sufficient statistics (float32) and recompute the corpus score from the sums. The interval is
``sorted[n_samples // 40]`` … ``sorted[n_samples - n_samples // 40 - 1]``; the paired p-value is
the Moses/sacrebleu one: ``(#{|Δ_i| - mean|Δ| > |Δ|} + 1) / (n_samples + 1)`` (except that two
identical systems get p = 1, where that formula gives 1/(n+1)). So an interval
here equals sacrebleu's for the same seed (the tests check it against the library).

A metric is given as per-item statistics (an ``n × k`` array) and a function from their column
sums to the score.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

Compute = Callable[[np.ndarray], float]


def _indexes(n_items: int, n_samples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.choice(n_items, size=(n_samples, n_items), replace=True)


def _resampled(stats: np.ndarray, compute: Compute, idxs: np.ndarray) -> np.ndarray:
    s = np.asarray(stats, dtype="float32")
    return np.array([compute(s[row].sum(0)) for row in idxs], dtype="float64")


def _bounds(scores: np.ndarray) -> tuple[float, float]:
    s = np.sort(scores)
    lo = len(s) // 40
    return float(s[lo]), float(s[len(s) - lo - 1])


def bootstrap_interval(stats: Sequence[Sequence[float]], compute: Compute, n_samples: int, seed: int) -> dict:
    """The 95% bootstrap interval of one system's score: ``{low, high, mean}``."""
    stats = np.asarray(stats, dtype="float32")
    if len(stats) == 0 or n_samples < 2:
        return {}
    scores = _resampled(stats, compute, _indexes(len(stats), n_samples, seed))
    low, high = _bounds(scores)
    return {"low": low, "high": high, "mean": float(scores.mean())}


def paired_bootstrap(
    metrics: dict[str, tuple[np.ndarray, np.ndarray, Compute]], n_samples: int, seed: int
) -> dict[str, dict]:
    """For each metric (stats of A, stats of B on the same items, compute): the scores, Δ = B − A,
    the 95% interval of Δ, and the paired bootstrap p-value. One set of resamples for all metrics."""
    out: dict[str, dict] = {}
    idxs = None
    for name, (sa, sb, compute) in metrics.items():
        sa = np.asarray(sa, dtype="float32")
        sb = np.asarray(sb, dtype="float32")
        if sa.shape[0] != sb.shape[0]:
            raise ValueError(f"{name}: {sa.shape[0]} items vs {sb.shape[0]}")
        if idxs is None:
            idxs = _indexes(sa.shape[0], n_samples, seed)
        a = float(compute(sa.sum(0)))
        b = float(compute(sb.sum(0)))
        ra = _resampled(sa, compute, idxs)
        rb = _resampled(sb, compute, idxs)
        sample = np.abs(rb - ra)
        if np.array_equal(sa, sb):
            p = 1.0  # the same outputs: the formula below would give 1/(n+1) for a difference of 0
        else:
            p = (int(np.sum(sample - sample.mean() > abs(b - a))) + 1) / (n_samples + 1)
        lo, hi = _bounds(rb - ra)
        out[name] = {"a": a, "b": b, "delta": b - a, "delta_low": lo, "delta_high": hi, "p_value": p}
    return out


# ---- aggregators for per-item statistics (stored in results as plain lists) ----

def mean(s: np.ndarray) -> float:
    """stats [value, 1] → the mean value."""
    return float(s[0] / s[1]) if s[1] else 0.0


def ratio(s: np.ndarray) -> float:
    """stats [hits, total] → hits / total."""
    return float(s[0] / s[1]) if s[1] else 0.0


def f1(s: np.ndarray) -> float:
    """stats [tp, fp, fn] → F1."""
    tp, fp, fn = float(s[0]), float(s[1]), float(s[2])
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


AGGREGATORS: dict[str, Compute] = {"mean": mean, "ratio": ratio, "f1": f1}


def percentile(xs: Sequence[float], p: float) -> float:
    """The ``p`` quantile (0 … 1) of ``xs``, linearly interpolated between the two nearest ranks."""
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
