"""Fixtures for the attack and bad-input suites, and the count of inputs each suite tried.

Every suite adds what it fed the system to ``tried`` under its own name; the counts are
printed at the end of the run (and written to ``FOODSAFE_INPUT_COUNTS`` when set) so a
report can quote how much was thrown at the system, not only that the tests passed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

import pytest
from input_counts import TRIED
from web_app_fixtures import app, client, web_settings  # noqa: F401 - fixtures


@pytest.fixture
def tried() -> Counter[str]:
    return TRIED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TRIED:
        return
    terminalreporter.section("inputs tried per suite")
    for suite, count in sorted(TRIED.items()):
        terminalreporter.write_line(f"{suite:<48} {count:>8}")
    target = os.environ.get("FOODSAFE_INPUT_COUNTS")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(dict(TRIED), handle, indent=2, ensure_ascii=False)
