import pytest

from tests.seminar.browser import MISSING, launch


@pytest.fixture
def browser():
    """Headless Debian Chromium (the tests that use it are skipped without one)."""
    if MISSING:
        pytest.skip("needs chromium (apt-get install chromium) and playwright")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
