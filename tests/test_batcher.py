"""Micro-batching: concurrent requests share model batches, get their own results, and one
request's failure stays its own."""

from __future__ import annotations

import threading

import pytest

from service import prepare
from service.translation import SCORES, Backend, TranslationCache, Translator, load_translator
from service.translation.batcher import MicroBatcher, batched, batching_settings
from service.translation.microbatch import OneAtATime

from .conftest import FAST, FakeBackend


class CountingBackend(Backend):
    """A real backend, with every model call recorded."""

    features = frozenset({SCORES})

    def __init__(self, inner):
        self.inner = inner
        self.info = inner.info
        self.max_input_tokens = inner.max_input_tokens
        self.calls: list[list[str]] = []

    def count_tokens(self, texts):
        return self.inner.count_tokens(texts)

    def translate_batch_scored(self, texts):
        self.calls.append(list(texts))
        return self.inner.translate_batch_scored(texts)

    def translate_batch(self, texts):
        return [t for t, _ in self.translate_batch_scored(texts)]


def _concurrently(fn, args: list) -> list:
    """fn(arg) for every arg, each in its own thread, all released at once."""
    start = threading.Barrier(len(args))
    out: list = [None] * len(args)

    def run(i, a):
        start.wait()
        try:
            out[i] = fn(a)
        except Exception as e:  # returned, so the test can look at it
            out[i] = e

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(args)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


def _requests(seed_bytes) -> list[list[str]]:
    sents = [s.text for s in prepare(seed_bytes).sentences]
    return [sents[i::4] for i in range(4)]  # four requests, different sentences


def test_concurrent_requests_get_the_serial_translations_in_shared_batches(tiny_marian, seed_bytes):
    requests = _requests(seed_bytes)
    serial_tr = load_translator(str(tiny_marian), backend="transformers", generation=FAST)
    # serial reference: each request alone, on a translator without a cache of these sentences
    serial = [Translator(serial_tr.backend).translate(r) for r in requests]

    counting = CountingBackend(serial_tr.backend)
    mb = MicroBatcher(counting, window_ms=200)
    tr = Translator(mb)
    together = _concurrently(tr.translate, requests)

    assert together == serial
    assert mb.stats["calls"] == 4
    assert mb.stats["merged_rounds"] >= 1, "requests arriving together were merged"
    assert len(counting.calls) < 4, "fewer model calls than requests"
    merged = max(counting.calls, key=len)
    assert sum(any(t in merged for t in r) for r in requests) >= 2, "one model batch held several requests' sentences"


def test_a_failing_request_does_not_break_the_others():
    fake = FakeBackend(fail_on="RUSAK")
    mb = MicroBatcher(fake, window_ms=200)
    tr = Translator(mb)
    requests = [["Harga naik.", "Warga protes."], ["Kalimat RUSAK ini."], ["Polisi datang.", "Hujan turun."]]
    out = _concurrently(tr.translate, requests)
    assert out[0] == ["<Harga naik.>", "<Warga protes.>"]
    assert out[2] == ["<Polisi datang.>", "<Hujan turun.>"]
    assert isinstance(out[1], RuntimeError) and "backend failure" in str(out[1])
    assert mb.stats["merged_rounds"] >= 1 and mb.stats["retried_alone"] >= 2
    # the failed request left nothing behind: the batcher keeps serving
    assert tr.translate(["Pasar buka."]) == ["<Pasar buka.>"]


def test_each_call_gets_its_own_results_in_order():
    fake = FakeBackend()
    mb = MicroBatcher(fake, window_ms=100, max_batch_size=2)
    requests = [[f"Kalimat {i} nomor {j}." for j in range(i + 1)] for i in range(5)]
    out = _concurrently(mb.translate_batch, requests)
    assert out == [[f"<{t}>" for t in r] for r in requests]
    assert all(len(c) <= 2 for c in fake.calls), "merged rounds are still cut into the batch limits"


class _Busy:
    """Counts the sections of work running at once (article work and model rounds)."""

    def __init__(self):
        self.lock, self.now, self.most = threading.Lock(), 0, 0

    def section(self, seconds: float = 0.02):
        import time

        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(seconds)  # the thread sleeps inside its section: another section could start now
        with self.lock:
            self.now -= 1


class BusyBackend(FakeBackend):
    def __init__(self, busy: _Busy):
        super().__init__()
        self.busy = busy

    def translate_batch(self, texts):
        self.busy.section()
        return super().translate_batch(texts)


