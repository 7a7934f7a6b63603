"""Vocabulary maps (lexical shortlists) for CTranslate2: fewer output candidates, faster decoding.

At every decoding step a translation model scores its whole target vocabulary (54,796 tokens for
opus-mt-id-en): one large matrix product, a softmax and a top-k over all of them, for every beam
of every sentence. A vocabulary map lets CTranslate2 score only the tokens that can plausibly
appear in the translation of the sentences in the batch: the union of the candidates of their
source tokens, plus a list that is always allowed (the most frequent target tokens).

The map is built from sentence pairs: given translations (``--pairs``, Indonesian<TAB>English),
or the model's own translations of Indonesian text (``--corpus``), so that it lists the tokens
this model actually writes. For each source token: the target tokens that co-occur with it most
strongly (Dice coefficient), and the token itself (names, numbers and protection markers are
copied). It changes translations whenever the best token is not a candidate: the quality cost is
measured against full decoding on held-out sentences (:func:`agreement`) and printed; it is
real (vocabulary selection is known to hurt idioms more than BLEU shows), so the map is used only
when asked for (``LINTAS_CT2_VMAP=1`` or ``use_vmap=True``), and every report records it.

A second kind of map is lossless and on by default: the **target-side map** of a Marian model
(:func:`target_vmap`), built by ``lintas models convert``. opus-mt models have one joint vocabulary
(vocab.json, 54,796 ids for opus-mt-id-en) over two SentencePiece models: source.spm splits the
input, target.spm the output (MarianTokenizer encodes labels with target.spm). A piece that only
source.spm has never occurs in a training target, so the map allows exactly target.spm's pieces and
the specials, always (the empty key), and no per-token rules. What CTranslate2 does with it
(``VocabularyMap::get_candidates`` and ``Decoder::update_output_layer``): the output projection
keeps only the candidate rows (padded to a size multiple with masked rows), and the softmax is
taken over them. So a translation is the same with and without the map unless the
full-vocabulary search would keep a source-only piece in its beam; the scores of the same
translation differ by the probability mass of the excluded pieces (with the map, each step's
log-probability is higher by ``-log(1 - excluded mass)``), which is zero only where their logits
are effectively -inf (tests/test_ct2.py shows both cases on the tiny model). The map's file
records its kind (``vmap.json``) so that only a target map is used by default.

This module holds the map's data and files; building one with a model and measuring it is
:mod:`service.translation.vmap_build` (which needs the CTranslate2 backend; this module does not).
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import ConfigError

log = logging.getLogger(__name__)

VMAP_FILE = "vmap.txt"  # the name CTranslate2 looks for in a model folder
META_FILE = "vmap.json"  # lintas's note beside it: which kind of map, how many rows
SPECIAL = frozenset({"</s>", "<unk>", "<pad>", "<s>"})
TARGET = "target"  # the lossless target-side map (default on)
SHORTLIST = "shortlist"  # a lexical shortlist (opt-in: it changes translations)


def target_vmap(vocab: dict[str, int], target_pieces: Iterable[str]) -> tuple[str, dict]:
    """The target-side map of a joint-vocabulary model: the pieces of its target SentencePiece
    model that the vocabulary has, plus ``</s>`` and ``<unk>``, always allowed (ordered by id).
    ``<pad>`` is left out: it is the decoder's start token, never an output (transformers bans it
    with ``bad_words_ids``; CTranslate2's Marian conversion drops its row)."""
    keep = {p for p in target_pieces if p in vocab and p not in SPECIAL} | {t for t in ("</s>", "<unk>") if t in vocab}
    if not keep - {"</s>", "<unk>"}:
        raise ConfigError("the target SentencePiece model shares no piece with the vocabulary")
    rows = sorted(keep, key=lambda t: vocab[t])
    stats = {"kind": TARGET, "rows": len(rows), "vocabulary": len(vocab) - ("<pad>" in vocab)}
    return "\t" + " ".join(rows) + "\n", stats


def marian_target_vmap(model_dir: Path) -> tuple[str, dict] | None:
    """:func:`target_vmap` from a Marian folder's target.spm and vocab.json; None for a model
    without them (NLLB has one SentencePiece model for every language: no sound target side)."""
    import json

    spm_file, vocab_file = model_dir / "target.spm", model_dir / "vocab.json"
    if not (spm_file.is_file() and vocab_file.is_file()):
        return None
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_file))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))]
    return target_vmap(json.loads(vocab_file.read_text(encoding="utf-8")), pieces)


def map_meta(folder: Path) -> dict | None:
    """The note of the map in ``folder`` (a conversion or the model root): ``kind`` is
    ``target`` or ``shortlist`` (a map without a note is a shortlist); None without a map."""
    import json

    if not (folder / VMAP_FILE).is_file():
        return None
    try:
        return json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"kind": SHORTLIST}


