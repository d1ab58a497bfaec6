"""Messages outside Qt (domain reasons, command line, reports) in Chinese or English.

The Qt interface uses `tr()` and `.qm` files; code that must not import Qt says
`t("English text")`, and the Chinese lives beside it in a `register({...})` call.
Chinese is the default, as for the window.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh", "en")
_state = {"lang": "zh"}
_zh: dict[str, str] = {}


def register(catalog: Mapping[str, str]) -> None:
    """Add English → Chinese pairs (called at import by the module that owns them)."""
    _zh.update(catalog)


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    _state["lang"] = lang


def language() -> str:
    return _state["lang"]


def t(text: str, /, **values: object) -> str:
    """`text` in the current language, with `{name}` fields filled from `values`."""
    if _state["lang"] == "zh":
        text = _zh.get(text, text)
    return text.format(**values) if values else text


def has_translation(text: str) -> bool:
    return text in _zh
