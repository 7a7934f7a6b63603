"""Each attribution rule alone, on hand-written Indonesian sentences: what it finds, and nothing
on a trap sentence; and an Extractor without a rule no longer finds what that rule finds."""

from __future__ import annotations

import pytest

from service import prepare
from service.attribution import Extractor
from service.attribution.cues import ExtractionState
from service.attribution.names import People, Parsed
from service.attribution.quotes import find_quotes
from service.attribution.rules import (
    DEFAULT_RULES,
    AccordingTo,
    ClauseFinalCue,
    CueAfterQuote,
    CueBeforeQuote,
    MediaMarker,
    Passive,
    QuoteWithCue,
    SentenceContext,
    VerbAfterSubject,
)
from service.attribution.sources import load_sources

HEAD = "Judul Berita Buatan Sendiri\n\n"
LAST = Parsed("Wulan Sari", "camat", None, "Wulan Sari", "person", None)


def context(body: str, last: Parsed | None = None) -> SentenceContext:
    """A rule's view of the first sentence of ``body`` (after a title), at the article's start."""
    art = prepare(HEAD + body)
    quotes = find_quotes(art.text, [(p.start, p.end) for p in art.paragraphs])
    s = next(x for x in art.sentences if x.text.strip() != HEAD.strip())
    return SentenceContext(art, s, quotes, {}, ExtractionState(People(), last=last), load_sources())


def run(rule, body: str, last: Parsed | None = None):
    return rule.find(context(body, last))


def only(found):
    assert len(found) == 1, [a.to_dict() for a in found]
    return found[0]


# ---- 1. quote with a cue -------------------------------------------------------------------------

def test_quote_cue_after():
    a = only(run(QuoteWithCue(cues=(CueAfterQuote(),)),
                 "“Jembatan gantung itu akan selesai bulan depan,” kata Bupati Rahmat Santoso di Wonosari."))
    assert (a.kind, a.cue, a.speaker.name) == ("direct_quote", "kata", "Rahmat Santoso")
    assert a.text == "Jembatan gantung itu akan selesai bulan depan"
    assert a.speaker.role == "Bupati"


def test_quote_cue_after_pronoun_is_last_speaker():
    a = only(run(QuoteWithCue(cues=(CueAfterQuote(),)), "“Kami tidak akan mundur dari rencana ini,” ujarnya.", last=LAST))
    assert (a.kind, a.cue, a.speaker.name) == ("direct_quote", "ujarnya", "Wulan Sari")


def test_quote_cue_before():
    a = only(run(QuoteWithCue(cues=(CueBeforeQuote(),)),
                 "Ketua koperasi Dewi Lestari mengatakan, “Harga pupuk naik dua kali lipat tahun ini.”"))
    assert (a.kind, a.cue, a.speaker.name) == ("direct_quote", "mengatakan", "Dewi Lestari")
    assert a.text == "Harga pupuk naik dua kali lipat tahun ini"


def test_quote_menurut_before():
    a = only(run(QuoteWithCue(cues=(CueBeforeQuote(),)),
                 "Menurut Andi Pratama, “Surat resmi dari dinas belum sampai ke desa kami.”"))
    assert (a.kind, a.cue, a.speaker.name) == ("direct_quote", "Menurut", "Andi Pratama")


def test_quote_cue_finders_alone_miss_the_other_side():
    assert run(QuoteWithCue(cues=(CueBeforeQuote(),)),
               "“Jembatan gantung itu akan selesai bulan depan,” kata Bupati Rahmat Santoso di Wonosari.") == []
    assert run(QuoteWithCue(cues=(CueAfterQuote(),)),
               "Ketua koperasi Dewi Lestari mengatakan, “Harga pupuk naik dua kali lipat tahun ini.”") == []


@pytest.mark.parametrize("trap", [
    "Warung “Mbok Sum” di ujung gang selalu ramai setiap pagi.",  # scare quote, no cue
    "“Pameran batik tahun ini diikuti lebih dari seratus perajin dari berbagai daerah.”",  # no cue at all
])
def test_quote_trap(trap):
    assert run(QuoteWithCue(), trap) == []


