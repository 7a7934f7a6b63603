"""How many threads the model backends use, and which instruction set CTranslate2's kernels use.

Intra-op threads are the cores this process may run on, or the ``threads`` setting
(``LINTAS_THREADS``); both come from a :class:`~service.settings.Settings`, never from the
environment here. The one variable written is CTranslate2's own ``CT2_FORCE_CPU_ISA``
(:func:`force_ct2_isa`), which it reads when the library initialises.
"""

from __future__ import annotations

import os
import threading

from ..settings import Settings, current

# CTranslate2 refused the AVX-512 kernels lintas asked for (a build without CPU dispatch): the
# process then keeps CTranslate2's own choice for every later model
_avx512_refused = False
_isa_lock = threading.Lock()


def setting_threads(settings: Settings | None = None) -> int | None:
    """The ``threads`` setting: the intra-op threads of either backend (default: all cores for
    CTranslate2, torch's own default for transformers)."""
    return (settings or current()).threads


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


def user_ct2_isa() -> str | None:
    """The ``CT2_FORCE_CPU_ISA`` already set (by the user, or by :func:`force_ct2_isa`)."""
    return os.environ.get("CT2_FORCE_CPU_ISA") or None


def force_ct2_isa(isa: str | None) -> None:
    """Set (or, with None, remove) ``CT2_FORCE_CPU_ISA``: CTranslate2 reads it from the
    environment when it initialises, so it cannot be passed any other way. The only environment
    variable lintas writes."""
    if isa is None:
        os.environ.pop("CT2_FORCE_CPU_ISA", None)
    else:
        os.environ["CT2_FORCE_CPU_ISA"] = isa


def ct2_isa(flags: set[str] | None = None, settings: Settings | None = None) -> str:
    """The instruction set CTranslate2's own kernels (softmax, layer norm, top-k, …) dispatch to,
    set through its ``CT2_FORCE_CPU_ISA`` before a model loads. CTranslate2 leaves AVX-512 out of
    its automatic choice; on a CPU that has it (F, CD, BW, DQ, VL) lintas asks for it, which makes
    the int8 translator at beam 4 about 15–20% faster on our 2-core machines (eval/bench). A
    ``CT2_FORCE_CPU_ISA`` the user set is kept as it is; the ``ct2_avx512`` setting
    (``LINTAS_CT2_AVX512=0``) turns this off, and so does CTranslate2 refusing it once."""
    chosen = user_ct2_isa()
    if chosen:
        return chosen
    if _avx512_refused or not (settings or current()).ct2_avx512:
        return "auto"
    if AVX512_FLAGS <= (cpu_flags() if flags is None else flags):
        force_ct2_isa("AVX512")
        return "AVX512"
    return "auto"


def ct2_load(make, settings: Settings | None = None):
    """``make()`` (a CTranslate2 constructor) under :func:`ct2_isa`; where CTranslate2 refuses the
    instruction set lintas chose (a build without CPU dispatch), it loads again with its own
    choice, and the process keeps that choice. Returns the object and the instruction set asked
    for."""
    global _avx512_refused
    user_set = user_ct2_isa() is not None
    isa = ct2_isa(settings=settings)
    try:
        return make(), isa
    except ValueError as e:
        if user_set or isa != "AVX512" or "AVX512" not in str(e):
            raise
        with _isa_lock:
            _avx512_refused = True
            force_ct2_isa(None)
        return make(), "auto"
