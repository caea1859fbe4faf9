"""The load scripts, small: gunicorn on a private PostgreSQL database, and the bot.

``bench/load.py`` and ``bench/load_bot.py`` are run by hand at full size (5,000 each); this
runs each at a few dozen requests in ``make test`` so the scripts cannot rot, and so the
gunicorn + PostgreSQL path is exercised end to end on every run. Needs PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
POSTGRES = os.environ.get("FOODSAFE_TEST_POSTGRES_URL")

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def run(script: str, *arguments: str) -> str:
    if not POSTGRES:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("FOODSAFE_TEST_POSTGRES_URL must be set under CI=true")
        pytest.skip("PostgreSQL suite off (set FOODSAFE_TEST_POSTGRES_URL)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--postgres", POSTGRES, *arguments],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_a_small_web_load_on_gunicorn_and_postgresql_loses_nothing() -> None:
    out = run("load.py", "--submissions", "40", "--clients", "4", "--workers", "2",
              "--lookups", "10")
    assert "CASES LOST (acknowledged, not stored): 0;" in out and "RESULT: PASS" in out
    assert "statuses: {'200': 40}" in out


def test_a_small_bot_load_sends_a_receipt_for_every_tip() -> None:
    out = run("load_bot.py", "--updates", "70", "--chats", "5")
    assert "receipts sent 10/10" in out and "RESULT: PASS" in out
