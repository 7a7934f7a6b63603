"""How many threads the model backends use: intra-op threads = the cores this process may run
on, or ``LINTAS_THREADS``."""

from __future__ import annotations

import os

from ..errors import ConfigError


def env_threads() -> int | None:
    """``LINTAS_THREADS``: the intra-op threads of either backend (default: all cores for
    CTranslate2, torch's own default for transformers)."""
    v = os.environ.get("LINTAS_THREADS")
    if not v:
        return None
    if not v.isdigit() or int(v) < 1:
        raise ConfigError(f"LINTAS_THREADS must be a positive whole number, not {v!r}")
    return int(v)


def cpu_cores() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1
