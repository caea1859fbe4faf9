"""The shipped base on the development set: the accuracy floors we reached, held."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.faq import default_base
from knowledge.faq.checks import check_loaded
from knowledge.faq.evaluation import OUT_OF_SCOPE, evaluate, held_out_phrasings, read_labelled
from knowledge.faq.loading import load_directory

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "faq_dev.jsonl"

# Floors measured on the development set (see docs/knowledge.md); raise them as the
# search improves, never lower them to make a change pass.
TOP1_FLOOR = 0.96
TOP3_FLOOR = 0.98
DECLINED_FLOOR = 0.96
# The same search asked the entries' own phrasings with them held out of the base: wordings
# written by other hands than the dev set's, so the honest measure of generalisation.
HELD_OUT_TOP1_FLOOR = 0.78
HELD_OUT_TOP3_FLOOR = 0.94
# Ceilings on answering with the WRONG entry (a government health service's wrong answer is
# worse than "did you mean…"): measured 2.73% on the dev set and 12.21% held out; lower
# them as the search improves, never raise them to make a change pass.
WRONG_CEILING = 0.03
HELD_OUT_WRONG_CEILING = 0.125
# The English phrasings (``phrasings_en``, seventh session) held out by the same folds:
# measured 72.7% top 1, 90.4% top 3, 11.6% wrong over 1,493 phrasings when they were added.
HELD_OUT_EN_TOP1_FLOOR = 0.70
HELD_OUT_EN_TOP3_FLOOR = 0.89
HELD_OUT_EN_WRONG_CEILING = 0.125


@pytest.fixture(scope="module")
def dev_metrics() -> dict[str, float | int]:
    return evaluate(default_base(), read_labelled(DEV_SET)).metrics()


def test_dev_set_is_large_enough_and_every_label_names_an_entry() -> None:
    items = read_labelled(DEV_SET)
    ids = {entry.id for entry in default_base().entries()}

    in_scope = [item for item in items if item.expected != OUT_OF_SCOPE]
    assert len(in_scope) >= 300
    assert len(items) - len(in_scope) >= 60
    assert {item.expected for item in in_scope} <= ids


def test_in_scope_questions_are_answered_with_the_right_entry(
    dev_metrics: dict[str, float | int],
) -> None:
    assert dev_metrics["top1"] >= TOP1_FLOOR
    assert dev_metrics["top3"] >= TOP3_FLOOR


def test_few_in_scope_questions_get_a_wrong_answer(dev_metrics: dict[str, float | int]) -> None:
    assert dev_metrics["wrong_answer_rate"] <= WRONG_CEILING


def test_out_of_scope_questions_are_declined(dev_metrics: dict[str, float | int]) -> None:
    assert dev_metrics["out_of_scope_declined"] >= DECLINED_FLOOR


def test_held_out_phrasings_still_find_their_entries() -> None:
    metrics = held_out_phrasings(load_directory().entries).metrics()

    assert metrics["top1"] >= HELD_OUT_TOP1_FLOOR
    assert metrics["top3"] >= HELD_OUT_TOP3_FLOOR
    assert metrics["wrong_answer_rate"] <= HELD_OUT_WRONG_CEILING


def test_held_out_english_phrasings_still_find_their_entries() -> None:
    metrics = held_out_phrasings(load_directory().entries, lang="en").metrics()

    assert metrics["top1"] >= HELD_OUT_EN_TOP1_FLOOR
    assert metrics["top3"] >= HELD_OUT_EN_TOP3_FLOOR
    assert metrics["wrong_answer_rate"] <= HELD_OUT_EN_WRONG_CEILING


def test_shipped_entries_pass_kb_check() -> None:
    loaded = load_directory()
    problems = check_loaded(loaded, default_base())

    assert problems == [], "\n".join(map(str, problems))
