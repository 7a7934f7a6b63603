"""The translator around any backend: alignment, caching, batching, splitting, whole articles."""

from __future__ import annotations

import json

import pytest

from service import load_translator, prepare, translate
from service.errors import ConfigError, OracleMissError
from service.translation import SUBMIT, Backend, OracleBackend, TranslationCache, Translator

from .conftest import FAST, INDOSUM_SAMPLE, FakeBackend


def test_each_translation_lands_on_its_sentence(seed_bytes, fake_backend):
    tr = Translator(fake_backend, max_batch_tokens=64, max_batch_size=4)
    a = tr.translate_article(prepare(seed_bytes))
    for s in a.sentences:
        assert s.translation == f"<{s.text}>"
    assert a.title_translation == f"<{a.title}>"
    assert len(fake_backend.calls) > 1, "several batches were needed"


def test_batches_are_length_sorted_and_within_budget(fake_backend):
    texts = [" ".join(["kata"] * n) + "." for n in (30, 2, 17, 5, 29, 3, 11, 8)]
    tr = Translator(fake_backend, max_batch_tokens=64, max_batch_size=3)
    out = tr.translate(texts)
    assert out == [f"<{t}>" for t in texts]
    flat = [t for call in fake_backend.calls for t in call]
    lengths = [len(t.split()) for t in flat]
    assert lengths == sorted(lengths)
    for call in fake_backend.calls:
        assert len(call) <= 3
        assert max(len(t.split()) + 1 for t in call) * len(call) <= 64 or len(call) == 1


class QueueBackend(FakeBackend, Backend):
    """A backend with a queue (as CTranslate2's replicas): batches are submitted, results waited for."""

    features = frozenset({SUBMIT})

    def __init__(self):
        super().__init__()
        self.events: list[str] = []

    def submit_scored(self, texts):
        self.events.append(f"submit {len(texts)}")
        out = [(t, -0.5) for t in self.translate_batch(texts)]

        def collect():
            self.events.append(f"collect {len(texts)}")
            return out

        return collect


def test_a_queued_backend_gets_every_batch_before_the_first_result_is_awaited():
    """No replica waits at a batch's end: all batches are queued at once, the results still land
    on their own sentences, in order, and progress is reported batch by batch."""
    be = QueueBackend()
    texts = [" ".join(["kata"] * n) + "." for n in (30, 2, 17, 5, 29, 3, 11, 8)]
    seen = []
    out = Translator(be, max_batch_tokens=64, max_batch_size=3).translate_scored(texts, progress=lambda d, n: seen.append((d, n)))
    assert out == [(f"<{t}>", -0.5) for t in texts]
    n = len(be.calls)
    assert n > 1 and be.events[:n] == [f"submit {len(c)}" for c in be.calls]
    assert be.events[n:] == [f"collect {len(c)}" for c in be.calls]
    assert [d for d, _ in seen] == [sum(len(c) for c in be.calls[: k + 1]) for k in range(n)] and seen[-1] == (8, 8)


def test_the_micro_batcher_queues_every_batch_too():
    from service.translation.batcher import MicroBatcher

    be = QueueBackend()
    texts = [" ".join(["kata"] * n) + "." for n in (30, 2, 17, 5, 29, 3, 11, 8)]
    mb = MicroBatcher(be, window_ms=0, max_batch_tokens=64, max_batch_size=3)
    assert mb.translate_batch_scored(texts) == [(f"<{t}>", -0.5) for t in texts]
    n = len(be.calls)
    assert n > 1 and all(e.startswith("submit") for e in be.events[:n])


def test_cache_avoids_repeat_work(fake_backend):
    tr = Translator(fake_backend)
    tr.translate(["Harga naik.", "Warga protes."])
    n = len(fake_backend.calls)
    assert tr.translate(["Warga protes.", "Harga naik.", "Harga naik."]) == ["<Warga protes.>", "<Harga naik.>", "<Harga naik.>"]
    assert len(fake_backend.calls) == n, "all three came from the cache"
    assert tr.stats["cache_hits"] == 3


