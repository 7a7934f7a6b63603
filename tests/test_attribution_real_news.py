"""Issue #18: who said what on real news. Each test is a short text written for this file that
reproduces one error observed on IndoSum dev.01 (held-out lines 400 and 700, bug reports only)."""

from __future__ import annotations

from service import prepare
from service.attribution import attribute

HEAD = "Judul berita\n\n"


def atts(text: str):
    return list(attribute(prepare(HEAD + text)).attributions)


BUFFON = (
    "Kiper Juventus, Gianluigi Buffon harus kembali memendam hasratnya untuk mengangkat trofi.\n\n"
    "Buffon mengakui Real Madrid layak memenangkan laga final di Cardiff.\n\n"
    "Impian Buffon untuk jadi juara pun kembali melayang.\n\n"
    "\"Ini adalah kekecewaan besar karena kami merasa sudah melakukan segalanya untuk menang.\"\n\n"
    "\"Kami menjalani babak pertama yang luar biasa. "
    "Jadi, kami tentu saja terkejut karena kemenangan tak ada untuk kami,\" kata Buffon seperti dikutip dari Football Italia.\n\n"
    "\"Secara alami ada sedikit penyesalan bagi kami semua di ruang ganti,\" tutur mantan kiper Parma ini."
)


def test_description_before_a_name_is_not_part_of_it():
    speakers = {a.speaker.name for a in atts(BUFFON)}
    assert "Impian Buffon" not in speakers and speakers == {"Gianluigi Buffon"}


def test_definite_description_resolves_to_the_earlier_person():
    last = atts(BUFFON)[-1]
    assert (last.cue, last.speaker.name, last.speaker.role, last.source.type) == (
        "tutur", "Gianluigi Buffon", "mantan kiper Parma", "person")


def test_relayed_quote_keeps_its_speaker_and_carries_via():
    a = atts(BUFFON)
    relayed = [x for x in a if x.cue == "kata"]
    assert relayed and all(x.speaker.name == "Gianluigi Buffon" and x.via is not None
                           and x.via.name == "Football Italia" and x.via.type == "media" for x in relayed)
    assert not any(x.kind == "media_citation" for x in a)  # the outlet is the relay, not the speaker
    assert all(not x.text.endswith("seperti") for x in a)
    assert relayed[0].to_dict()["via"] == {"name": "Football Italia", "type": "media", "key": None}


def test_mengakui_with_a_bare_clause_and_a_standalone_quote_before_a_cued_one():
    a = atts(BUFFON)
    assert any(x.cue == "mengakui" and x.text.startswith("Real Madrid layak") for x in a)
    alone = [x for x in a if x.text.startswith("Ini adalah kekecewaan besar")]
    assert alone and alone[0].speaker.name == "Gianluigi Buffon"


def test_bodies_games_and_agencies_are_not_people():
    text = ("Sega ialah perusahaan penghasil mesin arcade terbesar saat ini.\n\n"
            "Trailer itu belum menampilkan gameplay, namun Sega Jepang sempat menyebutkan bahwa kelas GT300 hadir.\n\n"
            "Badan Pusat Statistik (BPS) menyatakan inflasi Maret mencapai 0,66 persen.")
    a = atts(text)
    types = {x.speaker.name or x.source.name: x.source.type for x in a}
    assert types.get("Sega Jepang") == "company"
    assert types.get("Badan Pusat Statistik") == "government"
    assert "person" not in types.values()


def test_intent_verbs_and_agentless_passives_are_not_statements():
    text = ("Sega World Drivers Championship 2018 merupakan game arcade pertama Sega sejak 2009.\n\n"
            "Sega tampaknya ingin memastikan game ini lebih istimewa dengan visual yang memukau.\n\n"
            "Brand mobil yang dikonfirmasi hadir di game meliputi Lexus, Nissan serta Honda.")
    assert atts(text) == []


def test_a_weekday_after_dikutip_is_not_the_speaker():
    text = ("Menteri Pariwisata Sandiaga Uno mengatakan Mandalika siap menggelar balapan.\n\n"
            "\"Kami siap menyambut wisatawan dari seluruh dunia,\" katanya dalam keterangan tertulis yang dikutip "
            "Kamis (17/3/2022).\n\n"
            "Kunjungan itu, katanya dalam keterangan tertulis yang dikutip Kamis (17/3/2022), berlangsung lancar.")
    a = atts(text)
    assert a and all(x.speaker.name == "Sandiaga Uno" for x in a)
    assert not any("Kamis" in (x.source.name or "") for x in a)


def test_article_level_sources():
    text = ("Berdasarkan terjemahan kasar dari info yang ada di website, game ini akan menyajikan beragam mobil.\n\n"
            "Uji coba akan digelar di Akihabara pada akhir Juli.\n\n"
            "Via Arcade Heroes & Eurogamer.")
    a = atts(text)
    got = [(x.kind, x.source.name, x.source.type) for x in a]
    assert ("article_source", "website", "website") in got
    assert ("article_source", "Arcade Heroes", "media") in got and ("article_source", "Eurogamer", "media") in got
    web = next(x for x in a if x.source.name == "website")
    assert web.text.startswith("game ini akan menyajikan")


def test_sumber_credit_line():
    a = atts("Harga minyak dunia naik tiga persen pekan ini.\n\nSumber: Reuters, Bloomberg.")
    assert [(x.kind, x.source.name) for x in a] == [("article_source", "Reuters"), ("article_source", "Bloomberg")]


def test_names_do_not_drag_roles_bodies_or_places_in():
    text = ("Direktur Jenderal Perdagangan Dalam Negeri Kementerian Perdagangan Larasati Kusumadewi mengatakan stok aman.\n\n"
            "Keluhan semacam itu dibantah oleh manajemen PT Sinar Logam Konawe.\n\n"
            "\"Kami sudah menambah armada,\" ujar Bupati Sambas Atbah Romin Suhaili di Paloh.")
    a = atts(text)
    assert [x.speaker.name or x.source.name for x in a] == ["Larasati Kusumadewi", "PT Sinar Logam Konawe", "Atbah Romin Suhaili"]
    assert [x.source.type for x in a] == ["person", "company", "person"]


def test_modal_before_a_reporting_verb():
    assert atts("Pemerintah akan menyampaikan rencana itu kepada DPR pekan depan.") == []
