"""Shared fixtures: every test starts in English with no language override."""

import pytest

from gc_common import i18n


@pytest.fixture(autouse=True)
def _reset_language(monkeypatch):
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    monkeypatch.setitem(i18n._state, "language", None)
