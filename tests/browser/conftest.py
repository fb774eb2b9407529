"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), headless.

On a laptop without Chromium they are skipped; in CI (CI=true) that is a failure.
Screenshots go to artifacts/ (ignored by git) for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page loads are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="th-TH")
    page = context.new_page()
    page.viewport_name = request.param
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"))
    # Chromium reports every Content-Security-Policy violation on the console.
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and errors.append(f"CSP on {message.location.get('url')}: {message.text}")
        ),
    )
    yield page
    context.close()
    assert not errors, errors


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def demo_site(settings):
    """The demo content of `make run` (load_demo refuses without DEBUG)."""
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
