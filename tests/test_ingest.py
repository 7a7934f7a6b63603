"""Ingest: furniture removal, titles, formats, offsets, and bad input."""

from __future__ import annotations

import pytest

from service import EmptyInputError, InputTooLargeError, ingest, prepare

from .conftest import FIXTURES

BANNER = ["Dapatkan aplikasi di Play Store", "Beritabaru.co"]
MENU = {"Berita", "Network", "Partner"}
HEADLINE = "Pemerintah Kazakhstan Meminta Bantuan Rusia untuk Mestabilkan Situasi"


def test_seed_title_and_body_without_furniture(seed_bytes):
    a = prepare(seed_bytes)
    assert a.title == HEADLINE
    assert 24 <= len(a.sentences) <= 30
    assert a.text.count(HEADLINE) == 1, "the repeated headline appears once, as the title"
    for s in a.sentences:
        assert not any(b in s.text for b in BANNER)
        assert s.text.strip() not in MENU
    assert a.sentences[0].text.startswith("Berita Baru, Internasional – Presiden Kazakhstan")
    assert a.sentences[-1].text == "Akibatnya, selain pemecatan Nazarbayev, seluruh pemerintahan telah mengundurkan diri."
    removed = {r["text"]: r["reason"] for r in a.meta.removed}
    assert removed["Berita"] == "menu" and removed[HEADLINE] == "repeated title"
    assert any("Play Store" in t for t in removed)


def test_seed_keeps_every_body_word(seed_bytes):
    """Every word of the original body (after the headline) is in the cleaned article."""
    raw = seed_bytes.decode("utf-8")
    body = raw.split(HEADLINE)[-1]
    a = prepare(seed_bytes)
    sentence_words = " ".join(s.text for s in a.sentences).split()
    assert sentence_words == body.split()


def test_offsets_are_views_into_cleaned_text(seed_bytes):
    a = prepare(seed_bytes)
    assert a.text[a.title_span[0] : a.title_span[1]] == a.title
    for p in a.paragraphs:
        sents = a.sentences_of(p.index)
        assert sents, "no empty paragraphs"
        assert p.start <= sents[0].start and sents[-1].end <= p.end
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text
    assert [s.index for s in a.sentences] == list(range(len(a.sentences)))


def test_paragraphs_kept(seed_bytes):
    a = prepare(seed_bytes)
    assert len(a.paragraphs) == 18
    # "Pemerintah dianggap gagal … Sehingga …" is one paragraph of two sentences
    two = [p for p in a.paragraphs if len(a.sentences_of(p.index)) == 2]
    assert a.sentences_of(two[0].index)[0].text.startswith("Pemerintah dianggap gagal")


def test_html_article():
    a = prepare((FIXTURES / "article.html").read_bytes())
    assert a.source_format == "html"
    assert a.title == "Banjir Merendam Ribuan Rumah di Bekasi"
    text = a.text
    for bad in ("alert", "tracker", "Teks sisipan skrip", "iframe", "<", "Play Store", "Baca juga", "Copyright"):
        assert bad not in text, bad
    assert "Kepala BPBD Kota Bekasi, Dr. Ahmad Fauzi, mengatakan" in text
    assert "Rp 2 miliar" in text
    assert text.count("Banjir Merendam Ribuan Rumah di Bekasi") == 1
    assert len(a.paragraphs) >= 4


def test_html_fragment_without_page():
    a = ingest("<p>Harga naik tajam. Warga mengeluh.</p><script>alert(1)</script><p>Pemerintah diam.</p>")
    assert a.source_format == "html"
    assert [a.paragraph_text(i) for i in range(len(a.paragraphs))] == ["Harga naik tajam. Warga mengeluh.", "Pemerintah diam."]
    assert "alert" not in a.text


def test_markdown_article():
    a = prepare((FIXTURES / "article.md").read_bytes())
    assert a.source_format == "markdown"
    assert a.title == "Gempa Guncang Wilayah Barat"
    assert "**" not in a.text and "](" not in a.text and "![" not in a.text
    assert "Menurut BMKG, pusat gempa" in a.text
    assert "Sekolah diliburkan sementara." in [s.text for s in a.sentences]


def test_plain_text_without_headline_has_no_title():
    a = prepare("Harga cabai naik tajam di pasar. Pedagang mengeluh.\n\nPemerintah berjanji turun tangan.")
    assert a.title is None
    assert len(a.paragraphs) == 2 and len(a.sentences) == 3


