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


def _start(env_extra: dict, drop_models: bool = False):
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "LINTAS_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False", **env_extra}
    if drop_models:
        env = {k: v for k, v in env.items() if not k.startswith("LINTAS_MODEL_")}
    root = Path(__file__).resolve().parent.parent
    p = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    return p, url


def _stop(p) -> None:
    p.terminate()
    p.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tiny_marian):
    """The app with the tiny random-weight Marian as its translation model (a test model)."""
    p, url = _start({"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(tiny_marian)})
    yield url
    _stop(p)


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory):
    """The app on a machine with no model at all (an empty Hugging Face cache)."""
    empty = tmp_path_factory.mktemp("empty-hf-cache")
    p, url = _start({"HF_HUB_CACHE": str(empty), "HF_HOME": str(empty)}, drop_models=True)
    yield url
    _stop(p)


def _open(pw, server: str, height: int = 1600):
    """Chromium on the app; dialogs (alert…) are recorded."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])
    page = browser.new_page(viewport={"width": 1400, "height": height})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server, wait_until="networkidle")
    return browser, page, dialogs


def _submit(pw, server: str, article: str):
    """Chromium on the app, the article pasted and run."""
    browser, page, dialogs = _open(pw, server)
    page.get_by_label("Indonesian article (text, Markdown or HTML)").fill(article)
    page.get_by_role("button", name="Translate").click()
    return browser, page, dialogs


def _first_on_page(page) -> str:
    """The id of the topmost visible component of the page (or its first words)."""
    return page.evaluate("""() => {
        const blocks = [...document.querySelectorAll('.gradio-container .block, .gradio-container .prose')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0);
        blocks.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        const top = blocks[0];
        return top ? (top.closest('[id^=lintas-]')?.id || top.innerText.slice(0, 40)) : '';
    }""")


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
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_without_a_model_the_banner_comes_first_and_the_summary_says_indonesian(bare_server, seed_path):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _open(pw, bare_server)
        banner = page.locator("#lintas-banner")
        assert banner.is_visible() and "lintas models pull translation" in banner.inner_text()
        assert "--translations" in banner.inner_text()
        assert _first_on_page(page) == "lintas-banner", "the banner is the first thing on the page"
        page.get_by_label("Indonesian article (text, Markdown or HTML)").fill(seed_path.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Translate").click()
        page.wait_for_selector("text=Summary (Indonesian — no translation model)", timeout=120_000)
        page.wait_for_selector("text=Kanat Taimerdenov", timeout=30_000)
        assert banner.is_visible() and _first_on_page(page) == "lintas-banner"
        assert page.get_by_text("English (none: no translation model)").count() >= 1
        assert page.get_by_text("No issues.", exact=True).count() == 0
        browser.close()


def test_a_test_model_says_so(server):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _open(pw, server)
        banner = page.locator("#lintas-banner")
        assert banner.is_visible() and "Test model" in banner.inner_text() and "random weights" in banner.inner_text()
        assert _first_on_page(page) == "lintas-banner"
        browser.close()


def test_seed_article_with_given_english_and_a_source(bare_server, seed_path):
    """The seed article with its English given as an uploaded TSV (no model on this machine) and
    the BBC's report as a source: the English column is filled, the claims are checked, and the
    page is saved as an artefact (out/app-seed.png; the README shows a copy, docs/app-seed.png)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _open(pw, bare_server, height=1800)
        page.get_by_label("Indonesian article (text, Markdown or HTML)").fill(seed_path.read_text(encoding="utf-8"))
        page.locator("#lintas-translations input[type=file]").set_input_files(str(FIXTURES / "seed-translations.tsv"))
        page.wait_for_selector("#lintas-translations >> text=seed-translations.tsv", timeout=30_000)
        page.locator("#lintas-sources").get_by_text("Sources to check").click()
        page.locator("#lintas-src1-name").get_by_role("textbox").fill("BBC")
        page.locator("#lintas-src1-text").get_by_role("textbox").fill((FIXTURES / "seed-source-bbc.txt").read_text(encoding="utf-8"))
        page.get_by_role("button", name="Translate").click()
        page.wait_for_selector("text=Kanat Taimerdenov", timeout=180_000)
        page.wait_for_function("() => document.querySelector('#lintas-title textarea, #lintas-title input')?.value"
                               ".startsWith(\"Kazakhstan's Government\")", timeout=30_000)
        page.wait_for_selector("text=sentences 4", timeout=30_000)  # Mallinson's bullet, traced to its sentence
        shown = page.evaluate("() => document.querySelector('#lintas-side').innerText")
        assert "As reported by the BBC, Russian-led troops will be deployed" in shown, "the English column is filled"
        who = page.evaluate("() => document.querySelector('#lintas-who').innerText")
        assert "protests reflected deep anger" in who or "deep anger" in who, "the English claim beside the Indonesian"
        assert "supported" in who
        page.wait_for_selector("#lintas-banner", state="hidden", timeout=15_000)  # no warning: the English is given
        assert dialogs == []
        page.locator("#lintas-sources").get_by_text("Sources to check").click()  # folded again for the picture
        page.wait_for_timeout(500)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "app-seed-full.png"), full_page=True)
        # the picture: from the title to the issues (the results, not the input form)
        top = page.locator("#lintas-title").bounding_box()["y"] - 12
        bottom = page.evaluate("() => { const r = document.querySelector('#lintas-issues').getBoundingClientRect();"
                               " return r.bottom + window.scrollY; }") + 12
        shot = ARTIFACTS / "app-seed.png"
        page.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": top, "width": 1400, "height": bottom - top})
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


