"""Side-by-side source check: attributed claims against the cited sources' own text."""

from .checker import CHECKER_VERSION, Checker, CheckResult, SourceDocument, load_source

__all__ = ["Checker", "CheckResult", "SourceDocument", "load_source", "CHECKER_VERSION"]
