"""Attribution extraction: who said what, in which words, citing whom (no model needed)."""

from .extract import EXTRACTOR_VERSION, Extractor, attribute
from .sources import SourceRegistry, load_sources

__all__ = ["Extractor", "attribute", "SourceRegistry", "load_sources", "EXTRACTOR_VERSION"]
