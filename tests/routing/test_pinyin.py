"""Toneless pinyin read as the rule word it spells: "jiu lou" is 酒楼, "line" stays a line."""

from __future__ import annotations

import pytest

from intake.routing.pinyin import PinyinReader, written_for_reader
from intake.routing.router import Router, default_router, fold

TABLE = {"肚": ("du",), "子": ("zi",), "拉": ("la",),
         "酒": ("jiu",), "楼": ("lou",), "食": ("shi", "si"), "堂": ("tang",),
         "实": ("shi",), "糖": ("tang",), "磷": ("lin",), "鹅": ("e",), "外": ("wai",),
         "卖": ("mai",), "麦": ("mai",), "大": ("da",), "学": ("xue",)}


@pytest.fixture(scope="module")
def router() -> Router:
    return default_router()


def test_a_spelling_with_or_without_spaces_is_read_as_its_word():
    reader = PinyinReader({"酒楼": 1, "大学": 2}, readable=["酒楼", "大学"], table=TABLE)
    assert reader("ate at the jiu lou last night") == "ate at the 酒楼 last night"
    assert reader("the jiulou, the da xue") == "the 酒楼, the 大学"
    assert reader("酒楼") == "酒楼"


def test_a_longer_reading_begun_inside_a_shorter_one_wins():
    # "dou la duzi": 都拉 would leave "duzi" unread; 拉肚子, begun inside it, is longer.
    table = {**TABLE, "都": ("dou",)}
    reader = PinyinReader({"都拉": 1, "拉肚子": 2, "大学": 3},
                          readable=["都拉", "拉肚子", "大学"], table=table)
    assert reader("ren dou la duzi") == "ren dou 拉肚子"
    # With nothing longer begun inside it, the first reading stays.
    assert reader("dou la ren") == "都拉 ren"


def test_only_whole_latin_words_spell_a_word():
    reader = PinyinReader({"酒楼": 1}, readable=["酒楼"], table=TABLE)
    assert reader("jiulous jiulo xjiulou") == "jiulous jiulo xjiulou"


def test_a_spelling_two_rule_words_share_is_not_read():
    # 食堂 and 实糖 are both "shitang": which one the writer meant is a guess.
    reader = PinyinReader({"食堂": 1, "实糖": 2}, readable=["食堂"], table=TABLE)
    assert reader("the shitang") == "the shitang"
    assert "shitang" in reader.ambiguous


def test_a_keyword_and_its_synonym_spelled_alike_are_one_reading():
    # 外麦, the pinyin slip, is a synonym of 外卖: both stand for the same, 外卖 is written.
    reader = PinyinReader({"外卖": 1, "外麦": 1}, readable=["外卖", "外麦"], table=TABLE,
                          preferred=["外卖"])
    assert reader("ordered waimai") == "ordered 外卖"


def test_english_and_unreadable_words_are_left_alone():
    reader = PinyinReader({"磷鹅": 1, "酒楼": 2}, readable=["磷鹅"], table=TABLE,
                          english=["line"])
    assert reader("a line cook at the jiu lou") == "a line cook at the jiu lou"


@pytest.mark.parametrize(
    ("pinyin", "characters"),
    [
        ("the xiaozhang lets a relative run the canteen",
         "the 校长 lets a relative run the canteen"),
        ("kids got sick after lunch at the xiaoxue shitang",
         "kids got sick after lunch at the 小学食堂"),
        ("the yangrou chuan stall outside the xiaoqu gate smells rotten",
         "the 羊肉串 stall outside the 小区 gate smells rotten"),
        ("bought jiangyou on taobao, no label and no date",
         "bought 酱油 on 淘宝, no label and no date"),
    ],
)
def test_a_message_in_pinyin_routes_as_its_characters(router, pinyin, characters):
    read, written = router.route(pinyin), router.route(characters)
    assert (read.lead, read.co) == (written.lead, written.co)


def test_the_pinyin_is_what_decides(router):
    decision = router.route("the xiaozhang lets a relative run the canteen")
    assert decision.lead == "edu"
    assert any(item.keyword == "校长" for item in decision.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "I'm a line cook at a sushi place",
        "the deli on the side of the road has a sale",
        "we had a panting dog, change the mama's bed",
        "the meat was pale and the hake smelled, it made me tule",
        "she said it was fine, just a bit of emo",
    ],
)
def test_english_words_that_spell_pinyin_are_not_read(router, text):
    assert router._pinyin(fold(text)) == fold(text)


def test_a_latin_phrase_of_the_rules_is_kept_whole():
    # "la duzi" is a rule's own phrase; reading its "duzi" as 肚子 would leave "la 肚子",
    # which is neither the phrase nor 拉肚子.
    reader = PinyinReader({"肚子": 1}, readable=["肚子"], table=TABLE, kept=["la duzi"])
    assert reader("had la duzi all night") == "had la duzi all night"
    assert reader("my duzi hurts") == "my 肚子 hurts"


def test_a_latin_word_spelling_characters_of_the_same_rules_is_read_as_them():
    # "waimai" where its rule holds 外卖 too: read as 外卖, which other rules hear as well;
    # "jiu lou" held by a rule that does not hold 酒楼 keeps its own meaning.
    meanings = {"外卖": {("catering", "keyword"), ("ill", "group")},
                "waimai": {("catering", "keyword")},
                "酒楼": {("catering", "keyword")}, "jiu lou": {("ill", "group")}}
    latin = {word: meaning for word, meaning in meanings.items() if word.isascii()}
    assert written_for_reader(latin, meanings, TABLE) == {"waimai"}


def test_takeaway_in_pinyin_is_a_place_for_illness_too(router):
    decision = router.route("ate waimai jiaozi, then la duzi all night")
    assert (decision.lead, decision.co) == ("samr", ("health",))