# ---- 2. reporting verb after its subject -------------------------------------------------------

def test_verb_after_subject():
    a = only(run(VerbAfterSubject(),
                 "Kepala dinas pendidikan, Sri Handayani, mengatakan bahwa sekolah akan dibuka kembali pada Senin."))
    assert (a.kind, a.cue, a.speaker.name) == ("indirect", "mengatakan", "Sri Handayani")
    assert a.text == "sekolah akan dibuka kembali pada Senin"


def test_verb_after_subject_skips_statement_venue():
    a = only(run(VerbAfterSubject(),
                 "Gubernur Arif Nugroho menegaskan dalam jumpa pers di Semarang bahwa pasokan beras aman."))
    assert (a.cue, a.speaker.name, a.text) == ("menegaskan", "Arif Nugroho", "pasokan beras aman")


@pytest.mark.parametrize("trap", [
    "Pemilik toko melaporkan pencurian ponsel itu ke polisi pada Selasa malam.",  # a police report
    "Para petani meminta pupuk bersubsidi dikirim lebih cepat.",  # a clause verb with no clause
])
def test_verb_after_subject_trap(trap):
    assert run(VerbAfterSubject(), trap) == []


# ---- 3. clause-final post verb ------------------------------------------------------------------

def test_clause_final_cue():
    a = only(run(ClauseFinalCue(), "Harga cabai diperkirakan turun pekan depan, kata Bambang Wijaya."))
    assert (a.kind, a.cue, a.speaker.name) == ("indirect", "kata", "Bambang Wijaya")
    assert a.text == "Harga cabai diperkirakan turun pekan depan"


def test_clause_final_cue_nya():
    a = only(run(ClauseFinalCue(), "Rapat warga akan digelar di balai desa, ujarnya.", last=LAST))
    assert (a.cue, a.speaker.name, a.text) == ("ujarnya", "Wulan Sari", "Rapat warga akan digelar di balai desa")


@pytest.mark.parametrize("trap", [
    "Film itu diangkat dari novel lama, kisah keluarga nelayan di pesisir selatan.",  # "kisah" as a noun
    "Rapat warga akan digelar di balai desa, ujarnya.",  # "ujarnya" with no one spoken before
])
def test_clause_final_cue_trap(trap):
    assert run(ClauseFinalCue(), trap) == []


# ---- 4. menurut X -------------------------------------------------------------------------------

def test_according_to():
    a = only(run(AccordingTo(), "Menurut Rina Kusuma, banjir terjadi karena saluran air tersumbat sampah."))
    assert (a.kind, a.cue, a.speaker.name) == ("according_to", "Menurut", "Rina Kusuma")
    assert a.text == "banjir terjadi karena saluran air tersumbat sampah"


def test_according_to_after_claim():
    a = only(run(AccordingTo(), "Panen padi tahun ini lebih baik, menurut Kepala Desa Joko Susilo."))
    assert (a.cue, a.speaker.name, a.text) == ("menurut", "Joko Susilo", "Panen padi tahun ini lebih baik")


@pytest.mark.parametrize("trap", [
    "Menurut saya, harga tiket kereta itu terlalu mahal.",  # first person
    "Menurutnya, jalan desa perlu segera diperbaiki.",  # "menurutnya" with no one spoken before
])
def test_according_to_trap(trap):
    assert run(AccordingTo(), trap) == []


# ---- 5. media markers ---------------------------------------------------------------------------

def test_media_marker():
    a = only(run(MediaMarker(), "Seperti dilansir dari Reuters, harga minyak dunia naik tiga persen pada Kamis."))
    assert (a.kind, a.cue, a.source.name, a.source.type) == ("media_citation", "dilansir", "Reuters", "media")
    assert a.text == "harga minyak dunia naik tiga persen pada Kamis"