def test_soft_wrapped_lines_join_into_one_paragraph():
    a = prepare("Judul Berita Hari Ini\n\nHarga cabai naik tajam di pasar\ntradisional pagi ini. Pedagang mengeluh.")
    assert a.title == "Judul Berita Hari Ini"
    assert len(a.paragraphs) == 1
    assert a.sentences[0].text == "Harga cabai naik tajam di pasar tradisional pagi ini."


@pytest.mark.parametrize("text", ["", "   \n\t  \n", "\u200b\u200b", "<html><body></body></html>"])
def test_empty_input_is_a_clear_error(text):
    with pytest.raises(EmptyInputError, match="no article text"):
        ingest(text)


def test_too_large_names_the_limit():
    with pytest.raises(InputTooLargeError, match="limit is 1,000") as e:
        ingest("a" * 1001, max_chars=1000)
    assert e.value.http_status == 413


def test_invalid_utf8_is_replaced_with_a_warning():
    a = ingest("Harga naik. Warga ".encode() + b"\xff\xfe" + "protes.".encode())
    assert "\ufffd" in a.text
    assert [i.code for i in a.issues] == ["invalid_utf8"]


def test_control_and_zero_width_characters_removed():
    a = prepare("Har\u200bga na\x07ik.\r\nWarga\u00a0protes.")
    assert [s.text for s in a.sentences] == ["Harga naik.", "Warga protes."]


def test_utf8_bom_decoded():
    a = ingest("\ufeffHarga naik.".encode("utf-8"))
    assert a.text == "Harga naik."


# Regressions found in review: prose must never be dropped or mangled as "furniture" or markup.
@pytest.mark.parametrize("text,expected", [
    ("Pemerintah mewajibkan pengunjung mal memindai kode QR. Warga diminta download aplikasi PeduliLindungi sebelum masuk. "
     "Aturan berlaku mulai Senin.\n\nHarga tiket naik.",
     ["Pemerintah mewajibkan pengunjung mal memindai kode QR.", "Warga diminta download aplikasi PeduliLindungi sebelum masuk.",
      "Aturan berlaku mulai Senin.", "Harga tiket naik."]),
    ("Hak cipta lagu itu kini dipegang oleh ahli waris sang pencipta.", ["Hak cipta lagu itu kini dipegang oleh ahli waris sang pencipta."]),
    ("Ikuti kami ke pasar, kata pedagang itu kepada wartawan.", ["Ikuti kami ke pasar, kata pedagang itu kepada wartawan."]),
    ("**JAKARTA** - Inflasi tahunan <3 persen, sementara pertumbuhan >5 persen. Data di <https://bps.go.id>. Akun @joko_widodo_ri.",
     ["JAKARTA - Inflasi tahunan <3 persen, sementara pertumbuhan >5 persen.", "Data di https://bps.go.id.", "Akun @joko_widodo_ri."]),
    ("<ul><li>Harga beras naik.</li><li>Warga protes.</li></ul>", ["Harga beras naik.", "Warga protes."]),
    ("<p>Harga naik.<!-- komentar --> Warga protes.</p>", ["Harga naik.", "Warga protes."]),
    ("Kepala BPBD, Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi\n320 warga dari rumah mereka di\nKecamatan Cianjur sejak Senin pagi.\n\nWarga mengungsi.",
     ["Kepala BPBD, Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi 320 warga dari rumah mereka di Kecamatan Cianjur sejak Senin pagi.",
      "Warga mengungsi."]),
    ("Selamat pagi", ["Selamat pagi"]),
    ("Harga\x0bnaik tajam. Warga\x0cprotes keras.", ["Harga naik tajam.", "Warga protes keras."]),
])
def test_review_regressions_nothing_lost(text, expected):
    assert [s.text for s in prepare(text).sentences] == expected


def test_non_indonesian_text_is_flagged_not_refused():
    a = prepare("Floods Hit the City\n\nFloods submerged 1,500 homes in three districts on Monday, officials said. "
                "Residents were evacuated to schools and mosques.")
    [issue] = [i for i in a.issues if i.code == "not_indonesian"]
    assert issue.data["language"] == "en" and len(a.sentences) == 2


def test_indonesian_seed_is_not_flagged(seed_bytes):
    assert not [i for i in prepare(seed_bytes).issues if i.code == "not_indonesian"]
