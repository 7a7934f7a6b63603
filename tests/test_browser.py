"""The app in a real browser (Debian's chromium through Python playwright): the pipeline runs, the
tables render, and markup inside an article is shown as text and runs nothing."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tiny_marian):
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "LINTAS_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False",
           "LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(tiny_marian)}
    root = Path(__file__).resolve().parent.parent
    p = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    yield url
    p.terminate()
    p.wait(timeout=20)


def _submit(pw, server: str, article: str):
    """Chromium on the app, the article pasted and run; dialogs (alert…) are recorded."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server, wait_until="networkidle")
    page.get_by_label("Indonesian article (text, Markdown or HTML)").fill(article)
    page.get_by_role("button", name="Translate").click()
    return browser, page, dialogs


def test_article_with_hostile_markup_renders_as_text(server, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    article = ("Banjir Besar Melanda Kota\n\nMenurut BBC, banjir merendam 1.500 rumah. "
               "Ada laporan bahwa <img src=x onerror=alert(1)> <script>alert(2)</script> warga mengungsi.\n\n"
               "“Kami terus memantau,” kata Ahmad Fauzi.")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _submit(pw, server, article)
        page.wait_for_selector("text=Ahmad Fauzi", timeout=120_000)
        page.wait_for_selector("text=BBC (media)", timeout=30_000)
        page.wait_for_selector("text=attributed to BBC", timeout=30_000)  # the summary, traced
        page.screenshot(path=str(tmp_path / "app.png"), full_page=True)
        assert dialogs == [], "nothing from the article ran"
        assert page.query_selector("img[src='x']") is None
        assert page.get_by_text("Side by side").count() >= 1 and page.get_by_text("Who said what").count() >= 1
        assert page.get_by_text("Summary", exact=True).count() >= 1
        browser.close()


ARTIFACTS = Path(os.environ.get("LINTAS_ARTIFACTS", Path(__file__).resolve().parent.parent / "out"))


def test_seed_article_screenshot(server, seed_path):
    """The seed article in the browser: side by side, summary and who-said-what rendered; the
    screenshot is saved as an artefact (out/app-seed.png; the README shows a copy)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(server, wait_until="networkidle")
        page.get_by_label("Indonesian article (text, Markdown or HTML)").fill(seed_path.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Translate").click()
        page.wait_for_selector("text=Kanat Taimerdenov", timeout=180_000)
        page.wait_for_selector("text=💬 Kate Mallinson", timeout=30_000)
        page.wait_for_selector("text=sentences 4", timeout=30_000)  # Mallinson's bullet, traced to its sentence
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "app-seed.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()


def test_markup_that_is_article_text_is_shown_escaped(server, tmp_path):
    """Entities in an HTML page decode to literal tags in the article text: they must reach the
    page as text (in the side-by-side table and the who-said-what table), never as elements."""
    playwright = pytest.importorskip("playwright.sync_api")
    article = ("<html><body><h1>Warga Menulis di Media Sosial</h1>"
               "<p>Menurut BBC, warga menulis &lt;img src=x onerror=alert(3)&gt; di media sosial.</p>"
               "<p>Ada laporan bahwa &lt;script&gt;alert(4)&lt;/script&gt; &lt;iframe src=javascript:alert(5)&gt; beredar luas.</p>"
               "</body></html>")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _submit(pw, server, article)
        page.wait_for_function("() => document.body.innerText.includes('BBC (media)')", timeout=120_000)
        page.wait_for_timeout(1000)
        shown = page.evaluate("() => document.body.innerText")
        assert "<img src=x onerror=alert(3)>" in shown and "<script>alert(4)</script>" in shown, "the tags are shown as text"
        assert dialogs == [], "nothing from the article ran"
        assert page.query_selector("img[src='x']") is None
        assert page.query_selector("iframe[src^='javascript']") is None
        assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(4)'))") is False
        browser.close()
