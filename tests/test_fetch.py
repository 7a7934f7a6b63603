"""Safe URL fetching: schemes, every class of non-public address (also after redirects), size,
time and type caps; off by default in the server."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from service.errors import FetchError, URLRefusedError
from service.fetch import address_problem, fetch_url

ARTICLE = "<html><body><h1>Banjir di Bekasi</h1><p>Menurut BBC, banjir merendam 1.500 rumah.</p></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        if callable(body):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            body(self.wfile)
            return
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers and not headers.get("_no_length"):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = srv.server_address[1]
    html = {"Content-Type": "text/html; charset=utf-8"}

    def slow(w):
        w.write(b"<p>Harga")
        w.flush()
        time.sleep(3)
        w.write(b" naik.</p>")

    def endless(w):
        try:
            for _ in range(2000):
                w.write(b"x" * 1024)
        except OSError:
            pass

    Handler.routes = {
        "/article": (200, html, ARTICLE.encode()),
        "/latin1": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, "Harga naik di Bogor, kata André.".encode("latin-1")),
        "/to-private": (302, {"Location": "http://10.0.0.1/secret"}, b""),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-self": (302, {"Location": f"http://127.0.0.1:{port}/article"}, b""),
        "/to-localhost": (302, {"Location": f"http://localhost:{port}/article"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/relative-to-self": (302, {"Location": "/article"}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"a" * 5000),
        "/big-no-length": (200, {"Content-Type": "text/plain", "_no_length": "1", "Connection": "close"}, endless),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
        "/gzip": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"\x1f\x8b"),
        "/slow": (200, {"Content-Type": "text/html", "Connection": "close"}, slow),
        "/missing": (404, {}, b"no"),
    }
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{port}", ("127.0.0.1", port)
    srv.shutdown()


@pytest.mark.parametrize("url,why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.9.9.9:8080/x", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://localhost/", "loopback"),                 # a host name resolving to 127.0.0.1
    ("http://2130706433/", "loopback"),                # 127.0.0.1 as one decimal number
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),        # IPv4-mapped IPv6
    ("http://10.1.2.3/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://[fc00::1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://169.254.10.10/", "link-local"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://240.0.0.1/", "reserved"),
    ("http://100.64.0.1/", "not a public"),            # carrier-grade NAT
    ("http://[2002:7f00:1::]/", "loopback"),           # 6to4 wrapping 127.0.0.1
])
def test_non_public_addresses_are_refused(url, why):
    with pytest.raises(URLRefusedError, match=why):
        fetch_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "gopher://example.com/", "javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "example.com/article", "http:///nohost",
                                 "http://user:pw@example.com/"])
def test_only_plain_http_and_https_urls(url):
    with pytest.raises(URLRefusedError):
        fetch_url(url)


def test_public_addresses_pass_the_address_check():
    import ipaddress

    for a in ("93.184.215.14", "8.8.8.8", "2606:4700::1111"):
        assert address_problem(ipaddress.ip_address(a)) is None


def test_fetches_a_page_from_a_trusted_first_hop(site):
    base, trusted = site
    got = fetch_url(base + "/article", trusted_first_hop=trusted)
    assert got.content_type == "text/html" and got.charset == "utf-8"
    from service import attributions

    report = attributions(got.text())
    assert report.article.attributions[0].source.name == "BBC"
    assert fetch_url(base + "/latin1", trusted_first_hop=trusted).text() == "Harga naik di Bogor, kata André."


@pytest.mark.parametrize("path,why", [("/to-private", "private"), ("/to-metadata", "metadata"), ("/to-self", "loopback"),
                                      ("/to-localhost", "loopback"), ("/to-file", "http and https"),
                                      ("/relative-to-self", "loopback")])
def test_every_redirect_is_checked_again(site, path, why):
    """The allowance covers the first request only: a redirect to any non-public place is refused."""
    base, trusted = site
    with pytest.raises(URLRefusedError, match=why):
        fetch_url(base + path, trusted_first_hop=trusted)


def test_redirect_limit(site):
    base, trusted = site
    with pytest.raises(FetchError, match="redirects more than 0"):
        fetch_url(base + "/to-private", trusted_first_hop=trusted, max_redirects=0)


def test_size_cap_by_header_and_by_stream(site):
    base, trusted = site
    with pytest.raises(FetchError, match="larger than the fetch limit of 1,000 bytes"):
        fetch_url(base + "/big", trusted_first_hop=trusted, max_bytes=1000)
    with pytest.raises(FetchError, match="larger than the fetch limit"):
        fetch_url(base + "/big-no-length", trusted_first_hop=trusted, max_bytes=100_000)
    assert len(fetch_url(base + "/big", trusted_first_hop=trusted, max_bytes=5000).content) == 5000


def test_time_cap(site):
    base, trusted = site
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="longer than 0.5 s"):
        fetch_url(base + "/slow", trusted_first_hop=trusted, timeout=0.5)
    assert time.monotonic() - t0 < 2.5  # gave up at the deadline, not when the server finished


@pytest.mark.parametrize("path,why", [("/image", "image/png"), ("/gzip", "gzip"), ("/missing", "404")])
def test_type_encoding_and_status(site, path, why):
    base, trusted = site
    with pytest.raises(FetchError, match=why):
        fetch_url(base + path, trusted_first_hop=trusted)


def test_cli_refuses_a_private_url(capsys):
    from service.cli import main

    assert main(["attributions", "http://192.168.0.10/berita"]) == 2
    assert "private address" in capsys.readouterr().err


def test_server_does_not_fetch_unless_allowed(monkeypatch):
    from fastapi.testclient import TestClient

    from service.server import create_app

    monkeypatch.delenv("LINTAS_ALLOW_URL_FETCH", raising=False)
    c = TestClient(create_app(with_ui=False))
    r = c.post("/api/v1/attributions", json={"url": "http://example.com/"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "url_fetch_disabled"
    monkeypatch.setenv("LINTAS_ALLOW_URL_FETCH", "1")
    c = TestClient(create_app(with_ui=False))
    r = c.post("/api/v1/attributions", json={"url": "http://169.254.169.254/latest/meta-data/"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "url_refused"
    assert "metadata" in r.json()["error"]["message"]
    r = c.post("/api/v1/attributions", json={"text": "Harga naik.", "url": "http://example.com/"})
    assert r.status_code == 422 and "one of them" in r.json()["error"]["message"]
