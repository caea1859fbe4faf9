"""The public command line: `foodsafe classify`, `classify --jsonl`, `eval-routing`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from intake.cli import main


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_classify_prints_a_readable_chinese_decision():
    result = run("classify", "外賣裡有蟑螂，吃完拉肚子")
    assert result.exit_code == 0
    assert "牵头单位：区市场监管局（samr）" in result.output
    assert "配合单位：区卫健局（health）" in result.output
    assert "原文“外賣”" in result.output


def test_classify_says_when_nothing_matched():
    result = run("classify", "你好")
    assert "区食安办" in result.output and "需要人工复核：是" in result.output


def test_classify_jsonl_writes_one_line_per_input_line_in_order(tmp_path):
    lines = [
        {"id": 1, "text": "超市卖过其牛奶"},
        {"id": "b", "text": "楼下烧烤店油烟太大"},
        {"id": 3, "text": "今天天气不错"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    result = run("classify", "--jsonl", str(path))
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == [1, "b", 3]
    assert [o["lead"] for o in out] == ["samr", "cle", "fso"]
    first = out[0]
    assert list(first) == ["id", "lead", "lead_name", "co", "confidence", "needs_review",
                           "evidence"]
    assert first["lead_name"] == "区市场监管局"
    assert {"rule": "retail-labels", "clause": "(六)(十七)(十九)", "keyword": "过期",
            "matched": "过其"} in first["evidence"]


def test_classify_jsonl_answers_a_bad_line_with_its_id_and_goes_on():
    stdin = "\n".join([
        '{"id": 1, "text": "外卖里有头发"}',
        '{"id": "broken-2", "text": "unterminated',
        '{"id": 3}',
        '["not", "an", "object"]',
        "",
        '{"id": 6, "text": 42}',
        '{"id": 7, "text": "学校食堂的菜有虫"}',
    ]) + "\n"
    result = run("classify", "--jsonl", "-", stdin=stdin)
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 7
    assert [o["id"] for o in out] == [1, "broken-2", 3, None, None, 6, 7]
    assert [("error" in o) for o in out] == [False, True, True, True, True, True, False]
    assert out[6]["lead"] == "edu"


def test_classify_needs_text_or_a_file():
    result = CliRunner().invoke(main, ["classify"])
    assert result.exit_code == 2


def test_eval_routing_reports_accuracy_precision_recall_and_confusion(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [{"id": "a", "text": "外卖里有头发", "lead": "samr"},
            {"id": "b", "text": "农资店卖禁用农药", "lead": "agri"},
            {"id": "c", "text": "农资店卖禁用农药", "lead": "samr"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    result = run("eval-routing", str(path))
    assert result.exit_code == 0
    assert "lead accuracy: 66.7% (2/3)" in result.output
    assert "samr" in result.output and "confusion" in result.output
    assert "c: want samr, got agri" in result.output
    failing = CliRunner().invoke(main, ["eval-routing", str(path), "--min-accuracy", "0.9"])
    assert failing.exit_code == 1 and "below 90.0%" in failing.output


def test_eval_routing_refuses_a_malformed_labelled_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x", "lead": "mars"}\n', "utf-8")
    result = CliRunner().invoke(main, ["eval-routing", str(path)])
    assert result.exit_code == 1 and "unknown bureau 'mars'" in result.output
    path.write_text('# batch 999, labelled before any run\n{"text": "x", "lead": "samr"}\n'
                    '{"text": "x", "lead": "samr", "co": "health"}\n', "utf-8")
    result = CliRunner().invoke(main, ["eval-routing", str(path)])
    assert result.exit_code == 1 and "line 3: 'co' must be a list" in result.output
