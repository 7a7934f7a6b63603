"""lintas: Indonesian news into English, sentence-aligned, with who-said-what.

The Python API (the CLI ``lintas`` wraps exactly these functions)::

    from service import translate, attributions, check, summarize, full_report, prepare
"""

from .version import __version__
from .api import attributions, check, full_report, run, summarize, translate  # noqa: E402
from .compare import compare_translations  # noqa: E402
from .article import Article, Attribution, Issue, Paragraph, Sentence, SourceRef, Speaker  # noqa: E402
from .errors import (  # noqa: E402
    EmptyInputError,
    InputError,
    InputTooLargeError,
    LintasError,
    ModelLoadError,
    ModelNotAvailableError,
    UnknownModelError,
)
from .ingest import ingest  # noqa: E402
from .options import CheckOptions, InputOptions, SummaryOptions, TranslationOptions  # noqa: E402
from .pipeline import Pipeline  # noqa: E402
from .prepare import prepare, read_input  # noqa: E402
from .registry import ModelSpec, Registry  # noqa: E402
from .report import Report, build_report  # noqa: E402
from .settings import Settings  # noqa: E402
from .segment import segment, split_sentences  # noqa: E402
from .translation import Translator, load_translator  # noqa: E402

__all__ = [
    "__version__", "run", "Pipeline", "Settings", "build_report", "InputOptions", "TranslationOptions", "SummaryOptions", "CheckOptions", "translate", "attributions", "check", "summarize", "full_report", "compare_translations", "Attribution", "Speaker", "SourceRef", "prepare", "read_input", "ingest", "segment", "split_sentences",
    "load_translator", "Translator", "Registry", "ModelSpec", "Report", "Article", "Sentence",
    "Paragraph", "Issue", "LintasError", "InputError", "EmptyInputError", "InputTooLargeError",
    "ModelNotAvailableError", "ModelLoadError", "UnknownModelError",
]
