"""Small timing helpers shared by the benchmarks."""
from __future__ import annotations

import resource
import statistics
import time
from typing import Callable


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of each of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> str:
    return (f"p50 {statistics.median(values):7.2f} ms  p95 {percentile(values, 95):7.2f} ms"
            f"  max {max(values):7.2f} ms")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
