"""The commands, run as a citizen or a script would: the real ``foodsafe`` executable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from faq_factories import FIXTURE_ENTRIES, entry_data, write_topic

FOODSAFE = str(Path(sys.executable).parent / "foodsafe")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FOODSAFE, *args], input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)


def test_ask_jsonl_writes_one_line_per_input_in_order_and_survives_bad_lines(
    tmp_path: Path,
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join([
        json.dumps({"id": "q1", "question": "隔夜菜還能吃嗎"}, ensure_ascii=False),
        "this is not json",
        json.dumps({"id": 7, "question": "明天天气怎么样"}, ensure_ascii=False),
        json.dumps({"id": "q3"}),
        json.dumps({"id": "q4", "question": "木耳和土豆哪个更有营养"}, ensure_ascii=False),
        "[1, 2]",
    ]) + "\n", encoding="utf-8")

    result = _run("ask", "--jsonl", str(questions), "--dir", str(FIXTURE_ENTRIES))

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", None, 7, "q3", "q4", None]
    answered = lines[0]
    assert answered["answered"] is True
    assert answered["entry_id"] == "home-overnight-dishes"
    assert answered["source"] == "国家卫生健康委员会《中国居民膳食指南（2022）》"
    assert answered["answer"].startswith("剩菜要尽快放凉")
    assert 0 < answered["score"] <= 1
    assert answered["suggestions"] == []
    assert "error" in lines[1] and "error" in lines[3] and "error" in lines[5]
    assert lines[2]["answered"] is False and lines[2]["in_scope"] is False
    unsure = lines[4]
    assert unsure["answered"] is False and unsure["entry_id"] is None
    assert unsure["suggestions"] and set(unsure["suggestions"][0]) == {"entry_id", "question"}


def test_ask_jsonl_reads_stdin_and_answers_from_the_shipped_base() -> None:
    stdin = "".join(json.dumps({"id": n, "question": q}, ensure_ascii=False) + "\n"
                    for n, q in enumerate(["食物中毒了怎么办", "今天天气怎么样", "怎么投诉"]))

    result = _run("ask", "--jsonl", "-", stdin=stdin)

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [0, 1, 2]
    assert lines[1]["answered"] is False


def test_ask_prints_the_answer_and_source_for_a_person() -> None:
    result = _run("ask", "隔夜菜还能吃吗", "--dir", str(FIXTURE_ENTRIES))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("剩菜要尽快放凉")
    assert "来源：国家卫生健康委员会《中国居民膳食指南（2022）》" in result.stdout


def test_ask_in_english_declines_an_off_topic_question_saying_what_it_can_do() -> None:
    result = _run("ask", "what's the weather tomorrow", "--lang", "en",
                  "--dir", str(FIXTURE_ENTRIES))

    assert result.returncode == 0
    assert "isn't about food safety" in result.stdout
    assert "complaints" in result.stdout


def test_ask_without_a_question_is_a_usage_error() -> None:
    result = _run("ask")

    assert result.returncode == 2
    assert "QUESTION or --jsonl" in result.stderr


def test_kb_check_passes_a_clean_base_and_fails_with_every_problem_listed(
    tmp_path: Path,
) -> None:
    clean = _run("kb", "check", "--dir", str(FIXTURE_ENTRIES), "--strict")
    write_topic(tmp_path, [entry_data("home-eggs", source=None),
                           entry_data("home-eggs-2", answer="一句话。")])
    broken = _run("kb", "check", "--dir", str(tmp_path))

    assert clean.returncode == 0, clean.stdout
    assert "8 entries in 2 topics" in clean.stdout and "0 problems" in clean.stdout
    assert broken.returncode == 1
    assert "home.yaml: home-eggs: missing source" in broken.stdout
    assert "home.yaml: home-eggs-2: answer has 1 sentences" in broken.stdout


def test_eval_faq_reports_top1_top3_and_declined_rate(tmp_path: Path) -> None:
    labelled = tmp_path / "dev.jsonl"
    labelled.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in [
        {"id": "a", "question": "投诉进度在哪查", "expected": "service-check-progress"},
        {"id": "b", "question": "明天下雨吗", "expected": "out_of_scope"},
        {"id": "c", "question": "给我讲个笑话", "expected": "out_of_scope"},
    ]), encoding="utf-8")

    result = _run("eval-faq", str(labelled), "--json")

    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["in_scope"] + metrics["unknown_labels"] == 1
    assert metrics["out_of_scope"] == 2
    assert metrics["out_of_scope_declined"] == 1.0
    assert {"top1", "top3", "wrong_answer_rate"} <= set(metrics)


def test_eval_faq_skips_a_batch_header_and_names_a_broken_line(tmp_path: Path) -> None:
    labelled = tmp_path / "dev.jsonl"
    labelled.write_text("# batch 99, labelled before any run\n"
                        '{"id": "a", "question": "明天下雨吗", "expected": "out_of_scope"}\n'
                        '{"id": "b", "question": "投诉进度在哪查"}\n', encoding="utf-8")

    result = _run("eval-faq", str(labelled), "--json")

    assert result.returncode == 1
    assert "dev.jsonl: line 3: 'expected' must be a string" in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_jsonl_survives_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_bytes(b'{"id": 1, "question": "\xff\xfe\xe9\x9a\x94\xe5\xa4\x9c\xe8\x8f\x9c"}\n'
                          + '{"id": 2, "question": "明天天气怎么样"}\n'.encode())

    result = _run("ask", "--jsonl", str(questions), "--dir", str(FIXTURE_ENTRIES))

    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]


def test_ask_jsonl_answers_in_the_line_s_lang_or_the_question_s_own_language(
    tmp_path: Path,
) -> None:
    lines_in = [{"id": "en-auto", "question": "can I eat leftovers the next day"},
                {"id": "zh-auto", "question": "隔夜菜还能吃吗"},
                {"id": "en-asked", "question": "隔夜菜还能吃吗", "lang": "en"},
                {"id": "zh-asked", "question": "can I eat leftovers the next day", "lang": "zh"},
                {"id": "bad", "question": "隔夜菜还能吃吗", "lang": "fr"}]
    stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines_in)

    result = _run("ask", "--jsonl", "-", "--dir", str(FIXTURE_ENTRIES), stdin=stdin)

    assert result.returncode == 0, result.stderr
    out = {line["id"]: line for line in map(json.loads, result.stdout.splitlines())}
    english = "Cool leftovers quickly"
    assert out["en-auto"]["answer"].startswith(english)
    assert out["en-auto"]["source"].startswith("National Health Commission of the PRC: ")
    assert out["en-asked"]["answer"].startswith(english)
    assert out["zh-auto"]["answer"].startswith("剩菜要尽快放凉")
    assert out["zh-asked"]["answer"].startswith("剩菜要尽快放凉")
    assert set(out["en-auto"]) == set(out["zh-auto"])  # the output's shape is unchanged
    assert out["bad"] == {"id": "bad", "answered": False, "error": 'lang must be "zh" or "en"'}


def test_kb_check_counts_the_entries_without_english_as_information_not_problems() -> None:
    result = _run("kb", "check", "--dir", str(FIXTURE_ENTRIES))

    assert result.returncode == 0, result.stdout
    assert ("English: 1 of 8 entries have question_en and answer_en (7 without; 0 of the "
            "translated lack the source's authority_en/document_en)") in result.stdout
