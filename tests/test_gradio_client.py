"""Gradio's own API endpoint is named and usable from gradio_client."""

from __future__ import annotations

from .test_browser import server  # noqa: F401  (the live app on 127.0.0.1, module-scoped)


def test_report_endpoint_from_gradio_client(server):  # noqa: F811
    from gradio_client import Client

    client = Client(server, verbose=False)
    assert "/report" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    title, table, summary, atts, issues, report, report_md = client.predict(
        "Judul Berita Uji\n\nMenurut BBC, harga naik 3,5 persen.", None, "opus-mt-id-en", "", "", "", "", "", None,
        "extractive", 2, api_name="/report")
    assert table["data"][0][1] == "Menurut BBC, harga naik 3,5 persen."
    assert table["data"][0][4] == "💬 BBC"
    assert atts["data"][0][4] == "BBC (media)"
    assert "sentences 0" in summary and "attributed to BBC" in summary
