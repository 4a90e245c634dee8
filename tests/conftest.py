"""Shared pytest configuration: hypothesis profiles and BLAS threads."""

import os

from hypothesis import HealthCheck, settings

# One BLAS thread, as in the app: OpenBLAS threads thrash on tiny dot products.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

settings.register_profile(
    "default",
    deadline=None,  # 2-core shared machines: timing-based failures would be flaky
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
