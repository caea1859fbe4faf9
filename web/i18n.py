"""Language: Simplified Chinese first, English when the visitor asks for it.

The choice is a preference cookie holding only ``zh_Hans`` or ``en`` (no identifier), set
by the language switch; everything else renders in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, g, request, url_for
from flask_babel import get_translations
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from intake.bureaus import BUREAUS

DEFAULT_LOCALE = "zh_Hans"
LOCALES = ("zh_Hans", "en")
LANG_COOKIE = "lang"


def select_locale() -> str:
    """The request's language, decided once: a page asks for it a dozen times."""
    environ = request.environ
    found: str | None = environ.get(_LOCALE_KEY)
    if found is None:
        wanted = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
        found = environ[_LOCALE_KEY] = wanted if wanted in LOCALES else DEFAULT_LOCALE
    return found


_LOCALE_KEY = "foodsafe.locale"


def is_english() -> bool:
    return select_locale() == "en"


def pick(zh: str, en: str) -> str:
    """The domain's bilingual message in the page's language."""
    return en if is_english() else zh


def bureau_name(code: str) -> str:
    """A bureau's name in the page's language (an unknown code as it is)."""
    found = BUREAUS.get(code)
    return pick(found.name_zh, found.name_en) if found else code


def rule_name(rule_id: str) -> str:
    """A routing rule's name in the page's language, as the rule file gives it (the id
    "food-at-a-business" told a clerk nothing); a rule no longer shipped, by its id."""
    from intake.routing.router import default_router

    try:
        rule = default_router().ruleset.by_id(rule_id)
    except KeyError:
        return rule_id
    return pick(rule.name, rule.name_en) if rule.name else rule_id


def text_lang(text: str) -> str:
    """The HTML ``lang`` of a knowledge-base text: Chinese when it holds any Chinese script
    (an entry not yet translated), English otherwise."""
    return "zh-Hans" if any("\u3400" <= char <= "\u9fff" for char in text) else "en"


# Pages that answer a POST to a path taking no GET, and the page the switch leads to instead
# (a reply's answer at /status/reply: the switch there led to a 405).
_GET_PAGE_OF = {"public.reply": "public.status"}


def language_next() -> str:
    """Where the language switch returns to: this page, or its GET stand-in."""
    found = _GET_PAGE_OF.get(request.endpoint or "")
    return url_for(found) if found else request.path


def listing(items: Iterable[str]) -> str:
    """Items as the page's language lists them: 甲、乙 in Chinese, "A, B" in English."""
    return (", " if is_english() else "、").join(items)


def _translations() -> Any:
    """This request's translations, looked up once rather than for every string."""
    found = g.get("foodsafe_translations")
    if found is None:
        found = g.foodsafe_translations = get_translations()
    return found


def cache_template_translations(app: Flask) -> None:
    """Templates translate through the process's memory of each language's strings.

    Flask-Babel finds the request's locale and catalogue again for each of the twenty-odd
    strings on a page, and Jinja's new-style gettext then wraps and formats each one: that
    was 40% of the time of drawing a receipt page. A page's strings are its template's
    literals, the same for every visitor of a language, so each is translated once.
    """
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(gettext=_remembered_gettext, _=_remembered_gettext)


# Per language: (autoescaped?, string) → its translation, ready to format.
_REMEMBERED: dict[str, dict[tuple[bool, str], str]] = {}
# ... and the strings used without variables, formatted once (``%%`` → ``%``).
_FORMATTED: dict[str, dict[tuple[bool, str], str]] = {}
# Template literals are a few hundred; a bound in case a template ever translates data.
_REMEMBER_AT_MOST = 4096


@pass_eval_context
def _remembered_gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
    """Jinja's new-style ``gettext`` (escaped, always %-formatted), remembered per language.

    It takes the evaluation context, not the template context: Jinja hands a function that
    takes the template context a copy of it, made anew for each call in a block that sets
    a variable (the menu's, the receipt's), which cost more than the translation. The
    language is asked of the request each time: a macro imported from another template
    runs in that template's evaluation context, which Jinja keeps from one request to the
    next, so nothing of one page may be kept on it.
    """
    locale = select_locale()
    key = (eval_ctx.autoescape, string)
    if not variables:
        formatted = _FORMATTED.setdefault(locale, {}).get(key)
        if formatted is not None:
            return formatted
    strings = _REMEMBERED.setdefault(locale, {})
    translated = strings.get(key)
    if translated is None:
        translated = _translations().ugettext(string)
        if eval_ctx.autoescape:
            # A template's own literal or its catalogue translation, never data: trusted
            # as markup exactly as Jinja's new-style gettext trusts it; values are escaped.
            translated = Markup(translated)  # noqa: S704
        _remember(strings, key, translated)
    result: str = translated % variables
    if not variables:
        _remember(_FORMATTED[locale], key, result)
    return result


def _remember(strings: dict[tuple[bool, str], str], key: tuple[bool, str], value: str) -> None:
    if len(strings) < _REMEMBER_AT_MOST:
        strings[key] = value
