"""``foodsafe kb report``: what real traffic says about the base.

Questions that found no confident answer show where the base must grow; the helpful/unhelpful
votes per entry show which answers need rewriting. Both come from ``intake.feedback`` so
that ``knowledge/`` itself never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def report_lines(session: Any, *, limit: int) -> list[str]:
    """The report for a person: missed questions, then helpfulness per entry."""
    from intake.feedback import feedback_report, miss_report

    misses = miss_report(session, limit=limit)
    votes = feedback_report(session)
    lines = [f"未能可靠回答的问题 / questions without a confident answer: {len(misses)}"]
    lines += [
        f"  ×{miss.count}  {miss.question}  "
        f"(closest: {miss.best_entry_id or '-'}, {miss.best_score:.2f})"
        for miss in misses
    ]
    lines.append(f"条目有用率 / helpfulness per entry: {len(votes)} entries with votes")
    lines += [
        f"  {line.entry_id}: {line.helpful} helpful, {line.unhelpful} not helpful "
        f"({line.helpful / max(line.helpful + line.unhelpful, 1):.0%})"
        for line in votes
    ]
    return lines


def print_report(*, limit: int, echo: Callable[[str], None]) -> None:
    """Print the report from the configured database."""
    from intake.db import make_engine, make_session_factory
    from intake.settings import load_settings

    engine = make_engine(load_settings().database_url)
    try:
        with make_session_factory(engine)() as session:
            lines = report_lines(session, limit=limit)
    finally:
        engine.dispose()
    for line in lines:
        echo(line)
