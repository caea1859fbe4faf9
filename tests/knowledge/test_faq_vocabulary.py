"""The retrieval vocabulary: synonyms to one canonical term, scope words, homophone repair."""

from __future__ import annotations

from pathlib import Path

from knowledge.faq.spelling import Speller
from knowledge.faq.vocabulary import load_vocabulary
from knowledge.text import normalize


def _vocabulary(tmp_path: Path, synonyms: str, scope: str):  # type: ignore[no-untyped-def]
    (tmp_path / "faq_synonyms.yaml").write_text(synonyms, encoding="utf-8")
    (tmp_path / "scope.yaml").write_text(scope, encoding="utf-8")
    return load_vocabulary([tmp_path / "faq_synonyms.yaml"], tmp_path / "scope.yaml")


def test_every_word_of_a_group_maps_to_its_first_word_even_in_traditional(
    tmp_path: Path,
) -> None:
    vocabulary = _vocabulary(tmp_path, "stopwords: [吗]\ngroups:\n  - [隔夜菜, 剩菜, 剩飯菜]\n",
                             "food_safety: [菜]\n")

    assert vocabulary.synonyms_in(normalize("剩飯菜還能吃嗎")) == ["隔夜菜"]
    assert vocabulary.canonical["剩饭菜"] == "隔夜菜"
    assert "吗" in vocabulary.stopwords


