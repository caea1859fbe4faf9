"""Properties over any input: never an exception; decoration never changes a decision."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.bureaus import BUREAUS
from intake.routing.router import default_router

EMOJI = st.sampled_from(["😡", "🤮", "❤️", "👍🏻", "🙏", "★", "♥", "\u200d", "\ufe0f", "🇨🇳"])
SAMPLES = [
    "外卖里有头发",
    "学校食堂的饭菜有虫子",
    "村里办酒席吃完拉肚子",
    "农资店卖禁用农药",
    "举报以后老板威胁我",
    "超市卖过期牛奶abc123",
    "楼下烧烤店油烟太大",
    "今天天气不错",
]


def to_fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_string_gets_a_valid_decision(text):
    decision = default_router().route(text)
    assert decision.lead in BUREAUS
    assert set(decision.co) <= set(BUREAUS) and decision.lead not in decision.co
    assert 0.0 <= decision.confidence <= 1.0
    json.dumps(decision.to_json(), ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAMPLES), st.lists(st.tuples(st.integers(0, 40), EMOJI), max_size=6))
def test_adding_emoji_anywhere_does_not_change_the_decision(text, insertions):
    decorated = text
    for position, emoji in insertions:
        at = position % (len(decorated) + 1)
        decorated = decorated[:at] + emoji + decorated[at:]
    plain, fancy = default_router().route(text), default_router().route(decorated)
    assert (fancy.lead, fancy.co, fancy.confidence) == (plain.lead, plain.co, plain.confidence)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(SAMPLES))
def test_fullwidth_forms_do_not_change_the_decision(text):
    plain, wide = default_router().route(text), default_router().route(to_fullwidth(text))
    assert (wide.lead, wide.co, wide.confidence) == (plain.lead, plain.co, plain.confidence)
