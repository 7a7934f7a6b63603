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


AVX512_FLAGS = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


def cpu_flags(cpuinfo: str = "/proc/cpuinfo") -> set[str]:
    """The CPU's feature flags (Linux), or an empty set where they cannot be read."""
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def ct2_isa(flags: set[str] | None = None) -> str:
    """The instruction set CTranslate2's own kernels (softmax, layer norm, top-k, …) dispatch to,
    set through its ``CT2_FORCE_CPU_ISA`` before a model loads. CTranslate2 leaves AVX-512 out of
    its automatic choice; on a CPU that has it (F, CD, BW, DQ, VL) lintas asks for it, which makes
    the int8 translator at beam 4 about 15–20% faster on our 2-core machines (eval/bench). A
    ``CT2_FORCE_CPU_ISA`` the user set is kept as it is; ``LINTAS_CT2_AVX512=0`` turns this off."""
    chosen = os.environ.get("CT2_FORCE_CPU_ISA")
    if chosen:
        return chosen
    if os.environ.get("LINTAS_CT2_AVX512", "1").lower() in ("0", "false", "no"):
        return "auto"
    if AVX512_FLAGS <= (cpu_flags() if flags is None else flags):
        os.environ["CT2_FORCE_CPU_ISA"] = "AVX512"
        return "AVX512"
    return "auto"


def ct2_load(make):
    """``make()`` (a CTranslate2 constructor) under :func:`ct2_isa`; where CTranslate2 refuses the
    instruction set lintas chose (a build without CPU dispatch), it loads again with its own
    choice. Returns the object and the instruction set asked for."""
    user_set = bool(os.environ.get("CT2_FORCE_CPU_ISA"))
    isa = ct2_isa()
    try:
        return make(), isa
    except ValueError as e:
        if user_set or isa != "AVX512" or "AVX512" not in str(e):
            raise
        os.environ.pop("CT2_FORCE_CPU_ISA", None)
        os.environ["LINTAS_CT2_AVX512"] = "0"
        return make(), "auto"
