"""``foodsafe kb report``: missed questions and helpfulness, from the real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from intake.feedback import record_feedback, record_miss
from intake.settings import Keys
from knowledge.faq.report import report_lines

FOODSAFE = str(Path(sys.executable).parent / "foodsafe")


def _traffic(session: Session) -> None:
    for _ in range(2):
        record_miss(session, question="榴莲和牛奶能一起吃吗",
                    best_entry_id="rumours-food-incompatibility", score=0.21)
    record_miss(session, question="螺蛳粉的酸笋臭是坏了吗", best_entry_id=None, score=0.0)
    record_feedback(session, entry_id="home-overnight-dishes", helpful=True)
    record_feedback(session, entry_id="home-overnight-dishes", helpful=False)
    record_feedback(session, entry_id="service-how-to-complain", helpful=True)
    session.commit()


def test_report_lists_missed_questions_by_frequency_and_votes_per_entry(
    session: Session,
) -> None:
    _traffic(session)

    lines = report_lines(session, limit=10)

    assert "questions without a confident answer: 2" in lines[0]
    assert lines[1].startswith("  ×2  榴莲和牛奶能一起吃吗")
    assert "rumours-food-incompatibility, 0.21" in lines[1]
    assert "螺蛳粉的酸笋臭是坏了吗" in lines[2] and "closest: -" in lines[2]
    assert "  home-overnight-dishes: 1 helpful, 1 not helpful (50%)" in lines
    assert "  service-how-to-complain: 1 helpful, 0 not helpful (100%)" in lines


def test_kb_report_command_reads_the_configured_database(
    session: Session, db_url: str, keys: Keys, tmp_path: Path
) -> None:
    _traffic(session)
    key_file = tmp_path / "keys.json"
    key_file.write_text(keys.to_json(), encoding="utf-8")
    env = {**os.environ, "FOODSAFE_DATABASE_URL": db_url, "FOODSAFE_KEY_FILE": str(key_file)}

    result = subprocess.run([FOODSAFE, "kb", "report"], capture_output=True, text=True,
                            env=env, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    assert "×2  榴莲和牛奶能一起吃吗" in result.stdout
    assert "home-overnight-dishes: 1 helpful, 1 not helpful" in result.stdout
