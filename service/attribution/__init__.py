"""Attribution extraction: who said what, in which words, citing whom (no model needed).

An :class:`Extractor` applies an ordered tuple of rule objects (:data:`DEFAULT_RULES`, see
:mod:`.rules`) to every sentence; pass ``rules=`` to add, drop or reorder them.
"""

from .extract import EXTRACTOR_VERSION, Extractor, attribute
from .rules import DEFAULT_RULES
from .sources import SourceRegistry, load_sources

__all__ = ["Extractor", "attribute", "DEFAULT_RULES", "SourceRegistry", "load_sources", "EXTRACTOR_VERSION"]