def test_media_marker_unknown_outlet():
    a = only(run(MediaMarker(), "Kapal itu tenggelam di perairan Maluku, dikutip dari Pelita Timur pada Senin."))
    assert (a.cue, a.source.name, a.source.type) == ("dikutip", "Pelita Timur", "media")
    assert a.text == "Kapal itu tenggelam di perairan Maluku"


def test_media_marker_trap():
    assert run(MediaMarker(), "Jumlah korban dilaporkan bertambah menjadi dua belas orang.") == []


# ---- 6. passives --------------------------------------------------------------------------------

def test_passive():
    a = only(run(Passive(), "Kebijakan itu dikritik oleh Ketua DPRD Bantul, Hendra Saputra, karena terburu-buru."))
    assert (a.kind, a.cue, a.speaker.name) == ("passive", "dikritik", "Hendra Saputra")


def test_passive_registry_body():
    a = only(run(Passive(), "Laporan itu dibantah oleh Reuters dalam ralat singkat."))
    assert (a.kind, a.cue, a.source.name) == ("passive", "dibantah", "Reuters")


@pytest.mark.parametrize("trap", [
    "Gedung sekolah itu dibangun oleh kontraktor dari Klaten.",  # not a reporting verb
    "Proyek jalan itu dinilai Rp 4 miliar oleh panitia lelang.",  # a price, not an agent
])
def test_passive_trap(trap):
    assert run(Passive(), trap) == []


# ---- the rule list ------------------------------------------------------------------------------

def test_default_rules_order_and_names():
    assert [r.name for r in DEFAULT_RULES] == [
        "quote_with_cue", "verb_after_subject", "clause_final_cue", "according_to", "article_source", "media_marker", "passive",
        "speaker_intro"]
    assert Extractor().rules == DEFAULT_RULES


WITHOUT = [  # (rule name, sentence, the (kind, cue) that rule finds)
    ("verb_after_subject", "Kepala dinas pendidikan, Sri Handayani, mengatakan bahwa sekolah dibuka Senin.",
     ("indirect", "mengatakan")),
    ("clause_final_cue", "Harga cabai diperkirakan turun pekan depan, kata Bambang Wijaya.", ("indirect", "kata")),
    ("according_to", "Menurut Rina Kusuma, banjir terjadi karena saluran air tersumbat sampah.",
     ("according_to", "Menurut")),
    ("media_marker", "Seperti dilansir dari Reuters, harga minyak dunia naik tiga persen pada Kamis.",
     ("media_citation", "dilansir")),
    ("passive", "Kebijakan itu dikritik oleh Ketua DPRD Bantul, Hendra Saputra, karena terburu-buru.",
     ("passive", "dikritik")),
    ("quote_with_cue", "Ketua koperasi Dewi Lestari mengatakan, “Harga pupuk naik dua kali lipat tahun ini.”",
     ("direct_quote", "mengatakan")),
]


@pytest.mark.parametrize("name,body,kind_cue", WITHOUT, ids=[w[0] for w in WITHOUT])
def test_extractor_without_a_rule(name, body, kind_cue):
    art = prepare(HEAD + body)
    with_all, _ = Extractor().extract(art)
    assert kind_cue in {(a.kind, a.cue) for a in with_all}
    rules = tuple(r for r in DEFAULT_RULES if r.name != name)
    assert len(rules) == len(DEFAULT_RULES) - 1
    without, _ = Extractor(rules=rules).extract(art)
    assert kind_cue not in {(a.kind, a.cue) for a in without}


def test_extractor_with_an_added_rule():
    """A caller's own rule runs after the default ones and its finds are kept."""

    class EverySentence:
        name = "every_sentence"

        def find(self, ctx):
            who = Parsed(None, None, None, "Catatan Redaksi", "document", None)
            s = ctx.sentence
            return [ctx.make(s.start, s.end, "passive", "(catatan)", None, who, 0.5)]

    art = prepare(HEAD + "Jalan desa ditutup sementara karena longsor.")
    found, _ = Extractor(rules=DEFAULT_RULES + (EverySentence(),)).extract(art)
    assert [(a.cue, a.source.name) for a in found] == [("(catatan)", "Catatan Redaksi")]
