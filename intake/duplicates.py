"""Possible duplicates: open cases about the same business saying much the same thing.

Linked for staff to judge, never merged: two neighbours reporting the same stall are two
reporters, each with their own receipt and their own right to an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningUpdate

from intake import audit
from intake.db import among_ids
from intake.duplicate_index import recent_names
from intake.models import Case, DuplicateLink
from intake.models.columns import utcnow
from intake.sqlite_writers import TurnTakingConnection
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
# Cases searched in one transaction by :func:`link_pending`.
BATCH = 50


def business_key(name: str | None) -> str | None:
    """What two business names are compared as: normalised, without spaces."""
    if not name:
        return None
    key = normalize(name).replace(" ", "")
    return key or None


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """The text's tokens joined by spaces, as a case keeps them (``Case.words``); cached for
    the cases that keep none, as open cases are compared again and again."""
    return " ".join(tokenize(normalize(text)))


@dataclass(frozen=True)
class _Filed:
    """What the search reads of a case filed since the last search (claimed by the batch)."""

    id: int
    business_key: str | None
    text: str
    lead_bureau: str


class Batch(NamedTuple):
    """What one batch reached: the cases it read as waiting and those it searched.

    They differ when another search claimed some of the cases meanwhile; a batch that read
    its full limit may have left more waiting, however few it searched itself.
    """

    read: int
    searched: int


def link_pending(session: Session, *, limit: int = BATCH) -> Batch:
    """Link the cases filed since the last search to their possible duplicates, in one batch.

    Returns how many cases it read as waiting and searched. A submission only marks its
    case as waiting (``duplicates_pending``); this runs after its commit, in a process's
    background linker (:mod:`intake.duplicate_linker`) or a command, so a reporter never
    waits for the search and twenty submissions about one restaurant in an outbreak do not
    queue behind one another's searches.

    The linkers of a database take turns (an advisory lock on PostgreSQL, a lock file on
    SQLite), so each batch sees every case an earlier batch searched. The waiting cases are
    read and compared first, and written last: on SQLite the first write takes the one
    write turn every submission waits for, which is then held for the writes alone, not
    for the comparisons. The writes claim the cases (one still waiting is this batch's,
    whoever else searched it meanwhile, inside a submission's transaction) and read the
    links made so far, so a pair is linked once, by whichever of its two cases is searched
    first: of two cases filed at once, the later search sees the other.
    """
    connection = session.connection()
    _take_linkers_turn(connection)
    queries = _queries(connection.dialect.name)
    waiting = [_Filed(*row) for row in connection.execute(queries.waiting, {"limit": limit})]
    if not waiting:
        return Batch(0, 0)
    recent_names(session).refresh(session)
    cut: dict[int, str] = {}  # the cases' words, cut for a comparison: kept below
    scored = _scores_of(session, waiting, cut)
    owned = set(connection.scalars(queries.claim, {"ids": [case.id for case in waiting]}))
    claimed = [(case, scores) for case, scores in zip(waiting, scored, strict=True)
               if case.id in owned]
    linked = _linked_pairs(connection, sorted(owned)) if owned else set()
    rows: list[dict[str, object]] = []
    found: dict[int, int] = {}
    for case, scores in claimed:
        best = [(other, score) for other, score in scores.items()
                if frozenset((case.id, other)) not in linked][:MAX_LINKS]
        linked.update(frozenset((case.id, other)) for other, _score in best)
        rows.extend({"case_id": case.id, "other_case_id": o, "score": s} for o, s in best)
        if best:
            found[case.id] = len(best)
    kept = [{"case_id": i, "words": w} for i, w in cut.items() if i in owned]
    if kept:
        connection.execute(_KEEP_WORDS, kept)
    if rows:
        connection.execute(_LINKS, rows)
        audit.record_for_cases(session, action="duplicates_linked", actor="system",
                               details={case_id: {"count": n} for case_id, n in found.items()})
    return Batch(len(waiting), len(claimed))


def _take_linkers_turn(connection: Connection) -> None:
    """Wait until no other linker of the database is searching (held to the commit)."""
    if connection.dialect.name == "postgresql":
        connection.execute(_TAKE_TURN)
        return
    dbapi = connection.connection.dbapi_connection
    if isinstance(dbapi, TurnTakingConnection):
        dbapi.take_linkers_turn()


def _scores_of(
    session: Session, cases: list[_Filed], cut: dict[int, str]
) -> list[dict[int, float]]:
    """Each case's open recent cases similar to it (id → 0–100, best first), in order.

    Bounded work whatever the size of the queue: business names are compared first, on the
    names alone (this process's copy of the latest ones, :mod:`intake.duplicate_index`);
    only the few close names (at most 20 open ones a case) have their words loaded, once for
    the whole batch, as bare columns, and compared with the case's words (cut only then, into
    ``cut``: most cases have no close name to compare with). A case that names no business
    is compared with the latest of its lead bureau's cases, on its text alone, with a
    stricter cutoff.
    """
    connection = session.connection()  # the statements are Core's: no ORM rows are made
    queries = _queries(connection.dialect.name)
    recent = {"since": utcnow() - timedelta(days=WINDOW_DAYS)}
    names = recent_names(session)
    candidates: list[dict[int, float | None]] = []
    for case in cases:
        if case.business_key:
            matched = names.matches(
                case.business_key, cutoff=NAME_CUTOFF, limit=NAME_MATCHES, exclude=case.id
            )
            candidates.append(dict(matched))
        else:
            query = {**recent, "case_id": case.id, "lead": case.lead_bureau}
            candidates.append(dict.fromkeys(connection.scalars(queries.same_bureau, query)))
    wanted = {other for scored in candidates for other in scored}
    known: dict[int, str] = {}
    if wanted:
        rows = connection.execute(queries.words, {**recent, "ids": list(wanted)})
        known = {other_id: words or _words(text) for other_id, words, text in rows}
    return [
        _compared(case, scored, known, cut)
        for case, scored in zip(cases, candidates, strict=True)
    ]


def _compared(
    case: _Filed, scored: dict[int, float | None], known: dict[int, str], cut: dict[int, str]
) -> dict[int, float]:
    """The candidates whose texts are close to the case's, scored, best first.

    ``scored`` holds each candidate's name score (None when compared on the text alone);
    ``known`` the open recent cases' words (a closed or old candidate has none); the case's
    own words are cut into ``cut`` when there is a candidate to compare them with.
    """
    chosen = sorted((o for o in scored if o in known), key=lambda o: -(scored[o] or 0.0))
    cutoff = TEXT_CUTOFF if case.business_key else TEXT_ONLY_CUTOFF
    if case.business_key:
        chosen = chosen[:MAX_LINKS]
    found: dict[int, float] = {}
    if chosen and case.id not in cut:
        cut[case.id] = _words(case.text)
    for other_id in chosen:
        text_score = float(fuzz.token_sort_ratio(cut[case.id], known[other_id]))
        if text_score < cutoff:
            continue
        name_score = scored[other_id]
        score = text_score if name_score is None else (name_score + text_score) / 2
        found[other_id] = round(score, 1)
    return dict(sorted(found.items(), key=lambda pair: -pair[1]))


def _linked_pairs(connection: Connection, ids: list[int]) -> set[frozenset[int]]:
    """The pairs already linked that involve one of ``ids``, either way round."""
    rows = connection.execute(_queries(connection.dialect.name).linked, {"ids": ids})
    return {frozenset(pair) for pair in rows}


@dataclass(frozen=True)
class _Queries:
    """The search's statements, built once: building one costs more than running it.

    Each takes ``since`` (the window's start); ``words`` takes ``ids``, ``same_bureau`` the
    case's ``lead`` bureau and its own ``case_id`` (left out).
    """

    words: Select[int, str | None, str]
    same_bureau: Select[int]
    linked: Select[int, int]
    waiting: Select[int, str | None, str, str]
    claim: ReturningUpdate[int]


@cache
def _queries(dialect: str) -> _Queries:
    since = Case.created_at >= bindparam("since")
    return _Queries(
        # A few ids: looked up by primary key on both databases (PostgreSQL otherwise
        # intersects them with every open case in the status index).
        # A case searched with a candidate kept its words; an older one is cut from its text.
        words=select(Case.id, Case.words, Case.text).where(
            among_ids(Case.id, "ids", dialect), _is_open("sqlite"), since
        ),
        same_bureau=select(Case.id)
        .where(
            _is_open(dialect), since, Case.id != bindparam("case_id"),
            Case.lead_bureau == bindparam("lead"),
        )
        .order_by(Case.id.desc())
        .limit(TEXT_ONLY_CANDIDATES),
        linked=select(DuplicateLink.case_id, DuplicateLink.other_case_id).where(
            or_(among_ids(DuplicateLink.case_id, "ids", dialect),
                among_ids(DuplicateLink.other_case_id, "ids", dialect))
        ),
        # The oldest waiting cases, as the search reads them.
        waiting=select(Case.id, Case.business_key, Case.text, Case.lead_bureau)
        .where(Case.duplicates_pending)
        .order_by(Case.id)
        .limit(bindparam("limit", type_=Integer)),
        # Bookkeeping, not a change to the case: its updated_at stays.
        claim=update(Case)
        .where(among_ids(Case.id, "ids", dialect), Case.duplicates_pending)
        .values(duplicates_pending=False, updated_at=Case.updated_at)
        .returning(Case.id),
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


_LINKS = insert(DuplicateLink)
# Bookkeeping, not a change to the case: its updated_at (Open311's updated_datetime) stays.
_KEEP_WORDS = (
    update(Case)
    .where(Case.id == bindparam("case_id"))
    .values(words=bindparam("words"), updated_at=Case.updated_at)
)
# The first key of the PostgreSQL advisory lock linkers take turns by (0: every linker).
LINKER_LOCK = 0x46534450  # "FSDP"
_TAKE_TURN = select(func.pg_advisory_xact_lock(LINKER_LOCK, 0))


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