def test_cache_is_keyed_by_model():
    """Two models sharing one cache never serve each other's translations."""
    a, b = FakeBackend(), FakeBackend()
    b.info = {**b.info, "id": "other", "revision": "1"}
    b.translate_batch = lambda texts: [f"[{t}]" for t in texts]
    cache = TranslationCache()
    ta, tb = Translator(a, cache=cache), Translator(b, cache=cache)
    assert ta.model_key != tb.model_key
    assert ta.translate(["Harga naik."]) == ["<Harga naik.>"]
    assert tb.translate(["Harga naik."]) == ["[Harga naik.]"] and tb.stats["cache_hits"] == 0
    assert len(cache) == 2
    assert ta.translate(["Harga naik."]) == ["<Harga naik.>"] and ta.stats["cache_hits"] == 1


def test_over_shares_the_cache_and_the_model_lock(fake_backend):
    tr = Translator(fake_backend)
    twin = tr.over(fake_backend)
    assert twin.cache is tr.cache and twin.model_lock is tr.model_lock
    tr.translate(["Harga naik."])
    assert twin.translate(["Harga naik."]) == ["<Harga naik.>"] and twin.stats["cache_hits"] == 1


def test_backends_declare_their_features():
    from service.translation import MERGES_CALLS, NBEST, NO_MARKERS, SCORES, features_of
    from service.translation.ct2 import CT2Backend
    from service.translation.hf import HFSeq2SeqBackend
    from service.translation.microbatch import MicroBatcher

    assert HFSeq2SeqBackend.features == {SCORES, NBEST}
    assert CT2Backend.features == {SCORES, NBEST, SUBMIT}
    assert OracleBackend.features == {NO_MARKERS}
    assert features_of(FakeBackend()) == frozenset(), "an object that is not a Backend has the two required methods only"
    assert MicroBatcher(FakeBackend()).features == {SCORES, MERGES_CALLS}
    oracle = OracleBackend({"a": "b"})
    assert MicroBatcher(oracle).features == {SCORES, MERGES_CALLS, NO_MARKERS}, "markers stay off through the batcher"

    class Odd(Backend):
        features = frozenset({"teleport"})

    with pytest.raises(ValueError, match="teleport"):
        features_of(Odd())


def test_empty_sentences_are_not_sent(fake_backend):
    tr = Translator(fake_backend)
    assert tr.translate(["", "  ", "Ya."]) == ["", "", "<Ya.>"]
    assert fake_backend.calls == [["Ya."]]


def test_long_sentence_split_at_clauses_nothing_lost(fake_backend):
    clause = "pasukan keamanan telah dikerahkan ke kota itu"
    sentence = ", ".join([clause] * 60) + "."  # ~480 words, no full stop inside
    tr = Translator(fake_backend)  # window 64 tokens
    out = tr.translate([sentence])[0]
    pieces = tr._pieces(sentence)
    assert sorted(pieces) == sorted(t for call in fake_backend.calls for t in call)
    assert len(pieces) > 1 and tr.stats["split_sentences"] == 1
    assert all(len(p.split()) + 1 <= 64 for p in pieces)
    # the pieces, in order, are the sentence; the translation joins them in that order
    assert " ".join(pieces).split() == sentence.split()
    assert out == " ".join(f"<{p}>" for p in pieces)
    assert all(p.endswith(",") or p.endswith(".") for p in pieces), "cut at clause boundaries"


def test_2000_token_sentence_with_tiny_model_is_split_not_truncated(tiny_marian):
    tr = load_translator(str(tiny_marian), generation=FAST)
    words = ("harga bahan bakar naik tajam di ibu kota dan warga protes di jalan " * 200).split()
    sentence = " ".join(words[:1400])  # no punctuation at all
    n_tokens = tr.backend.count_tokens([sentence])[0]
    assert n_tokens >= 2000
    pieces = tr._pieces(sentence)
    assert len(pieces) >= n_tokens // tr.split_tokens
    assert all(n <= tr.backend.max_input_tokens for n in tr.backend.count_tokens(pieces))
    assert " ".join(pieces).split() == sentence.split(), "every word is in some piece"
    out = tr.translate([sentence])[0]
    assert len(out.split()) >= len(pieces), "each piece contributed a translation"


