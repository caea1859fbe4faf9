"""Language: Simplified Chinese first, English when the visitor asks for it.

The choice is a preference cookie holding only ``zh_Hans`` or ``en`` (no identifier), set
by the language switch; everything else renders in Chinese.
"""

from __future__ import annotations

from flask import request

DEFAULT_LOCALE = "zh_Hans"
LOCALES = ("zh_Hans", "en")
LANG_COOKIE = "lang"


def select_locale() -> str:
    wanted = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    return wanted if wanted in LOCALES else DEFAULT_LOCALE


def is_english() -> bool:
    return select_locale() == "en"


def pick(zh: str, en: str) -> str:
    """The domain's bilingual message in the page's language."""
    return en if is_english() else zh
