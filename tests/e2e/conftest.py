"""Browser fixtures: Debian's Chromium driven by Playwright, against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# still synchronous, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    return path


def tab_to(page, selector, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until keyboard focus is on `selector`, as a keyboard user would."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"keyboard focus never reached {selector}")


def log_in(page, url, username="planlegger", password="planlegger-passord", submit=None):
    """Open `url`, which asks for a login, and log in (the site's form unless `submit` says)."""
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(submit or ".login-form [type=submit]")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, request):
    """Open a path of the live server at a viewport size; fails the test on any page error."""
    pages = []

    def open_(path: str = "/", viewport: dict = DESKTOP):
        page = browser.new_page(viewport=viewport)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(live_server.url + path)
        page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
        pages.append(page)
        return page

    yield open_
    ARTIFACTS.mkdir(exist_ok=True)
    for number, page in enumerate(pages):
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"))
        assert page.errors == [], page.errors
        page.close()
