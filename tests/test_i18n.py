"""Do messages follow the chosen language, and is every message translated?"""

import importlib
import pkgutil

import pytest

from gc_common import i18n
from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES


@pytest.fixture(scope="module", autouse=True)
def every_helper_imported():
    """Load every helper module, so the catalogue holds every message the course can show
    (each module registers its own on import; a test must not depend on which ran before)."""
    for name in HELPER_MODULES:
        importlib.import_module(name)
    for package in HELPER_PACKAGES:
        path = importlib.import_module(package).__path__
        for module in pkgutil.walk_packages(path, f"{package}."):
            importlib.import_module(module.name)


def test_default_language_is_english():
    assert i18n.get_language() == "en"


def test_environment_variable_chooses_language(monkeypatch):
    monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, "TR")
    assert i18n.get_language() == "tr"


def test_set_language_switches_messages():
    i18n.set_language("tr")
    assert "sayısal" in i18n.message("err.not_numeric", name="x", got="str 'a'")
    i18n.set_language("en")
    assert "numeric" in i18n.message("err.not_numeric", name="x", got="str 'a'")


def test_unknown_language_is_rejected_in_both_languages():
    with pytest.raises(ValueError, match="expected one of en, tr.*beklenen"):
        i18n.set_language("de")


def test_message_without_translation_cannot_be_registered():
    with pytest.raises(ValueError, match="no text for tr"):
        i18n.register_messages({"test.half": {"en": "only English"}})


def test_every_registered_message_has_both_languages():
    for key, texts in i18n._catalog.items():
        assert texts["en"].strip() and texts["tr"].strip(), key
        assert texts["en"] != texts["tr"] or texts["en"].isupper() or len(texts["en"]) < 4, key


def test_unknown_key_is_a_clear_error():
    with pytest.raises(KeyError, match="no message registered"):
        i18n.message("no.such.key")
