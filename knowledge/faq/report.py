"""``foodsafe kb report``: what real traffic says about the base.

Questions that found no confident answer show where the base must grow; the helpful/unhelpful
votes per entry show which answers need rewriting. Both are read from the domain's tables
through ``intake.feedback`` so that ``knowledge/`` itself never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import case, func, select


def helpfulness(session: Any) -> list[tuple[str, int, int]]:
    """(entry id, helpful votes, unhelpful votes), least helpful first."""
    from intake.models import FaqFeedback

    helpful = func.sum(case((FaqFeedback.helpful.is_(True), 1), else_=0))
    total = func.count(FaqFeedback.id)
    rows = session.execute(
        select(FaqFeedback.entry_id, helpful, total)
        .group_by(FaqFeedback.entry_id)
        .order_by((helpful * 1.0 / total).asc(), total.desc(), FaqFeedback.entry_id)
    ).all()
    return [(entry_id, int(yes or 0), int(count) - int(yes or 0)) for entry_id, yes, count in rows]


def _field(row: Any, name: str, default: Any = None) -> Any:
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


def print_report(*, limit: int, echo: Callable[[str], None]) -> None:
    """Print the missed questions and the helpfulness table from the configured database."""
    from intake.feedback import miss_report

    from intake.db import make_engine, make_session_factory
    from intake.settings import load_settings

    engine = make_engine(load_settings().database_url)
    try:
        with make_session_factory(engine)() as session:
            misses = list(miss_report(session))[:limit]
            votes = helpfulness(session)
    finally:
        engine.dispose()
    echo(f"未能可靠回答的问题 / questions without a confident answer: {len(misses)}")
    for row in misses:
        count = _field(row, "count", 1)
        best = _field(row, "best_entry_id") or "-"
        score = float(_field(row, "score", 0.0) or 0.0)
        echo(f"  ×{count}  {_field(row, 'question', row)}  (closest: {best}, {score:.2f})")
    echo(f"条目有用率 / helpfulness per entry: {len(votes)} entries with votes")
    for entry_id, yes, no in votes:
        echo(f"  {entry_id}: {yes} helpful, {no} not helpful ({yes / (yes + no):.0%})")
