"""One exception hierarchy with stable codes.

Entry points map these: the CLI to an exit code and a one-line message, the UI to ``gr.Error``,
a web API to an HTTP status. Each message says what went wrong and what to do about it.
"""

from __future__ import annotations

import re


class LintasError(Exception):
    """Base class. ``code`` is stable and machine-readable; ``http_status`` guides web APIs."""

    code = "lintas_error"
    http_status = 500
    exit_code = 1
    headers: dict[str, str] = {}  # extra HTTP headers for the refusal (Retry-After, WWW-Authenticate)

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": str(self)}}


class InputError(LintasError):
    """The caller's input cannot be processed as given."""

    code = "bad_input"
    http_status = 422
    exit_code = 2


class EmptyInputError(InputError):
    code = "empty_input"


class InputTooLargeError(InputError):
    code = "input_too_large"
    http_status = 413

    def __init__(self, size: int, limit: int, what: str = "text"):
        super().__init__(
            f"The {what} has {size:,} characters; the limit is {limit:,}. "
            "Split it into smaller articles, or raise the limit with LINTAS_MAX_CHARS."
        )
        self.size = size
        self.limit = limit


class SourcesTooLargeError(InputError):
    """More sources, or more source text, than one check may take (``max_sources``,
    ``max_source_chars``)."""

    code = "sources_too_large"
    http_status = 413


class NotIndonesianError(InputError):
    """The article is not Indonesian and the caller asked for Indonesian only
    (``require_indonesian=True``, ``--require-indonesian``, ``LINTAS_REQUIRE_INDONESIAN=1``)."""

    code = "not_indonesian"

    def __init__(self, language: str, probability: float):
        super().__init__(
            f"The article looks like {language!r} (p={probability:.2f}), not Indonesian, and Indonesian input was "
            "required. Send an Indonesian article, or drop the requirement to process it with a warning."
        )
        self.language = language
        self.probability = probability


class EnglishTextError(InputError):
    """A given English text that cannot be aligned: empty, or not English."""

    code = "bad_english_text"


class URLRefusedError(InputError):
    """A URL to fetch is not allowed: scheme, address (loopback, private, link-local, metadata…),
    or fetching is switched off."""

    code = "url_refused"


class FetchError(InputError):
    """A URL was allowed but fetching it failed: network error, timeout, size or content type."""

    code = "fetch_failed"
    http_status = 502


class ConfigError(LintasError):
    """The registry, a settings file or an environment variable is invalid."""

    code = "config_error"
    exit_code = 3


class UnknownModelError(ConfigError):
    code = "unknown_model"
    http_status = 422

    def __init__(self, name: str, known: list[str]):
        super().__init__(
            f"Unknown model {name!r}: not a registry name, not a local directory with a "
            f"config.json, and not a hub id (owner/name). Known names: {', '.join(sorted(known))}."
        )
        self.name = name
        self.known = known


class ModelNotAvailableError(LintasError):
    """The model's files are neither in a local directory nor in the local cache, and the hub
    cannot be reached. The message names the one command that fetches them."""

    code = "model_not_available"
    http_status = 503
    exit_code = 4

    def __init__(self, model: str, task: str, detail: str = "", name: str | None = None):
        self.model = model
        self.task = task
        self.command = f"lintas models pull {task}"
        self.ways = ways_forward(task, name)
        msg = f"Model {model} for {task} is not on this machine"
        msg += f" ({detail})." if detail else " (no local copy, no cached copy, and the hub cannot be reached)."
        msg += " Ways forward: " + "; ".join(self.ways) + "."
        super().__init__(msg)


def ways_forward(task: str, name: str | None = None) -> list[str]:
    """Every way to get on without the model of ``task`` (registry entry ``name``), for the
    missing-model message: fetch it, point at copied weights, give the English, or do without."""
    var = "LINTAS_MODEL_PATH_" + (re.sub(r"[^A-Za-z0-9]", "_", name).upper() if name else "<NAME>")
    flag = "--summary-model" if task.startswith("summary") else "--model"
    ways = [f"on a connected machine run: lintas models pull {task}",
            f"with the weights copied here: {flag} DIR or {var}=DIR"]
    if task == "translation":
        ways += ["with English you already have: --translations pairs.tsv",
                 "without it, lintas report and lintas summarize still give who said what and an Indonesian "
                 "summary (translation_unavailable), and --language id summarises in Indonesian"]
    elif task.startswith("summary"):
        ways += ["without it: --backend extractive (no model)"]
    return ways


class ModelLoadError(LintasError):
    """Files are present but the model could not be built from them."""

    code = "model_load_failed"
    http_status = 503
    exit_code = 4


class TranslationError(LintasError):
    code = "translation_failed"
    exit_code = 5


class OracleMissError(TranslationError):
    """The given-translations backend has no translation for some sentences."""

    code = "oracle_missing_translation"
    http_status = 422

    def __init__(self, missing: list[str], path: str):
        preview = "; ".join(repr(m[:60]) for m in missing[:3])
        super().__init__(
            f"{len(missing)} sentence(s) have no translation in {path}: {preview}"
            + (" …" if len(missing) > 3 else "")
            + ". Add them to the file, or pass a fallback model."
        )
        self.missing = missing


class BusyError(LintasError):
    """Every slot of the server's gate stayed taken for ``queue_seconds``: try again later."""

    code = "busy"
    http_status = 503
    exit_code = 6

    def __init__(self, retry_after: float):
        super().__init__(f"The server is busy: every slot (LINTAS_MAX_CONCURRENCY) stayed taken for {retry_after:g} s "
                         "(LINTAS_QUEUE_SECONDS). Try again after the Retry-After seconds.")
        self.headers = {"Retry-After": str(max(1, int(retry_after)))}


class DeadlineExceeded(LintasError):
    """A request's work ran past its deadline (``request_seconds``) and was stopped between stages."""

    code = "deadline_exceeded"
    http_status = 503
    exit_code = 6

    def __init__(self, seconds: float, stage: str):
        super().__init__(f"The request ran past its deadline of {seconds:g} s (LINTAS_REQUEST_SECONDS) and was stopped "
                         f"before {stage!r}. Send a shorter article or fewer sources, or ask for less (no check, no summary).")
        self.headers = {"Retry-After": str(max(1, int(seconds)))}


class AuthError(LintasError):
    """A request without the bearer token the server requires (``LINTAS_API_TOKEN``)."""

    code = "unauthorized"
    http_status = 401
    exit_code = 2
    headers = {"WWW-Authenticate": "Bearer"}
