"""What the assistant says when it answers, is unsure, or is asked about something else.

Chinese first; English for the web and bot when the citizen chose it.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.faq.answer import Suggestion

LANGUAGES = ("zh", "en")

_TEXTS = {
    "zh": {
        "source": "来源：{source}",
        "unsure": "这个问题我不太确定，您是不是想问：",
        "unsure_none": "这个问题我暂时答不上来。",
        "rephrase": "您也可以换个说法再问一次，或拨打12315热线咨询。",
        "out_of_scope": (
            "这个问题不属于食品安全，我没法回答。我是区食品安全助手，可以："
            "解答食品安全和饮食健康问题；受理食品安全投诉；接收违法线索举报（可匿名）；"
            "查询投诉举报的办理进度。"
        ),
    },
    "en": {
        "source": "Source: {source}",
        "unsure": "I'm not sure about this one. Did you mean:",
        "unsure_none": "I can't answer this question yet.",
        "rephrase": "You can also ask in other words, or call the 12315 hotline.",
        "out_of_scope": (
            "That question isn't about food safety, so I can't answer it. I'm the district's "
            "food-safety assistant: I answer food-safety and healthy-eating questions, take "
            "complaints about food, receive tips about violations (anonymous if you wish) and "
            "tell you how a complaint or tip is progressing."
        ),
    },
}


def text(key: str, lang: str = "zh") -> str:
    """One UI string in ``lang`` (Chinese when the language is not supported)."""
    return _TEXTS.get(lang, _TEXTS["zh"])[key]


def answered_message(answer: str, source: str, lang: str = "zh") -> str:
    """The answer followed by its source line."""
    return f"{answer}\n{text('source', lang).format(source=source)}"


def unsure_message(suggestions: Sequence[Suggestion], lang: str = "zh") -> str:
    """The decline that offers the closest questions."""
    if not suggestions:
        return f"{text('unsure_none', lang)}{_gap(lang)}{text('rephrase', lang)}"
    lines = [text("unsure", lang)]
    lines += [f"{number}. {s.question}" for number, s in enumerate(suggestions, start=1)]
    lines.append(text("rephrase", lang))
    return "\n".join(lines)


def out_of_scope_message(lang: str = "zh") -> str:
    """The decline for a question that is not about food safety, saying what we can do."""
    return text("out_of_scope", lang)


def _gap(lang: str) -> str:
    return " " if lang == "en" else ""
