"""Shared fixtures: every test starts in English with no language override."""

import pytest

from gc_common import i18n


@pytest.fixture(autouse=True)
def _reset_language(monkeypatch):
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    monkeypatch.setitem(i18n._state, "language", None)


# The browser tests' chromium and tabs: each browser test module defines the
# `server` (a Jupyter server on 127.0.0.1) they open pages on
@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    """One headless Debian chromium (Playwright persistent context) for a module."""
    from jupyter_browser import CHROMIUM, CHROMIUM_FLAGS
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True,
            viewport={"width": 1280, "height": 1400},
        )
        yield context
        context.close()


@pytest.fixture()
def page(browser):
    """A fresh tab that records every URL it requests (``tab.requested``)."""
    tab = browser.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    tab.close()
