"""The user's language: Chinese by default, English with --lang en or KACTL_LANG=en."""

from __future__ import annotations

import os

SUPPORTED = ("zh", "en")
_current: str | None = None


def current() -> str:
    """Return the language in force: the one set by the CLI, else KACTL_LANG, else zh."""
    if _current is not None:
        return _current
    env = os.environ.get("KACTL_LANG", "").strip().lower()[:2]
    return env if env in SUPPORTED else "zh"


def set_current(lang: str | None) -> None:
    global _current
    _current = lang if lang in SUPPORTED else None


def pick(zh: str, en: str, lang: str | None = None) -> str:
    """Return the text for the language in force."""
    return en if (lang or current()) == "en" else zh
