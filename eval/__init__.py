"""Evaluation scripts (run as ``python -m eval.NAME``)."""
