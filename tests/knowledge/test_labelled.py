"""Labelled sets: a batch's '#' header is skipped, a broken line is named by its number."""

from __future__ import annotations

import pytest

from knowledge.labelled import LabelledSetError, labelled_objects, string_field


def test_comment_and_blank_lines_are_skipped_and_numbers_are_the_file_s() -> None:
    lines = ["# Batch u99, written before any run\n", "\n", '{"text": "查进度"}\n',
             "   # an indented note\n", '{"text": "你好"}']

    assert list(labelled_objects(lines)) == [(3, {"text": "查进度"}), (5, {"text": "你好"})]


@pytest.mark.parametrize(("line", "says"), [
    ('{"text": "查进度",}', "line 2: not JSON"),
    ('["查进度"]', "line 2: not a JSON object"),
    ("查进度", "line 2: not JSON"),
])
def test_a_line_that_is_no_json_object_is_named(line: str, says: str) -> None:
    with pytest.raises(LabelledSetError, match=says):
        list(labelled_objects(['{"text": "ok"}', line]))


def test_a_field_that_is_no_string_is_named() -> None:
    with pytest.raises(LabelledSetError, match="line 7: 'text' must be a string"):
        string_field({"text": 5}, "text", 7)
