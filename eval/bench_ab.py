"""A short interleaved A/B of one CTranslate2 setting on the full-size random opus-mt-shaped model
(eval/bench.py): CTranslate2 int8 at beam 4 / batch 16 with the setting on (A) and off (B), one
worker process each, the order swapped every round; per round the ratio of median passes.

    python -m eval.bench_ab [--rounds 6] [--isa avx2] [--setting LINTAS_CT2_TARGET_VMAP]

The default setting is the target-side vocabulary map. It prints the rounds' speed-ups (B's
median pass over A's), their median, min and max, and the load average: on a shared machine the
figures are indicative only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from .bench import HERE, ISA_CAPS, WorkerRunner, build_fullsize_marian, cpu_model, ct2_cache, isa_note


def run_ab(setting: str, rounds: int, isa: str, shared: Path, model_dir: Path | None, reps: int = 3) -> dict:
    """A (``setting=1``) against B (``setting=0``), interleaved over ``rounds`` rounds."""
    from service.translation.threads import cpu_flags

    with tempfile.TemporaryDirectory() as tmp:
        runner = WorkerRunner(env={**ISA_CAPS.get(isa, {}), "LINTAS_CT2_CACHE": str(ct2_cache(Path(tmp)))})
        model = model_dir or build_fullsize_marian(Path(tmp) / "opus-shape", shared=shared)
        runner.run(["--convert", "translation", str(model), "int8", "--vmap", "0"], idle_first=False)
        med: dict[str, list[float]] = {"A": [], "B": []}
        for r in range(rounds):
            for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                w = runner.run(["--worker", "ctranslate2", "int8", str(model), "--configs", "4x16", "--reps", str(reps)],
                               {setting: "1" if side == "A" else "0"})
                med[side].append(statistics.median(w["results"][0]["pass_s"]))
    ratios = [b / a for a, b in zip(med["A"], med["B"])]
    return {"setting": setting, "A": f"{setting}=1", "B": f"{setting}=0", "config": "ctranslate2 int8, beam 4, batch 16",
            "median_pass_s": med, "speedup_per_round": [round(x, 3) for x in ratios],
            "median_speedup": round(statistics.median(ratios), 3), "min": round(min(ratios), 3), "max": round(max(ratios), 3),
            "cpu": cpu_model(), "isa": isa_note(isa, cpu_flags(), cpu_model()),
            "loadavg_1m_at_end": round(os.getloadavg()[0], 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setting", default="LINTAS_CT2_TARGET_VMAP", help="a boolean LINTAS_ variable: A = 1, B = 0")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--isa", default="native", choices=["native", "avx2"])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--model-dir", default=None, help="reuse a model built by eval.bench")
    args = ap.parse_args(argv)
    out = run_ab(args.setting, max(1, args.rounds), args.isa, Path(args.shared), Path(args.model_dir) if args.model_dir else None)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