def _long_article(min_words: int) -> str:
    path = INDOSUM_SAMPLE
    paras: list[str] = ["Rangkuman Berita Nasional Sepanjang Tahun"]
    words = 0
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            for line in f:
                art = json.loads(line)["article"]
                for p in art.split("\n"):
                    if p.strip():
                        paras.append(p.strip())
                        words += len(p.split())
                if words >= min_words:
                    break
    i = 0
    from service.testing.tiny import corpus_lines

    corpus = corpus_lines("id")
    while words < min_words:  # synthetic top-up, unique sentences
        s = corpus[i % len(corpus)].rstrip(".") + f" pada hari ke-{i}."
        paras.append(s)
        words += len(s.split())
        i += 1
    return "\n\n".join(paras)


def test_20000_word_article_every_sentence_accounted_for(tiny_marian):
    text = _long_article(21_000)
    r = translate(text, model=str(tiny_marian), generation=FAST)
    a = r.article
    assert sum(len(s.text.split()) for s in a.sentences) + len(a.title.split()) >= 20_000
    assert all(s.translation for s in a.sentences)
    # every character of the cleaned text is in the title, a sentence, or the whitespace between
    pos = a.title_span[1]
    for s in a.sentences:
        assert a.text[pos : s.start].strip() == ""
        pos = s.end
    assert a.text[pos:].strip() == ""
    d = r.to_dict()
    # paragraphs kept: every input paragraph but the furniture ("SIMAK JUGA: …") ingest reported
    assert len(d["article"]["paragraphs"]) == len(a.paragraphs) == text.count("\n\n") - len(a.meta.removed)
    assert all(r["reason"] == "furniture" for r in a.meta.removed)
    assert [s["index"] for s in d["article"]["sentences"]] == list(range(len(a.sentences)))


def test_oracle_backend_from_tsv(tmp_path, seed_bytes):
    a = prepare(seed_bytes)
    tsv = tmp_path / "pairs.tsv"
    lines = ["id\ten"] + [f"{s.text}\tEN {s.index}" for s in a.sentences] + [f"{a.title}\tTITLE"]
    tsv.write_text("\n".join(lines), encoding="utf-8")
    r = translate(seed_bytes, oracle=tsv)
    assert [s.translation for s in r.article.sentences] == [f"EN {i}" for i in range(len(a.sentences))]
    assert r.article.title_translation == "TITLE"
    assert r.models[0]["backend"] == "oracle"


def test_oracle_missing_sentences_are_named(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("Harga naik.\tPrices rose.\n", encoding="utf-8")
    tr = Translator(OracleBackend.from_tsv(tsv))
    assert tr.translate(["Harga  naik."]) == ["Prices rose."], "whitespace differences ignored"
    with pytest.raises(OracleMissError, match="Warga protes"):
        tr.translate(["Warga protes."])


def test_oracle_falls_back_to_a_model(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("Harga naik.\tPrices rose.\n", encoding="utf-8")
    tr = Translator(OracleBackend.from_tsv(tsv, fallback=FakeBackend()))
    assert tr.translate(["Harga naik.", "Warga protes."]) == ["Prices rose.", "<Warga protes.>"]


def test_unknown_generation_setting_is_an_error(tiny_marian):
    with pytest.raises(ConfigError, match="num_beam"):
        load_translator(str(tiny_marian), generation={"num_beam": 2})


def test_model_loaded_once_per_process(tiny_marian):
    a = load_translator(str(tiny_marian), generation=FAST)
    b = load_translator(str(tiny_marian), generation=FAST)
    assert a is b


def test_backend_failure_is_raised_not_hidden():
    tr = Translator(FakeBackend(fail_on="meledak"))
    with pytest.raises(RuntimeError):
        tr.translate(["Bom meledak."])


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from service.translation.split import split_long  # noqa: E402

_words = st.sampled_from(["harga", "beras", ",", "dan", "yang", ";", "–", "x" * 30, "naik", ":", "karena", "di", "pasar"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_words, min_size=1, max_size=200).map(" ".join), st.integers(min_value=3, max_value=40))
def test_property_split_pieces_rebuild_the_sentence(text, limit):
    """Regression: pieces inside a recursive split were offset wrongly and lost words."""
    count = lambda xs: [len(x.split()) + 1 for x in xs]  # noqa: E731
    spans = split_long(text, count, limit)
    pos = 0
    for a, b in spans:
        assert a == pos and b > a, (spans, text)
        pos = b
    assert pos == len(text)
    assert all(n <= limit or len(text[a:b].split()) <= 1 for (a, b), n in zip(spans, count([text[a:b] for a, b in spans])))