def build_vmap(token_pairs: Iterable[tuple[Sequence[str], Sequence[str]]], *, per_token: int = 30,
               always: int = 1000) -> tuple[str, dict]:
    """The map's text (CTranslate2's format: ``src<TAB>tgt tgt …``; an empty source is the
    always-allowed list) and its statistics, from tokenised (source, target) sentence pairs."""
    if per_token < 0 or always < 0:
        raise ConfigError("per_token and always must be >= 0")
    c_s: Counter = Counter()
    c_t: Counter = Counter()
    c_st: dict[str, Counter] = defaultdict(Counter)
    n = 0
    for src, tgt in token_pairs:
        s_set = {t for t in src if t and t not in SPECIAL}  # an empty key would mean "always"
        t_set = {t for t in tgt if t and t not in SPECIAL}
        n += 1
        c_s.update(s_set)
        c_t.update(t_set)
        for s in s_set:
            c_st[s].update(t_set)
    if n == 0:
        raise ConfigError("no sentence pairs to build a vocabulary map from")
    fixed = [t for t, _ in c_t.most_common(always)]
    fixed_set = set(fixed)
    lines = ["\t" + " ".join(fixed)]
    sizes = []
    for s in sorted(c_s):
        ranked = sorted(c_st[s].items(), key=lambda kv: (-2 * kv[1] / (c_s[s] + c_t[kv[0]]), -kv[1], kv[0]))
        cands = [s] if s not in fixed_set else []  # copied as is: names, numbers, markers
        cands += [t for t, _ in ranked if t not in fixed_set and t != s][:per_token]
        if cands:
            lines.append(f"{s}\t{' '.join(cands)}")
            sizes.append(len(cands))
    stats = {"pairs": n, "source_tokens": len(sizes), "always": len(fixed), "per_token": per_token,
             "mean_candidates_per_source_token": round(sum(sizes) / len(sizes), 1) if sizes else 0.0}
    return "\n".join(lines) + "\n", stats


def read_vmap(text: str) -> tuple[set[str], dict[str, list[str]]]:
    """(always-allowed tokens, source token → candidates) from a map's text."""
    fixed: set[str] = set()
    rules: dict[str, list[str]] = {}
    for line in text.splitlines():
        key, _, vals = line.partition("\t")
        if key == "":
            fixed.update(vals.split())
        else:
            rules[key] = vals.split()
    return fixed, rules


def candidates(text_or_parsed, batch_tokens: Sequence[Sequence[str]]) -> set[str]:
    """The tokens CTranslate2 allows for a batch with these source tokens (unigram rules)."""
    fixed, rules = read_vmap(text_or_parsed) if isinstance(text_or_parsed, str) else text_or_parsed
    out = set(fixed) | {"</s>", "<unk>", "<s>"}
    for toks in batch_tokens:
        for t in toks:
            out.update(rules.get(t, ()))
    return out


def install(model_root: Path, text: str, meta: dict | None = None) -> list[Path]:
    """Write the map beside a model's conversions (``model_root/vmap.txt``, its note
    ``vmap.json``: ``meta``, a shortlist by default) and into each conversion folder, where
    CTranslate2 reads it when the model loads. One map per model: a new one replaces the old."""
    import json

    note = json.dumps(meta or {"kind": SHORTLIST})
    model_root.mkdir(parents=True, exist_ok=True)
    folders = [model_root] + [d for d in sorted(model_root.iterdir()) if d.is_dir() and (d / "model.bin").is_file()]
    for d in folders:
        for name, content in ((VMAP_FILE, text), (META_FILE, note)):
            f = d / name
            if not (f.is_file() and f.read_text(encoding="utf-8") == content):  # unchanged files are not rewritten
                tmp = f.with_name(f.name + ".tmp")  # whole or not at all: a loading model never reads half a map
                tmp.write_text(content, encoding="utf-8")
                tmp.replace(f)
    return folders[1:]


def sync_into(conversion: Path) -> None:
    """A new conversion gets the model's map and its note, if it has one."""
    for name in (VMAP_FILE, META_FILE):
        src = conversion.parent / name
        if src.is_file():
            shutil.copyfile(src, conversion / name)


def agreement(full: Sequence[str], restricted: Sequence[str]) -> dict:
    """How much the map changed the translations of the same sentences: the share unchanged and
    chrF of the restricted translations against the full ones (100 = identical)."""
    if len(full) != len(restricted):
        raise ValueError("two lists of the same sentences are needed")
    same = sum(a == b for a, b in zip(full, restricted))
    out = {"sentences": len(full), "identical": same, "identical_share": round(same / len(full), 3) if full else None}
    try:
        from sacrebleu.metrics import CHRF

        out["chrf_vs_full"] = round(CHRF().corpus_score(list(restricted), [list(full)]).score, 1)
    except ImportError:  # sacrebleu is a dev extra: the share unchanged is still there
        pass
    return out


def read_pairs(path: str | Path) -> list[tuple[str, str]]:
    """(Indonesian, English) pairs from a TSV: the columns named ``id`` and ``en`` when the first
    row names them, else the first two columns."""
    import csv

    p = Path(path)
    try:
        rows = list(csv.reader(p.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    except OSError as e:
        raise ConfigError(f"Cannot read sentence pairs {p}: {e.strerror or e}") from e
    if not rows:
        raise ConfigError(f"{p} has no sentence pairs")
    head = [c.strip().lower() for c in rows[0]]
    if "id" in head and "en" in head:
        i, j = head.index("id"), head.index("en")
        rows = rows[1:]
    else:
        i, j = 0, 1
    out = [(r[i].strip(), r[j].strip()) for r in rows if len(r) > max(i, j) and r[i].strip() and r[j].strip()]
    if not out:
        raise ConfigError(f"{p}: no rows with an Indonesian and an English sentence")
    return out


def read_corpus(path: str | Path) -> list[str]:
    """Indonesian sentences, one a line."""
    p = Path(path)
    try:
        return [line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as e:
        raise ConfigError(f"Cannot read corpus {p}: {e.strerror or e}") from e
