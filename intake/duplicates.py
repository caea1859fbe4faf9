"""Possible duplicates: open cases about the same business saying much the same thing.

Linked for staff to judge, never merged: two neighbours reporting the same stall are two
reporters, each with their own receipt and their own right to an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from intake.models import Case, DuplicateLink
from intake.models.columns import utcnow
from intake.workflow import OPEN_STATUSES
from knowledge.text import normalize, tokenize

WINDOW_DAYS = 90
CANDIDATES = 500
TEXT_ONLY_CANDIDATES = 100
NAME_CUTOFF = 85.0
TEXT_CUTOFF = 60.0
TEXT_ONLY_CUTOFF = 85.0
MAX_LINKS = 20


def business_key(name: str | None) -> str | None:
    """What two business names are compared as: normalised, without spaces."""
    if not name:
        return None
    key = normalize(name).replace(" ", "")
    return key or None


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """The text's tokens joined by spaces; cached, as open cases are compared again and again."""
    return " ".join(tokenize(normalize(text)))


@dataclass(frozen=True)
class DuplicateProbe:
    """The search for a new case's duplicates, done before its write transaction locks.

    ``scores`` covers the cases up to id ``seen_up_to``; :func:`link_duplicates` then only
    compares the few cases committed since, so the lock is held for a handful of rows.
    """

    words: str
    scores: dict[int, float]
    seen_up_to: int


def probe_duplicates(session: Session, *, case: Case) -> DuplicateProbe:
    """Score the existing open cases against the (not yet written) ``case``."""
    words = _words(case.text)
    seen: list[int] = []
    scores = _scores(session, case=case, words=words, seen=seen)
    # The newest candidate read; any case after it is searched again inside the lock.
    return DuplicateProbe(words, scores, max(seen, default=0))


def find_duplicates(session: Session, *, case: Case) -> list[tuple[Case, float]]:
    """Open recent cases similar to ``case`` with a 0–100 score, best first."""
    scores = _scores(session, case=case, words=_words(case.text))
    if not scores:
        return []
    others = {other.id: other for other in session.scalars(select(Case).where(Case.id.in_(scores)))}
    return [(others[case_id], score) for case_id, score in scores.items()]


def _scores(
    session: Session,
    *,
    case: Case,
    words: str,
    after_id: int | None = None,
    seen: list[int] | None = None,
) -> dict[int, float]:
    """Case id → 0–100 score of the open recent cases similar to ``case``, best first.

    Bounded work whatever the size of the queue: business names are compared first, on the
    names alone, among the latest ``CANDIDATES`` open cases; only the few close names (at
    most 20) have their texts loaded, as bare columns, and compared with ``words``.
    """
    since = utcnow() - timedelta(days=WINDOW_DAYS)
    query = (
        select(Case.id, Case.business_key)
        .where(_is_open(session), Case.created_at >= since)
        .order_by(Case.id.desc())
        .limit(CANDIDATES)
    )
    if case.id is not None:
        query = query.where(Case.id != case.id)
    if after_id is not None:
        query = query.where(Case.id > after_id)
    scored: dict[int, float | None]
    if case.business_key:
        rows = session.execute(query.where(Case.business_key.is_not(None)))
        names = {case_id: key or "" for case_id, key in rows}
        if seen is not None:
            seen.extend(names)
        scored = {
            case_id: name_score
            for _name, name_score, case_id in process.extract(
                case.business_key,
                names,
                scorer=fuzz.ratio,
                score_cutoff=NAME_CUTOFF,
                limit=MAX_LINKS,
            )
        }
        text_cutoff = TEXT_CUTOFF
    else:
        query = query.where(Case.lead_bureau == case.lead_bureau).limit(TEXT_ONLY_CANDIDATES)
        rows = session.execute(query)
        scored = {case_id: None for case_id, _key in rows}
        if seen is not None:
            seen.extend(scored)
        text_cutoff = TEXT_ONLY_CUTOFF
    if not scored:
        return {}
    found: dict[int, float] = {}
    for other_id, other_text in session.execute(
        select(Case.id, Case.text).where(Case.id.in_(scored))
    ):
        text_score = float(fuzz.token_sort_ratio(words, _words(other_text)))
        if text_score < text_cutoff:
            continue
        name_score = scored[other_id]
        score = text_score if name_score is None else (name_score + text_score) / 2
        found[other_id] = round(score, 1)
    return dict(sorted(found.items(), key=lambda pair: -pair[1]))


def _is_open(session: Session) -> ColumnElement[bool]:
    """The open-status condition, written so that SQLite walks the primary key backwards.

    Through the status index SQLite read every open case and sorted them all for the latest
    ``CANDIDATES`` (1.3 ms at 1,500 open cases, growing with the queue); ``status || ''``
    keeps that index out of the plan, and the backward walk stops at the limit (0.26 ms).
    PostgreSQL's planner chooses well by itself and gets the plain condition.
    """
    if session.get_bind().dialect.name == "sqlite":
        return Case.status.concat("").in_(OPEN_STATUSES)
    return Case.status.in_(OPEN_STATUSES)


def link_duplicates(
    session: Session, *, case: Case, probe: DuplicateProbe | None = None
) -> list[DuplicateLink]:
    """Record a link from ``case`` to each possible duplicate (flushes the case first).

    With ``probe`` (from :func:`probe_duplicates`, before the case was written) only the
    cases committed since the probe are searched here, inside the write transaction.
    """
    session.flush()
    if probe is None:
        scores = _scores(session, case=case, words=_words(case.text))
    else:
        scores = probe.scores | _scores(
            session, case=case, words=probe.words, after_id=probe.seen_up_to
        )
    best = sorted(scores.items(), key=lambda pair: -pair[1])[:MAX_LINKS]
    links = [
        DuplicateLink(case_id=case.id, other_case_id=other_id, score=score)
        for other_id, score in best
    ]
    session.add_all(links)
    return links


def duplicates_of(session: Session, *, case: Case) -> list[tuple[str, float]]:
    """Case numbers linked to ``case`` either way, with their score."""
    rows = session.execute(
        select(DuplicateLink.case_id, DuplicateLink.other_case_id, DuplicateLink.score).where(
            or_(DuplicateLink.case_id == case.id, DuplicateLink.other_case_id == case.id)
        )
    ).all()
    other_ids = {b if a == case.id else a: score for a, b, score in rows}
    if not other_ids:
        return []
    numbered = session.execute(select(Case.id, Case.case_number).where(Case.id.in_(other_ids)))
    numbers = {case_id: number for case_id, number in numbered}
    return sorted(((numbers[i], s) for i, s in other_ids.items()), key=lambda p: -p[1])
