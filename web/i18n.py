"""Language: Simplified Chinese first, English when the visitor asks for it.

The choice is a preference cookie holding only ``zh_Hans`` or ``en`` (no identifier), set
by the language switch; everything else renders in Chinese.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request
from flask_babel import get_translations

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


def _translations() -> Any:
    """This request's translations, looked up once rather than for every string."""
    found = g.get("foodsafe_translations")
    if found is None:
        found = g.foodsafe_translations = get_translations()
    return found


def cache_template_translations(app: Flask) -> None:
    """Templates translate through :func:`_translations` (after ``babel.init_app``).

    Flask-Babel finds the request's locale and catalogue again for each of the twenty-odd
    strings on a page, which was half the time of drawing one; the page's language does
    not change while it is drawn.
    """
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