def test_latin_words_match_whole_words_only(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety: [eat]\noff_topic: [weather]\n")

    assert vocabulary.scope_hits("what's the weather like") == 0
    assert vocabulary.off_topic_hits("what's the weather like") == 1
    assert vocabulary.scope_hits("can i eat this") == 1


def test_a_number_beside_chinese_characters_is_still_a_whole_word(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n", "food_safety: [12315]\n")

    assert vocabulary.scope_hits("12315热线几点上班") == 1
    assert vocabulary.scope_hits("打123150") == 0


def test_shipped_vocabulary_loads_with_groups_stopwords_and_scope() -> None:
    vocabulary = load_vocabulary()

    assert vocabulary.canonical["剩菜"] == "隔夜菜"
    assert vocabulary.canonical["complaint"] == "投诉"
    assert vocabulary.off_topic_hits("个人所得税怎么交") >= 1
    assert vocabulary.scope_hits("隔夜菜能吃吗") >= 1


def test_speller_repairs_sound_alike_non_words_but_never_real_words() -> None:
    speller = Speller(["食物中毒", "瘦肉精", "隔夜菜", "冷冻室"])

    assert speller.correct("食物终毒了怎么办") == "食物中毒了怎么办"
    assert speller.correct("瘦肉经是什么") == "瘦肉精是什么"
    assert speller.correct("隔页菜还能吃吗") == "隔夜菜还能吃吗"
    # 冷冻食品 is a dictionary word: its 冷冻食 is not the sound-alike 冷冻室
    assert speller.correct("冷冻食品怎么保存") == "冷冻食品怎么保存"


def test_a_medicine_word_inside_a_food_safety_term_is_not_another_subject(
    tmp_path: Path,
) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety: [农药, 兽药]\noff_topic: [药]\n")

    assert vocabulary.off_topic_hits("青菜上的农药怎么洗") == 0
    assert vocabulary.off_topic_hits("感冒了吃什么药") == 1


def test_a_food_word_inside_a_longer_term_of_another_subject_is_no_food(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety: [糖, 吃, 手机号]\noff_topic: [糖尿病, 手机]\n")

    assert vocabulary.scope_hits("糖尿病人能吃西瓜吗") == 1  # 吃, not the 糖 of 糖尿病
    assert vocabulary.scope_hits("少吃点糖") == 2  # two words (吃糖 would be one word, one food)
    assert vocabulary.scope_hits("留了手机号") == 1  # the longer food term wins
    assert vocabulary.off_topic_hits("留了手机号") == 0


def test_taste_or_price_without_a_safety_concern_is_another_subject(tmp_path: Path) -> None:
    vocabulary = _vocabulary(
        tmp_path, "groups: []\n",
        "food_safety: [肉]\nfood_other_intent: [好吃, 多少钱]\nsafety_concern: [安全, 变质]\n")

    assert vocabulary.asks_other_than_safety("红烧肉怎么做才好吃")
    assert vocabulary.asks_other_than_safety("猪肉多少钱一斤")
    assert not vocabulary.asks_other_than_safety("好吃的肉放了三天变质了吗")
    assert not vocabulary.asks_other_than_safety("隔夜的肉安全吗")


def test_audiences_and_facets_say_how_far_an_entry_is_from_a_question(tmp_path: Path) -> None:
    from knowledge.faq.features import clean, extract

    vocabulary = _vocabulary(
        tmp_path,
        "groups:\n  - [儿童, 孩子, 宝宝]\n  - [成人, 老公]\n  - [投诉, 告]\n  - [举报, 检举]\n",
        "audiences: [儿童, 成人]\nfacets:\n  - [投诉, 举报]\n")

    def named(text: str) -> frozenset[str]:
        return vocabulary.named_in(extract(clean(text), vocabulary))

    assert named("宝宝拉肚子") == {"儿童"}
    assert vocabulary.mismatch(named("宝宝拉肚子"), named("孩子拉肚子")) == 0
    assert vocabulary.mismatch(named("宝宝拉肚子"), named("拉肚子")) == 1
    assert vocabulary.mismatch(named("宝宝拉肚子"), named("老公拉肚子")) == 2
    assert vocabulary.mismatch(named("怎么投诉"), named("检举会保密吗")) == 2
    assert vocabulary.mismatch(named("怎么投诉"), named("会保密吗")) == 0


def test_food_terms_inside_one_word_are_one_food_against_another_subject(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety: [鸡, 蛋, 喝, 酒, 投诉]\nfood_safety_strong: [投诉]\n"
                             "off_topic: [花盆]\n")

    assert vocabulary.scope_hits("鸡蛋壳放花盆里有用吗") == 1  # 鸡蛋壳 is one word
    assert vocabulary.off_topic_hits("鸡蛋壳放花盆里有用吗") == 1
    assert vocabulary.scope_hits("散装酒喝完头疼") == 2  # 散装酒 and 喝完: two words
    assert vocabulary.scope_hits("鸡蛋臭了要投诉") == 3  # the strong term still counts twice


def test_strong_scope_terms_count_twice_against_other_subjects(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety: [菜]\nfood_safety_strong: [投诉]\noff_topic: [电脑]\n")

    assert vocabulary.scope_hits("电脑上怎么填投诉单") == 2
    assert vocabulary.scope_hits("买菜") == 1


def test_a_form_of_question_asks_for_cooking_price_or_shopping_whatever_the_food(
    tmp_path: Path,
) -> None:
    vocabulary = _vocabulary(
        tmp_path, "groups: []\n",
        "food_safety: [肉, 豆角]\nfood_safety_strong: [投诉]\nsafety_concern: [熟透, 少糖]\n"
        "food_other_intent_forms:\n"
        "  - '(怎么|怎样)(做|炒|擀)[^,.!?。;\\s]{0,6}?才(?!算)'\n"
        "  - '(放|加)(多少|几勺)'\n")

    assert vocabulary.asks_other_than_safety("饺子皮怎么擀才圆")
    assert vocabulary.asks_other_than_safety("糖醋排骨要放多少糖")  # 多少糖 is no 少糖
    assert not vocabulary.asks_other_than_safety("豆角怎么炒才熟透")
    assert not vocabulary.asks_other_than_safety("怎么做才能投诉")  # the service is a concern
    assert not vocabulary.asks_other_than_safety("怎样才算吃得均衡")


def test_a_malformed_question_form_names_itself(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(ValueError, match="bad question form"):
        _vocabulary(tmp_path, "groups: []\n", "food_other_intent_forms: ['(怎么']\n")


def test_an_animal_that_eats_outweighs_any_number_of_food_words(tmp_path: Path) -> None:
    vocabulary = _vocabulary(
        tmp_path, "groups: []\n",
        "food_safety: [喝, 牛, 奶, 狗肉]\noff_topic: [天气]\noff_topic_strong: [猫, 狗]\n")

    assert vocabulary.off_topic_hits("猫能喝牛奶吗") > vocabulary.scope_hits("猫能喝牛奶吗")
    assert vocabulary.off_topic_hits("狗肉能吃吗") == 0  # 狗 inside the food term 狗肉
    assert vocabulary.off_topic_hits("天气好吗") == 1


def test_a_concern_is_voiced_by_a_safety_or_service_word_but_not_by_a_quantity(
    tmp_path: Path,
) -> None:
    vocabulary = _vocabulary(tmp_path, "groups: []\n",
                             "food_safety_strong: [投诉]\nsafety_concern: [变质, 少糖]\n")

    assert vocabulary.voices_concern("肉是不是变质了")
    assert vocabulary.voices_concern("怎么投诉饭店")
    assert vocabulary.voices_concern("怎么少糖")
    assert not vocabulary.voices_concern("要放多少糖")
    assert not vocabulary.voices_concern("芒果怎么挑熟的")


def test_a_complaint_about_another_body_s_subject_names_no_food(tmp_path: Path) -> None:
    vocabulary = _vocabulary(
        tmp_path, "groups: []\n",
        "food_safety: [投诉, 肉]\nservice_terms: [投诉]\nother_complaints: [医院, 房东]\n"
        "off_topic: [电脑]\n")

    assert vocabulary.complains_of_another_subject("医院乱收费怎么投诉")
    assert not vocabulary.complains_of_another_subject("医院旁边的饭店卖的肉变质了怎么投诉")
    assert not vocabulary.complains_of_another_subject("电脑上怎么填投诉单")  # the means


def test_a_side_word_names_its_side_only_when_the_question_names_none() -> None:
    from knowledge.faq.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    insider = ["s:内部员工", "w:老板"]
    assert vocabulary.sides_told(insider, frozenset()) == frozenset({"举报"})
    assert vocabulary.sides_told(insider, frozenset({"投诉"})) == frozenset({"投诉"})
    assert vocabulary.sides_told(["w:老板"], frozenset()) == frozenset()
