"""Attribution extraction: the seed article, Indonesian patterns, traps, and properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import prepare
from service.attribution import Extractor, attribute
from service.attribution.sources import SourceRegistry, load_sources


def extract(text: str):
    a = attribute(prepare(text))
    return a, list(a.attributions)


def by_sentence(atts, i):
    return [x for x in atts if x.sentence == i]


# ---- the seed article -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed(seed_bytes):
    return extract(seed_bytes)


def test_seed_bbc_citation(seed):
    a, atts = seed
    x = by_sentence(atts, 1)[0]
    assert (x.kind, x.cue, x.source.name, x.source.type) == ("media_citation", "dilansir", "BBC", "media")
    assert x.text.startswith("pasukan militer pimpinan Rusia")


def test_seed_tokayev_terrorist_gangs_claim(seed):
    a, atts = seed
    x = by_sentence(atts, 3)[0]
    assert x.speaker.name == "Kassym-Jomart Tokayev" and x.speaker.role == "Presiden"
    assert x.cue == "mengklaim" and "“geng teroris”" in x.text


def test_seed_kate_mallinson_of_chatham_house(seed):
    a, atts = seed
    x = by_sentence(atts, 4)[0]
    assert x.speaker.name == "Kate Mallinson"
    assert x.speaker.affiliation == "Chatham House"
    assert "pakar Asia Tengah" in x.speaker.role
    assert x.text.startswith("protes itu menunjukkan kemarahan")


def test_seed_pashinyan_facebook_statement(seed):
    a, atts = seed
    x = by_sentence(atts, 9)[0]
    assert x.speaker.name == "Nikol Pashinyan" and x.cue == "mengkonfirmasi"
    assert x.speaker.affiliation == "CSTO"
    assert x.text.startswith("aliansi tersebut akan mengirim"), "the venue ('dalam sebuah pernyataan di Facebook') is not the claim"


def test_seed_televised_speech_resolves_misspelt_name(seed):
    a, atts = seed
    x = by_sentence(atts, 10)[0]
    assert x.speaker.name == "Kassym-Jomart Tokayev", "“Yokayev” is Tokayev"
    assert x.text.startswith("dia telah meminta bantuan dari CSTO")


def test_seed_state_department_and_its_spokesman(seed):
    a, atts = seed
    xs = by_sentence(atts, 11)
    assert [x.source.name for x in xs] == ["US State Department", "seorang juru bicara"]
    assert xs[0].source.type == "government" and xs[1].source.type == "unnamed"
    assert "menahan diri" not in xs[0].text, "the first claim stops where the second speaker starts"


def test_seed_osce_passive_bbc_monitoring_and_police_chief(seed):
    a, atts = seed
    osce = by_sentence(atts, 13)[0]
    assert (osce.kind, osce.cue, osce.source.name) == ("passive", "dikutuk", "OSCE")
    mon = by_sentence(atts, 17)[0]
    assert (mon.kind, mon.source.name, mon.source.type) == ("according_to", "BBC Monitoring", "media")
    police = by_sentence(atts, 20)[0]
    assert police.speaker.name == "Kanat Taimerdenov" and police.speaker.role == "Kepala polisi kota"
    assert "500 warga sipil" in police.text


def test_seed_sentences_without_attribution_are_not_reported(seed):
    a, atts = seed
    assert {x.sentence for x in atts} == {1, 3, 4, 9, 10, 11, 13, 17, 20}


def test_seed_flags(seed):
    a, _ = seed
    variants = [i for i in a.issues if i.code == "name_variant"]
    assert len(variants) == 1 and variants[0].data["names"] == ["Tokayev", "Yokayev"]
    hedges = {i.data["hedge"] for i in a.issues if i.code == "unattributed_claim"}
    assert hedges == {"ada laporan bahwa", "dikabarkan"}
    assert any(i.code == "unnamed_source" for i in a.issues)


def test_claim_spans_are_views(seed):
    a, atts = seed
    for x in atts:
        s = a.sentences[x.sentence]
        assert s.start <= x.start < x.end <= s.end
        assert a.text[x.start : x.end] == x.text
        assert a.text[x.cue_start : x.cue_end] == x.cue


# ---- patterns -------------------------------------------------------------------------------

HEAD = "Judul Berita Uji Coba\n\n"


def test_post_quote_verbs_and_nya_resolve_to_last_named_speaker():
    a, atts = extract(HEAD + "“Harga akan turun bulan depan,” kata Menteri Perdagangan Budi Santoso di Jakarta, Senin (5/1). "
                      "“Stok beras aman,” ujarnya.")
    assert [(x.kind, x.cue, x.speaker.name) for x in atts] == [
        ("direct_quote", "kata", "Budi Santoso"), ("direct_quote", "ujarnya", "Budi Santoso")]
    assert atts[0].speaker.role == "Menteri Perdagangan"
    assert atts[0].text == "Harga akan turun bulan depan"


def test_multi_sentence_and_multi_paragraph_quotes():
    text = HEAD + ("“Kami tidak akan mundur. Semua tuntutan harus dipenuhi,” kata Rina Wulandari, koordinator aksi.\n\n"
                   "“Pemerintah harus mendengar. Kami akan terus datang.\n\n"
                   "“Kalau tidak, jumlah kami akan lebih besar,” tegas Rina.")
    a, atts = extract(text)
    assert [x.sentence for x in atts] == [0, 1, 2, 3, 4]
    assert all(x.speaker.name == "Rina Wulandari" and x.kind == "direct_quote" for x in atts)
    assert [x.continuation for x in atts] == [True, False, True, True, False]
    assert atts[0].speaker.role == "koordinator aksi"


def test_pronoun_and_role_resolve_to_names_mentioned_before():
    a, atts = extract(HEAD + "Presiden Joko Widodo meresmikan bendungan baru di Bogor. "
                      "Presiden mengatakan bendungan itu akan mengairi 5.000 hektare sawah. "
                      "Ia menambahkan bahwa proyek serupa akan dibangun di Jawa Tengah.")
    assert [(x.sentence, x.speaker.name) for x in atts] == [(1, "Joko Widodo"), (2, "Joko Widodo")]


def test_several_attributions_in_one_sentence_and_according_to():
    a, atts = extract(HEAD + "Polisi mengatakan 20 orang ditangkap, sementara Komnas HAM menilai penangkapan itu berlebihan. "
                      "Menurut Kapolda Metro Jaya Irjen Fadil Imran, situasi kini terkendali.")
    assert [(x.sentence, x.cue, x.source.name) for x in atts] == [
        (0, "mengatakan", "Polisi"), (0, "menilai", "National Commission on Human Rights"), (1, "Menurut", "Fadil Imran")]
    assert atts[2].kind == "according_to" and atts[2].text == "situasi kini terkendali"


@pytest.mark.parametrize("sentence,cue,source", [
    ("Seperti dilansir dari Reuters, harga minyak naik 3 persen.", "dilansir", "Reuters"),
    ("Dikutip dari Al Jazeera, ribuan warga mengungsi ke perbatasan.", "Dikutip", "Al Jazeera"),
    ("Mengutip Xinhua, gempa itu berkekuatan 6,1.", "Mengutip", "Xinhua"),
    ("Seperti diberitakan Kompas.com, banjir merendam 300 rumah.", "diberitakan", "Kompas"),
    ("Harga emas turun tajam pekan ini, seperti dilansir Bloomberg.", "dilansir", "Bloomberg"),
])
def test_media_citations(sentence, cue, source):
    a, atts = extract(HEAD + sentence)
    assert len(atts) == 1
    x = atts[0]
    assert (x.kind, x.cue, x.source.name, x.source.type) == ("media_citation", cue, source, "media")
    assert source not in x.text


def test_nested_attribution_inside_quote():
    a, atts = extract(HEAD + "“Menurut BPS, inflasi sudah terkendali,” kata Sri Mulyani.")
    kinds = {(x.kind, x.source.name): x for x in atts}
    outer = kinds[("direct_quote", "Sri Mulyani")]
    inner = kinds[("according_to", "Statistics Indonesia")]
    assert inner.nested_in == outer.id


@pytest.mark.parametrize("text", [
    "Dengan kata lain, kebijakan itu gagal total.",
    "Kata “merdeka” tertulis besar di spanduk itu.",
    "Hingga kini penyebab kebakaran belum jelas.",
    "Warga melaporkan kasus pencurian itu ke Polres Bekasi.",
    "Sikap tegas pemerintah dibutuhkan dalam situasi ini.",
    "Jumlah korban terus bertambah hingga Selasa malam.",
    "Sidang akan dilanjutkan pekan depan.",
    "Polisi mengungkap jaringan narkoba internasional.",
    "Presiden meminta bantuan dari negara tetangga.",
    "Pemerintah menolak tawaran itu karena terlalu mahal.",
])
def test_traps_are_not_attributions(text):
    _, atts = extract(HEAD + text)
    assert atts == []


def test_menurut_saya_inside_a_quote_is_the_speaker_not_a_new_source():
    _, atts = extract(HEAD + "“Menurut saya, kebijakan ini keliru,” kata Andi Wijaya.")
    assert [(x.kind, x.speaker.name) for x in atts] == [("direct_quote", "Andi Wijaya")]


def test_reporting_words_in_the_headline_are_ignored():
    a, atts = extract("Menteri Mengatakan Harga Turun\n\nHarga beras turun di pasar tradisional.")
    assert a.title == "Menteri Mengatakan Harga Turun" and atts == []


def test_source_registry_extensible_without_code(tmp_path, monkeypatch):
    extra = tmp_path / "extra.toml"
    extra.write_text('schema = 1\n[sources.koran-contoh]\nname = "Koran Contoh"\ntype = "media"\naliases = ["Koran Contoh", "KC"]\n')
    monkeypatch.setenv("LINTAS_SOURCES", str(extra))
    reg = load_sources()
    assert reg.lookup("KC").name == "Koran Contoh" and reg.lookup("PBB").name == "United Nations"
    a = attribute(prepare(HEAD + "Seperti dilansir dari KC, jalan tol itu dibuka."), Extractor(reg))
    assert a.attributions[0].source.key == "koran-contoh"


def test_registry_aliases():
    reg = load_sources()
    assert reg.lookup("Departemen Luar Negeri AS").name == "US State Department"
    assert reg.lookup("Bank Dunia").name == "World Bank"
    assert reg.lookup("Organisasi Perjanjian Keamanan Kolektif").name == "CSTO"
    assert [m.alias for m in reg.find_all("kata BBC Monitoring dan BBC")] == ["BBC Monitoring", "BBC"]


def test_bad_registry_type_is_named():
    from service.errors import ConfigError

    with pytest.raises(ConfigError, match="type"):
        SourceRegistry.from_toml_texts([("x", 'schema = 1\n[sources.a]\nname = "A"\ntype = "blog"\n')])


# ---- properties -----------------------------------------------------------------------------

_words = st.sampled_from(
    "kata ujarnya mengatakan menurut “ ” \" , . Presiden Budi Santoso dilansir dari BBC oleh dikutuk "
    "Ia dia seorang juru bicara bahwa harga naik jelas melaporkan ke polisi Kate Mallinson pakar di "
    "Chatham House saya \n\n".split(" ") + ["\n\n", " "]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_words, min_size=1, max_size=60).map(" ".join) | st.text(max_size=300))
def test_property_any_text_no_exception_spans_in_bounds_stable(text):
    try:
        article = prepare(text)
    except Exception as e:  # only our clear input errors are allowed
        from service.errors import InputError

        assert isinstance(e, InputError)
        return
    ex = Extractor()
    first, issues = ex.extract(article)
    second, _ = ex.extract(article)
    assert [x.to_dict() for x in first] == [x.to_dict() for x in second]
    for x in first:
        s = article.sentences[x.sentence]
        assert 0 <= s.start <= x.start <= x.end <= s.end <= len(article.text)
        assert article.text[x.start : x.end] == x.text
        assert 0.0 < x.confidence <= 1.0
