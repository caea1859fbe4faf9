"""What a staff transfer stores about the text, so the routing report can learn from it.

Only derived features are kept (the rule words found and the content tokens), never the
reporter's contact; the text itself stays in the case, where access is audited.
"""

from __future__ import annotations

from typing import Any

from intake.routing.router import default_router
from knowledge.text import normalize, stopwords, tokenize

# Tokens kept for the report; single characters and punctuation say nothing useful.
MAX_TOKENS = 60


def _content_tokens(normalized: str) -> list[str]:
    seen: list[str] = []
    for token in tokenize(normalized):
        if (len(token) >= 2 and any(char.isalnum() for char in token) and token not in seen
                and token not in stopwords()):
            seen.append(token)
        if len(seen) >= MAX_TOKENS:
            break
    return seen


def features(text: str) -> dict[str, Any]:
    """The normalised tokens and matched rule words of ``text``, as JSON-ready data.

    Keys: ``tokens`` (distinct content tokens, at most 60), ``keywords`` (rule words the
    router matched), ``rules`` (the rules that fired), ``lead`` (the router's lead).
    """
    normalized = normalize(text)
    decision = default_router().route(text)
    return {
        "tokens": _content_tokens(normalized),
        "keywords": sorted({evidence.keyword for evidence in decision.evidence}),
        "rules": sorted({evidence.rule for evidence in decision.evidence}),
        "lead": decision.lead,
    }
