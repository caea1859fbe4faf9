"""Loading and validating the entries files: every mistake is named with its file and entry."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from faq_factories import FIXTURE_ENTRIES, entry_data, write_topic

from knowledge.faq.loading import count_sentences, count_sentences_en, load_directory


def _messages(directory: Path) -> list[str]:
    return [str(problem) for problem in load_directory(directory).problems]


def test_fixture_base_loads_every_entry_with_its_topic_and_source() -> None:
    loaded = load_directory(FIXTURE_ENTRIES)

    assert loaded.problems == []
    assert {topic.code for topic in loaded.topics} == {"home", "service"}
    entry = next(e for e in loaded.entries if e.id == "home-overnight-dishes")
    assert entry.topic == "home"
    assert entry.source.authority == "国家卫生健康委员会"
    assert entry.checked == date(2026, 11, 29)
    assert len(entry.phrasings) >= 3
    assert " " not in entry.answer  # folded YAML lines joined without a blank


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"source": None}, "missing source"),
        ({"source": {"authority": "国家卫生健康委员会"}}, "source needs a non-empty authority"),
        ({"answer": "只有一句话。"}, "answer has 1 sentences"),
        ({"answer": "一。二。三。四。五。六。七。"}, "answer has 7 sentences"),
        ({"phrasings": ["鸡蛋可以生吃不", "溏心蛋安全吗"]}, "needs at least 3 phrasings, has 2"),
        ({"phrasings": ["生鸡蛋能直接吃吗？", "a", "b"]}, "repeats the question itself"),
        ({"id": "Home_Eggs"}, "id must be lower-case letters"),
        ({"checked": "yesterday"}, "checked must be a date"),
        ({"checked": (date.today() + timedelta(days=3)).isoformat()}, "is in the future"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"question": ""}, "question must be a non-empty string"),
        ({"keywords": "鸡蛋"}, "keywords must be a list"),
    ],
)
def test_malformed_entry_is_reported_with_file_and_id(
    tmp_path: Path, overrides: dict[str, object], expected: str
) -> None:
    write_topic(tmp_path, [entry_data("home-eggs", **overrides)])

    messages = _messages(tmp_path)

    assert len(messages) == 1, messages
    assert messages[0].startswith("home.yaml: ")
    assert ("Home_Eggs" if "id" in overrides else "home-eggs") in messages[0]
    assert expected in messages[0]


def test_malformed_entry_is_left_out_but_its_neighbours_load(tmp_path: Path) -> None:
    write_topic(tmp_path, [entry_data("home-good"), entry_data("home-bad", source=None)])

    loaded = load_directory(tmp_path)

    assert [entry.id for entry in loaded.entries] == ["home-good"]


def test_duplicate_id_across_files_is_reported(tmp_path: Path) -> None:
    write_topic(tmp_path, [entry_data("shared-id")], topic="home")
    write_topic(tmp_path, [entry_data("shared-id", question="另一个问题？")], topic="diet")

    messages = _messages(tmp_path)

    assert any("shared-id: duplicate id (also in diet.yaml)" in m for m in messages), messages


def test_invalid_yaml_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("topic: home\nentries: [unclosed\n", encoding="utf-8")

    messages = _messages(tmp_path)

    assert messages and messages[0].startswith("broken.yaml: not valid YAML")


def test_file_without_topic_names_is_reported(tmp_path: Path) -> None:
    (tmp_path / "home.yaml").write_text("topic: home\nentries: []\n", encoding="utf-8")

    messages = _messages(tmp_path)

    assert "home.yaml: topic_name must be a non-empty string" in messages


def test_numeric_keywords_such_as_hotline_numbers_are_read_as_words(tmp_path: Path) -> None:
    write_topic(tmp_path, [entry_data("home-eggs", keywords=[12315, "热线"])])

    loaded = load_directory(tmp_path)

    assert loaded.problems == []
    assert loaded.entries[0].keywords == ("12315", "热线")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [("一。二！三？", 3), ("一。二", 2), ("真的吗？！是的。", 2), ("含3.5克盐。第二句。", 2)],
)
def test_sentences_are_counted_as_a_reader_counts_them(text: str, sentences: int) -> None:
    assert count_sentences(text) == sentences


_ENGLISH = {
    "question_en": "Can I eat raw eggs?",
    "answer_en": "Cook eggs through before eating them. Raw eggs can carry Salmonella.",
}


def test_an_entry_with_english_loads_it_and_one_without_reads_as_chinese(
    tmp_path: Path,
) -> None:
    source = {"authority": "国家卫生健康委员会", "document": "中国居民膳食指南（2022）",
              "authority_en": "National Health Commission of the PRC",
              "document_en": "Chinese Dietary Guidelines (2022)"}
    washing = ["鸡蛋洗不洗", "蛋壳脏要洗吗", "买回的蛋要不要洗"]
    write_topic(tmp_path, [entry_data("home-eggs", source=source, **_ENGLISH),
                           entry_data("home-eggs-2", question="鸡蛋要洗吗？", phrasings=washing)])

    loaded = load_directory(tmp_path)

    assert loaded.problems == []
    english, chinese = loaded.entries
    assert english.has_english and english.source.has_english
    assert english.question_in("en") == "Can I eat raw eggs?"
    assert english.answer_in("en").startswith("Cook eggs through")
    assert english.answer_in("zh").startswith("鸡蛋最好煮熟")
    assert english.source.cite("en") == (
        "National Health Commission of the PRC: Chinese Dietary Guidelines (2022)")
    assert english.source.cite() == "国家卫生健康委员会《中国居民膳食指南（2022）》"
    assert not chinese.has_english and chinese.question_en is None
    assert chinese.question_in("en") == "鸡蛋要洗吗？" and chinese.lang_shown("en") == "zh"
    assert chinese.source.cite("en") == chinese.source.cite()


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ({"question_en": "Can I eat raw eggs?"}, "question_en needs answer_en beside it"),
        ({**_ENGLISH, "answer_en": "Cook eggs through."}, "answer_en has 1 sentences"),
        ({**_ENGLISH, "answer_en": "Cook eggs. " * 7}, "answer_en has 7 sentences"),
        ({**_ENGLISH, "answer_en": "Cook eggs through。Raw eggs carry Salmonella."},
         "answer_en has Chinese outside quoted names"),
        ({**_ENGLISH, "question_en": "生鸡蛋 safe?"}, "question_en has Chinese"),
        ({**_ENGLISH, "answer_en": ""}, "answer_en must be a non-empty string"),
    ],
)
def test_english_must_come_in_pairs_with_two_to_six_sentences_and_no_chinese(
    tmp_path: Path, english: dict[str, str], message: str
) -> None:
    write_topic(tmp_path, [entry_data("home-eggs", **english)])

    loaded = load_directory(tmp_path)

    assert loaded.entries == []
    assert any(message in problem.message for problem in loaded.problems), loaded.problems


def test_chinese_inside_a_quoted_name_and_english_source_names_are_checked(
    tmp_path: Path,
) -> None:
    quoted = {**_ENGLISH, "answer_en": 'Look for the words "生鲜" or “冷冻” on the label. '
                                      "Raw eggs can carry Salmonella."}
    source = {"authority": "国家卫生健康委员会", "document": "食品安全法",
              "document_en": "食品安全法 of the PRC", "publisher": "x"}
    write_topic(tmp_path, [entry_data("home-eggs", **quoted),
                           entry_data("home-eggs-2", source=source)])

    loaded = load_directory(tmp_path)

    assert [entry.id for entry in loaded.entries] == ["home-eggs"]
    messages = {problem.message for problem in loaded.problems}
    assert "source document_en has Chinese outside quoted names: '食品安全法'" in messages
    assert "unknown source key 'publisher'" in messages


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three?", 3),
        ("Keep it below 4.5 °C, e.g. in the fridge. Eat it within 2 days", 2),
        ('He said "stop." Then call 12315.', 2),
        ("Store it cold (below 5 °C.) Eat soon.", 2),
    ],
)
def test_english_sentences_are_counted_as_a_reader_counts_them(text: str, sentences: int) -> None:
    assert count_sentences_en(text) == sentences


def test_english_phrasings_load_beside_the_english_question(tmp_path: Path) -> None:
    phrasings = ["raw egg ok to eat", "is a runny yolk safe", "can u eat eggs raw"]
    write_topic(tmp_path, [entry_data("home-eggs", phrasings_en=phrasings, **_ENGLISH)])

    loaded = load_directory(tmp_path)

    assert loaded.problems == []
    assert loaded.entries[0].phrasings_en == tuple(phrasings)
    assert loaded.entries[0].texts_en() == ("Can I eat raw eggs?", *phrasings)


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ({"phrasings_en": ["raw egg ok", "runny yolk safe", "eggs raw"]},
         "phrasings_en needs question_en beside it"),
        ({**_ENGLISH, "phrasings_en": ["raw egg ok", "runny yolk safe"]},
         "needs at least 3 phrasings_en, has 2"),
        ({**_ENGLISH, "phrasings_en": ["raw egg ok", "Raw egg OK", "eggs raw"]},
         "an English phrasing is repeated"),
        ({**_ENGLISH, "phrasings_en": ["can i eat raw eggs?", "runny yolk safe", "eggs raw"]},
         "an English phrasing repeats question_en itself"),
        ({**_ENGLISH, "phrasings_en": ["生鸡蛋能吃吗 ok", "runny yolk safe", "eggs raw"]},
         "is not mostly Latin letters"),
        ({**_ENGLISH, "phrasings_en": "raw egg ok"}, "phrasings_en must be a list"),
    ],
)
def test_english_phrasings_are_checked(
    tmp_path: Path, english: dict[str, object], message: str
) -> None:
    write_topic(tmp_path, [entry_data("home-eggs", **english)])

    loaded = load_directory(tmp_path)

    assert loaded.entries == []
    assert any(message in problem.message for problem in loaded.problems), loaded.problems
