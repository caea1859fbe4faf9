"""Possible duplicates: open cases about the same business saying much the same thing.

Linked for staff to judge, never merged: two neighbours reporting the same stall are two
reporters, each with their own receipt and their own right to an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, Select, bindparam, insert, literal, or_, select
from sqlalchemy.orm import Session

from intake.db import among_ids
from intake.duplicate_index import recent_names
from intake.models import Case, DuplicateLink
from intake.models.columns import utcnow
from intake.workflow import OPEN_STATUSES
from knowledge.text import normalize, tokenize

WINDOW_DAYS = 90
TEXT_ONLY_CANDIDATES = 100
NAME_CUTOFF = 85.0
TEXT_CUTOFF = 60.0
TEXT_ONLY_CUTOFF = 85.0
MAX_LINKS = 20
# Close names read from the process's copy before the open ones among them are kept.
NAME_MATCHES = 3 * MAX_LINKS


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

    scores: dict[int, float]
    seen_up_to: int


def probe_duplicates(session: Session, *, case: Case) -> DuplicateProbe:
    """Score the existing open cases against the (not yet written) ``case``."""
    seen: list[int] = []
    scores = _scores(session, case=case, seen=seen)
    # The newest candidate read; any case after it is searched again inside the lock.
    return DuplicateProbe(scores, max(seen, default=0))


def _scores(
    session: Session,
    *,
    case: Case,
    after_id: int | None = None,
    seen: list[int] | None = None,
) -> dict[int, float]:
    """Case id → 0–100 score of the open recent cases similar to ``case``, best first.

    Bounded work whatever the size of the queue: business names are compared first, on the
    names alone (this process's copy of the latest ones, :mod:`intake.duplicate_index`);
    only the few close names (at most 20 open ones) have their texts loaded, as bare
    columns, and compared with the case's words (cut only then: most cases have no close
    name to compare with). ``after_id`` limits the search to the cases filed after it
    (read from the table itself); ``seen`` receives the highest id searched.
    """
    connection = session.connection()  # the statements are Core's: no ORM rows are made
    queries = _queries(connection.dialect.name)
    recent = {"since": utcnow() - timedelta(days=WINDOW_DAYS), "case_id": case.id or 0}
    if case.business_key:
        scored: dict[int, float | None] = dict(
            _close_names(
                session, case=case, name=case.business_key, after_id=after_id, seen=seen
            )
        )
        text_cutoff = TEXT_CUTOFF
    else:
        query = {**recent, "after": after_id or 0, "lead": case.lead_bureau}
        scored = dict.fromkeys(connection.scalars(queries.same_bureau, query))
        if seen is not None:
            seen.extend(scored)
        text_cutoff = TEXT_ONLY_CUTOFF
    if not scored:
        return {}
    rows = connection.execute(queries.texts, {**recent, "ids": list(scored)})
    texts = {other_id: text for other_id, text in rows}
    # The texts of the closest names (a text-only search compares every candidate).
    chosen = sorted(texts, key=lambda other_id: -(scored[other_id] or 0.0))
    if case.business_key:
        chosen = chosen[:MAX_LINKS]
    found: dict[int, float] = {}
    words = _words(case.text) if chosen else ""
    for other_id in chosen:
        text_score = float(fuzz.token_sort_ratio(words, _words(texts[other_id])))
        if text_score < text_cutoff:
            continue
        name_score = scored[other_id]
        score = text_score if name_score is None else (name_score + text_score) / 2
        found[other_id] = round(score, 1)
    return dict(sorted(found.items(), key=lambda pair: -pair[1]))


def _close_names(
    session: Session,
    *,
    case: Case,
    name: str,
    after_id: int | None,
    seen: list[int] | None,
) -> list[tuple[int, float]]:
    """(case id, name score) of the cases whose business names are close to ``name``.

    From this process's copy of the names, topped up first. Without ``after_id``: among all
    it keeps, open or not (the text query keeps the open recent ones); with it: among the
    few cases filed since, compared one by one.
    """
    names = recent_names(session)
    highest = names.refresh(session, skip=case.id)
    if after_id is None:
        if seen is not None:
            seen.append(highest)
        # Closed and old cases are matched too and dropped with the texts: ask for more.
        return names.matches(name, cutoff=NAME_CUTOFF, limit=NAME_MATCHES, exclude=case.id)
    named = names.named_after(after_id)
    named.pop(case.id or 0, None)
    if seen is not None:
        seen.extend(named)
    return [
        (case_id, float(score))
        for _name, score, case_id in process.extract(
            name, named, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, limit=MAX_LINKS
        )
    ]


@dataclass(frozen=True)
class _Queries:
    """The search's statements, built once: building one costs more than running it.

    Each takes ``since`` (the window's start) and ``case_id`` (the case itself, 0 for one
    not yet written); ``texts`` takes ``ids``, ``same_bureau`` ``after`` (0: from the start).
    """

    texts: Select[int, str]
    same_bureau: Select[int]


@cache
def _queries(dialect: str) -> _Queries:
    recent = (
        _is_open(dialect),
        Case.created_at >= bindparam("since"),
        Case.id != bindparam("case_id"),
    )
    latest_after = (Case.id > bindparam("after"), *recent)
    return _Queries(
        # A few ids: looked up by primary key on both databases (PostgreSQL otherwise
        # intersects them with every open case in the status index).
        texts=select(Case.id, Case.text).where(
            among_ids(Case.id, "ids", dialect), _is_open("sqlite"), *recent[1:]
        ),
        same_bureau=select(Case.id)
        .where(*latest_after, Case.lead_bureau == bindparam("lead"))
        .order_by(Case.id.desc())
        .limit(TEXT_ONLY_CANDIDATES),
    )


def _is_open(dialect: str) -> ColumnElement[bool]:
    """The open-status condition, written so that SQLite walks the primary key backwards.

    Through the status index SQLite read every open case and sorted them all for the latest
    few (1.3 ms at 1,500 open cases, growing with the queue); ``status || ''``
    keeps that index out of the plan, and the backward walk stops at the limit (0.26 ms).
    PostgreSQL's planner chooses well by itself and gets the plain condition. The statuses
    are one bound value each, not an expanding list re-rendered at every execution.
    """
    statuses = [literal(status) for status in OPEN_STATUSES]
    if dialect == "sqlite":
        return Case.status.concat("").in_(statuses)
    return Case.status.in_(statuses)


def link_duplicates(
    session: Session, *, case: Case, probe: DuplicateProbe | None = None
) -> list[tuple[int, float]]:
    """Link ``case`` to each possible duplicate; return (other case id, score), best first.

    With ``probe`` (from :func:`probe_duplicates`, before the case was written) only the
    cases committed since the probe are searched here, inside the write transaction. The
    links are inserted at once, in one statement.
    """
    if case.id is None:
        session.flush()
    if probe is None:
        scores = _scores(session, case=case)
    else:
        scores = probe.scores | _scores(session, case=case, after_id=probe.seen_up_to)
    best = sorted(scores.items(), key=lambda pair: -pair[1])[:MAX_LINKS]
    if best:
        rows = [{"case_id": case.id, "other_case_id": o, "score": score} for o, score in best]
        session.connection().execute(_LINKS, rows)
    return best


_LINKS = insert(DuplicateLink)


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
