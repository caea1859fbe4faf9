"""Normalisation: one place that turns how people type into one comparable form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.text import (
    UnknownWordClass,
    fold_dialect,
    load_dialect,
    normalize,
    original_span,
    synonyms,
    tokenize,
    word_class,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("外賣裡有蟑螂", "外卖里有蟑螂"),
        ("ＡＢＣ超市　的牛奶", "abc超市 的牛奶"),
        ("地🤮沟油", "地沟油"),
        ("地❤️沟油", "地沟油"),
        ("学\u200b校食堂", "学校食堂"),
        ("太气人了！！！！", "太气人了!"),
        ("  多余   的\n\n空白  ", "多余 的 空白"),
        ("乾燥的乾貨", "干燥的干货"),
    ],
)
def test_normalize_folds_traditional_fullwidth_emoji_and_spacing(written, expected):
    assert normalize(written) == expected


def test_normalize_keeps_a_phrase_that_opencc_keeps_whole():
    # 乾隆 is a name: its 乾 is not the 乾 of 乾燥.
    assert normalize("乾隆年间") == "乾隆年间"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_on_any_unicode(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("乾隆著麼於徵餐廳飯館過期後面髮")))
def test_normalize_is_idempotent_on_tricky_traditional_text(text):
    once = normalize(text)
    assert normalize(once) == once


def test_original_span_points_back_at_what_was_typed():
    text = "昨天點的外賣，今天又是外賣"
    assert original_span(text, "外卖") == "外賣"
    assert original_span(text, "外卖", occurrence=1) == "外賣"
    assert original_span(text, "外卖", occurrence=2) is None


def test_tokenize_knows_the_food_safety_and_food_words():
    tokens = tokenize(normalize("苍蝇馆子用地沟油炒车厘子"))
    assert {"苍蝇馆子", "地沟油", "车厘子"} <= set(tokens)


def test_an_english_word_class_is_for_the_rules_not_for_jieba():
    # @foods_en (foods_en.words.txt) names "rice"; in jieba's dictionary it would cut
    # "price" into "p" + "rice".
    assert "rice" in word_class("foods_en")
    assert "price" in tokenize(normalize("what is the price of a permit"))


def test_synonyms_are_data_mapping_dialect_to_the_canonical_word():
    assert "潲水油" in synonyms()["地沟油"]


def test_word_class_reads_a_lexicon_file_and_refuses_an_unknown_one():
    assert "螺蛳粉" in word_class("foods")
    with pytest.raises(UnknownWordClass):
        word_class("no-such-class")
    with pytest.raises(UnknownWordClass):
        word_class("../secrets")


def test_the_shipped_pinyin_table_agrees_with_pypinyin_on_a_sample():
    from pypinyin import Style, pinyin

    from knowledge.text import pinyin_table

    table = pinyin_table()
    assert len(table) > 20_000
    for char in "过期地沟油瘦肉精厂行个其食堂饭店学校农药兽药检疫":
        readings = [r for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0]
                    if r.isascii() and r.isalpha()]
        assert table[char] == tuple(dict.fromkeys(readings)), char


def test_cantonese_function_words_read_as_mandarin():
    fold = fold_dialect()
    folded = fold(normalize("喺街市買嘅豬肉冇蓋章，佢哋話唔使驚"))
    assert folded == "在街市买的猪肉没盖章,他们话不使惊"
    assert fold("没有方言的句子") == "没有方言的句子"


@pytest.mark.parametrize(("text", "problem"), [
    ("[冇]\n", "non-empty mapping"),
    ("冇冇: 没\n", "must fold one character to another"),
    ("冇: 冇\n", "must fold one character to another"),
    ("冇: 没\n没: 无\n", "folded and folded to"),
])
def test_the_dialect_table_refuses_a_broken_fold(tmp_path, text, problem):
    path = tmp_path / "dialect.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_dialect(path)