@pytest.mark.parametrize("turns", [True, False])
def test_one_at_a_time_article_work_and_model_rounds_take_turns(turns):
    """A one-core worker: article threads hold the turn while they work and let it go while
    their sentences are translated; the batcher's rounds take it. Work never overlaps then (without
    turns it does), the rounds still merge the articles' calls, and every article gets its own
    translations."""
    busy = _Busy()
    turn = OneAtATime() if turns else None
    mb = MicroBatcher(BusyBackend(busy), window_ms=30, turn=turn)

    def article(i):
        with turn if turn is not None else threading.Lock():
            busy.section()  # before its translations: splitting, protection
            out = mb.translate_batch([f"Artikel {i} kalimat {j}." for j in range(3)])
            busy.section()  # after: checks, the report
            with turn if turn is not None else threading.Lock():  # asked for again while held: no deadlock
                busy.section(0)
            return out

    out = _concurrently(article, list(range(6)))
    assert out == [[f"<Artikel {i} kalimat {j}.>" for j in range(3)] for i in range(6)]
    assert mb.stats["merged_rounds"] >= 1, "the articles' calls still share rounds"
    if turns:
        assert busy.most == 1, "an article's work ran beside a model round or another article's work"
    else:
        assert busy.most > 1


def test_one_at_a_time_released_outside_a_turn_is_a_no_op():
    turn = OneAtATime()
    with turn.released():  # not held: nothing to let go
        assert not turn.held
    with turn:
        with turn.released():
            assert not turn.held
            with turn:  # another thread could take it here; this one can too
                assert turn.held
            assert not turn.held
        assert turn.held
    assert not turn.held


def test_duplicate_sentences_across_requests_translated_once():
    fake = FakeBackend()
    mb = MicroBatcher(fake, window_ms=200)
    out = _concurrently(mb.translate_batch, [["Harga naik."], ["Harga naik.", "Ya."]])
    assert out == [["<Harga naik.>"], ["<Harga naik.>", "<Ya.>"]]
    assert sorted(t for c in fake.calls for t in c) == ["Harga naik.", "Ya."]


def test_batched_translator_is_shared_and_uses_the_same_model(tiny_marian):
    tr = load_translator(str(tiny_marian), backend="transformers", generation=FAST)
    b1, b2 = batched(tr), batched(tr)
    assert b1 is b2, "one batcher per model instance and process"
    assert b1.backend.backend is tr.backend, "no second copy of the model"
    assert b1.translate(["Harga naik."]) == tr.translate(["Harga naik."])


def test_settings_from_the_environment(monkeypatch):
    from service.errors import ConfigError

    monkeypatch.setenv("LINTAS_BATCH_WINDOW_MS", "0")
    assert batching_settings()["window_ms"] == 0
    monkeypatch.setenv("LINTAS_BATCH_WINDOW_MS", "soon")
    with pytest.raises(ConfigError, match="LINTAS_BATCH_WINDOW_MS"):
        batching_settings()


def test_server_requests_are_micro_batched(tiny_marian, monkeypatch):
    from fastapi.testclient import TestClient

    from service import translate
    from service.server import create_app

    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    monkeypatch.setenv("LINTAS_MAX_CONCURRENCY", "4")
    monkeypatch.setenv("LINTAS_BATCH_WINDOW_MS", "200")
    client = TestClient(create_app(with_ui=False))
    tr = load_translator(None)  # the server's model, loaded once for the process
    # A merged batch has its own length cap (ratio × its longest input): runaway outputs of a
    # random model would differ in length. A fixed cap keeps this test about the merging.
    monkeypatch.setitem(tr.backend.generation, "max_new_tokens", 10)
    monkeypatch.setattr(tr, "cache", TranslationCache())  # and this test's results stay in it
    texts = ["Harga beras naik lagi di pasar.", "Warga protes di depan kantor bupati.",
             "Polisi menutup jalan utama kota.", "Hujan deras merendam ratusan rumah."]
    bodies = _concurrently(lambda t: client.post("/api/v1/translate", json={"text": t}).json(), texts)
    mb = batched(tr).backend
    assert mb.stats["calls"] >= 4 and mb.stats["merged_rounds"] >= 1
    alone = Translator(tr.backend)  # the same model, no cache: each article on its own
    for t, body in zip(texts, bodies):
        assert [s["translation"] for s in body["article"]["sentences"]] == \
            [s.translation for s in translate(t, translator=alone).article.sentences]


def test_server_loads_model_and_tokenizer_once_for_many_requests(tiny_marian, monkeypatch):
    from fastapi.testclient import TestClient
    from transformers import AutoTokenizer

    from service.server import create_app
    from service.translation import clear_loaded

    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    clear_loaded()
    made = []
    real = AutoTokenizer.from_pretrained.__func__

    def counting(cls, *a, **k):
        made.append(a[0] if a else k)
        return real(cls, *a, **k)

    monkeypatch.setattr(AutoTokenizer, "from_pretrained", classmethod(counting))
    client = TestClient(create_app(with_ui=False))
    for text in ("Harga naik.", "Warga protes di jalan.", "Polisi datang."):
        assert client.post("/api/v1/translate", json={"text": text}).status_code == 200
    assert len(made) == 1, "one tokenizer for the process, not one per request"
    clear_loaded()
