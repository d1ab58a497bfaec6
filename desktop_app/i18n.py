"""Messages outside Qt (domain reasons, command line, reports) in Chinese or English.

The Qt interface uses `tr()` and `.qm` files; code that must not import Qt says
`t("English text")`, and the Chinese lives beside it in a `register({...})` call.
Chinese is the default, as for the window.

The language is a value of the running context, not of the process: `set_language` sets
the default (the preference at start-up, the command line's `--lang`), and a job that
needs another language says so with `using_language(lang)`, which holds for that context
only (a `ContextVar`). A brief built in English in a worker thread therefore never turns
the window's messages English. New threads do not inherit a context: a worker runs its
job in a copy of the context that started it (`ui/worker.py`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("zh", "en")
_default = {"lang": "zh"}
#: The language of this context when `using_language` set one; None: the default.
_current: ContextVar[str | None] = ContextVar("key_projects_language", default=None)
_zh: dict[str, str] = {}


def register(catalog: Mapping[str, str]) -> None:
    """Add English → Chinese pairs (called at import by the module that owns them)."""
    _zh.update(catalog)


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    return lang


def set_language(lang: str) -> None:
    """The default language of the process: the window's (preference) or the command's.
    Jobs never call this; they use `using_language`."""
    _default["lang"] = _checked(lang)


def language() -> str:
    """The language of the running context (see `using_language`), else the default."""
    return _current.get() or _default["lang"]


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, in this context only; other threads and contexts
    keep theirs, and the previous language comes back on exit (nesting works)."""
    token = _current.set(_checked(lang))
    try:
        yield
    finally:
        _current.reset(token)


def t(text: str, /, **values: object) -> str:
    """`text` in the current language, with `{name}` fields filled from `values`."""
    if language() == "zh":
        text = _zh.get(text, text)
    return text.format(**values) if values else text


def has_translation(text: str) -> bool:
    return text in _zh
