"""``kb check`` beyond the schema: no two entries answer the same question, and every
phrasing finds its own entry."""

from __future__ import annotations

from pathlib import Path

from faq_factories import FIXTURE_ENTRIES, entry_data, write_topic

from knowledge.faq import KnowledgeBase
from knowledge.faq.checks import check_loaded
from knowledge.faq.loading import load_directory


def _check(directory: Path, *, strict: bool = True) -> list[str]:
    loaded = load_directory(directory)
    return [str(p) for p in check_loaded(loaded, KnowledgeBase(loaded.entries), strict=strict)]


def test_fixture_base_passes_every_check_even_strictly() -> None:
    assert _check(FIXTURE_ENTRIES, strict=True) == []


def test_two_entries_asking_the_same_question_are_flagged(tmp_path: Path) -> None:
    write_topic(tmp_path, [
        entry_data("home-eggs-a"),
        entry_data("home-eggs-b", question="生鸡蛋能直接吃吗",
                   phrasings=["土豆发芽能吃吗", "木耳泡久了有毒吗", "冻肉怎么化冻"]),
    ])

    problems = _check(tmp_path)

    assert any("home-eggs-a: asks the same question as home-eggs-b" in p for p in problems), \
        problems


def test_phrasing_that_finds_another_entry_is_flagged(tmp_path: Path) -> None:
    write_topic(tmp_path, [
        entry_data("home-eggs"),
        entry_data("home-potatoes", question="发芽的土豆能吃吗？",
                   phrasings=["土豆长芽了还能吃不", "马铃薯发青有毒吗",
                              "生鸡蛋拌饭溏心蛋可以生吃吗"]),
    ])

    problems = _check(tmp_path)

    assert any("home-potatoes: '生鸡蛋拌饭溏心蛋可以生吃吗' finds home-eggs instead" in p
               for p in problems), problems


def test_english_phrasing_that_finds_another_entry_is_flagged(tmp_path: Path) -> None:
    english = {"question_en": "Can I eat raw eggs?",
               "answer_en": "Cook eggs through before eating them. Raw eggs carry Salmonella."}
    write_topic(tmp_path, [
        entry_data("home-eggs", **english,
                   phrasings_en=["raw egg ok to eat", "runny yolk safe", "eggs raw fine"]),
        entry_data("home-potatoes", question="发芽的土豆能吃吗？",
                   phrasings=["土豆长芽了还能吃不", "马铃薯发青有毒吗", "土豆皮发绿能吃吗"],
                   answer="发芽或发青的土豆含龙葵素。少量芽眼要挖干净，大面积发青就扔掉。",
                   question_en="Can I eat sprouted potatoes?",
                   answer_en="Sprouted or green potatoes hold solanine. "
                             "Throw badly green ones away.",
                   phrasings_en=["green potato safe", "potato with sprouts", "can i eat raw eggs"]),
    ])

    problems = _check(tmp_path)

    assert any("home-potatoes: 'can i eat raw eggs' finds home-eggs instead" in p
               for p in problems), problems
    assert not any("'green potato safe'" in p for p in problems), problems


def test_english_phrasing_with_another_entrys_english_words_is_flagged(tmp_path: Path) -> None:
    write_topic(tmp_path, [
        entry_data("home-eggs", question_en="Can I eat raw eggs?",
                   answer_en="Cook eggs through before eating them. Raw eggs carry Salmonella.",
                   phrasings_en=["raw egg ok to eat", "runny yolk safe", "eggs raw fine"]),
        entry_data("home-potatoes", question="发芽的土豆能吃吗？",
                   phrasings=["土豆长芽了还能吃不", "马铃薯发青有毒吗", "土豆皮发绿能吃吗"],
                   question_en="Can I eat sprouted potatoes?",
                   answer_en="Sprouted potatoes hold solanine. Throw badly green ones away.",
                   phrasings_en=["green potato safe", "potato with sprouts", "eat raw eggs can i"]),
    ])

    problems = _check(tmp_path, strict=False)

    assert any("home-potatoes: asks the same question as home-eggs: 'eat raw eggs can i'" in p
               for p in problems), problems
    assert not any("'green potato safe'" in p for p in problems), problems