def test_compare_tab_shows_the_disagreement_row(bare_server, seed_path):
    """Issue #17: the Compare tab with two pasted translations of the seed (no model needed),
    differing in one number; B carries markup as text: the row says "number: 500 vs 600 (B)"
    and the markup is shown, never run."""
    playwright = pytest.importorskip("playwright.sync_api")
    en = (Path(__file__).resolve().parent / "data" / "alignment" / "seed-en.txt").read_text(encoding="utf-8")
    b = en.replace("attacked 500 civilians", "attacked 600 civilians").replace(
        "Water cannon were used", "Water cannon <b>bold</b> &lt;img src=x onerror=alert(document.domain)&gt; were used")
    with playwright.sync_playwright() as pw:
        browser, page, dialogs = _open(pw, bare_server)
        page.get_by_role("tab", name="Compare translations").click()
        page.locator("#lintas-cmp-article").get_by_role("textbox").fill(seed_path.read_text(encoding="utf-8"))
        page.locator("#lintas-cmp-a").get_by_role("textbox").fill(en)
        page.locator("#lintas-cmp-b").get_by_role("textbox").fill(b)
        page.get_by_role("button", name="Compare", exact=True).click()
        page.wait_for_function("() => document.querySelector('#lintas-cmp-table')?.innerText"
                               ".includes('number: 500 vs 600 (B)')", timeout=120_000)
        summary = page.locator("#lintas-cmp-summary").inner_text()
        assert "B: 1 disagreement(s) (1 number)" in summary and "A: 0 disagreement(s) (none)" in summary
        table = page.evaluate("() => document.querySelector('#lintas-cmp-table').innerText")
        assert "attacked 600 civilians" in table and "attacked 500 civilians" in table
        assert "onerror=alert(document.domain)" in table, "the markup is shown as text"
        assert dialogs == [] and page.query_selector("img[src='x']") is None
        assert page.query_selector("#lintas-cmp-table b") is None
        browser.close()


def _call(url: str, api: str, data: list, timeout: float = 60) -> tuple[str, str]:
    """POST /gradio_api/call/<api>, then read its event stream: (last event, everything read)."""
    import json

    req = urllib.request.Request(f"{url}/gradio_api/call/{api}", json.dumps({"data": data}).encode(),
                                 {"Content-Type": "application/json"})
    event_id = json.loads(urllib.request.urlopen(req, timeout=timeout).read())["event_id"]
    text = urllib.request.urlopen(f"{url}/gradio_api/call/{api}/{event_id}", timeout=timeout).read().decode("utf-8", "replace")
    events = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("event:")]
    return (events[-1] if events else ""), text


def test_compare_api_does_not_read_a_server_file(bare_server, seed_path, tmp_path):
    """/gradio_api/call/compare with a file named by the client (the mounted app copies it into
    its cache before the handler runs): refused, and nothing of it comes back."""
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-c0mp The police said 900 people were hurt.", encoding="utf-8")
    named = {"path": str(canary), "meta": {"_type": "gradio.FileData"}, "orig_name": "b.txt"}
    en = (Path(__file__).resolve().parent / "data" / "alignment" / "seed-en.txt").read_text(encoding="utf-8")
    article = seed_path.read_text(encoding="utf-8")
    for data in ([article, None, "A", en, None, "B", "", named, "C", "", None, "", None],
                 ["", named, "A", en, None, "B", en, None, "C", "", None, "", None],
                 [article, None, "A", en, None, "B", en, None, "C", "", None, "", named]):
        event, text = _call(bare_server, "compare", data)
        assert event == "error" and "CANARY" not in text, text[:500]
    event, text = _call(bare_server, "compare", [article, None, "A", en, None, "B", en, None, "C", "", None, "", None], 120)
    assert event == "complete" and "0 disagreement" in text, text[:500]
