"""Student-facing messages in English and Turkish.

Every text a student reads goes through :func:`message`, so one call to
:func:`set_language` (the Turkish notebooks make it in their setup cell)
switches checks, errors, tables and plot labels together. Modules add
their own texts with :func:`register_messages`; a key must come with both
languages, so a missing translation fails at import, not in front of a
student.
"""

import os

LANGUAGES = ("en", "tr")
DEFAULT_LANGUAGE = "en"
# Lets a terminal user or the grader pick the language without code
LANGUAGE_ENV_VAR = "GC_LANG"

_catalog = {}
_state = {"language": None}


def register_messages(messages):
    """Add texts to the catalog.

    Args:
        messages: dict mapping a key to ``{"en": str, "tr": str}``; the
            strings may hold ``str.format`` fields.

    Raises:
        ValueError: a key lacks a language, or is already registered with
            different texts.
    """
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise ValueError(
                f"message {key!r} has no text for {', '.join(missing)}; "
                f"every message needs {', '.join(LANGUAGES)}"
            )
        if key in _catalog and _catalog[key] != texts:
            raise ValueError(f"message {key!r} is registered twice with different texts")
        _catalog[key] = dict(texts)


def set_language(language):
    """Choose the language of every later message.

    Args:
        language: ``"en"`` or ``"tr"`` (case-insensitive).

    Returns:
        The language now in force.
    """
    code = str(language).strip().lower()
    if code not in LANGUAGES:
        raise ValueError(
            f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)} / "
            f"bilinmeyen dil {language!r}; beklenen: {', '.join(LANGUAGES)}"
        )
    _state["language"] = code
    return code


def get_language():
    """Return the language in force: the one set, else ``$GC_LANG``, else English."""
    if _state["language"]:
        return _state["language"]
    env = os.environ.get(LANGUAGE_ENV_VAR, "").strip().lower()
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


def message(key, language=None, /, **fields):
    """Return the text for ``key`` in ``language`` (default: the one in force).

    Args:
        key: a registered message key.
        language: ``"en"``, ``"tr"`` or None for :func:`get_language`.
        **fields: values for the text's ``str.format`` fields.

    Returns:
        The formatted text (str).
    """
    if key not in _catalog:
        raise KeyError(f"no message registered under {key!r}")
    lang = language or get_language()
    return _catalog[key][lang].format(**fields)


def has_message(key):
    """Return True when ``key`` is registered (the grader looks up the checks' hints)."""
    return key in _catalog

