"""Argument types and option groups shared by the ``lintas`` command line and ``lintas eval``."""

from __future__ import annotations

import argparse


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an integer") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def json_object(value: str) -> dict:
    """A JSON object given on the command line (``--runtime-env-json '{"pip": ["x"]}'``)."""
    import json

    try:
        obj = json.loads(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not JSON ({e.msg} at character {e.pos})") from None
    if not isinstance(obj, dict):
        raise argparse.ArgumentTypeError(f"a JSON object ({{...}}) is needed, not {type(obj).__name__}")
    return obj


def generation_options(args) -> dict | None:
    """``--beams`` / ``--max-new-tokens`` as generation settings (``None`` when neither is given)."""
    gen = {}
    if getattr(args, "beams", None) is not None:
        gen["num_beams"] = args.beams
    if getattr(args, "max_new_tokens", None) is not None:
        gen["max_new_tokens"] = args.max_new_tokens
    return gen or None
