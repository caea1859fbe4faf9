"""The business names of recent cases, kept in each process and topped up by id.

Duplicate search compares a new case's business name with those of recent cases. Reading
hundreds of names from the database for every submission cost more than everything else a
submission does; names never change once filed, so each process keeps them and reads only
the cases filed since its last look (usually none or one row).

Two things can make a process's copy wrong, and both are caught:

- PostgreSQL hands out ids when a case is inserted, not when it is committed, so a case with
  a lower id can become visible after a higher one was read. Ids below the highest seen that
  have not been seen (the gaps) are asked for again, for the last :data:`GAP_WINDOW` ids.
- Rows removed from the table (a test's cleanup, an operator's restore) would leave names
  behind whose ids SQLite hands out again. SQLite reuses no id below the highest row, so
  each top-up also reads the highest known row again: when it is gone or holds another
  case number, the copy is dropped and rebuilt.

Names are matched here; whether a matched case is still open and recent is judged in the
database when its text is read (:mod:`intake.duplicates`).
"""

from __future__ import annotations

import bisect
import threading
import weakref
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process
from sqlalchemy import CompoundSelect, Integer, bindparam, select, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from intake.db import among_ids
from intake.models import Case

# How many of the latest cases (any status) a process keeps names of. The search promises
# the latest 500 open ones; a larger window keeps that promise while most cases are closed.
SIZE = 5000
# How far below the highest id a missing id is still asked for (cases in flight at once).
GAP_WINDOW = 64
# How many cases after the highest a top-up reads at most; when it gets that many, it reads on.
AHEAD = 64


@dataclass
class RecentNames:
    """Ids and business keys (None when the case named no business) of the latest cases."""

    ids: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    known: set[int] = field(default_factory=set)
    # Each distinct key with its ids in id order: names are compared once per business,
    # however many of its cases are kept.
    by_key: dict[str, list[int]] = field(default_factory=dict)
    # The case number of the highest id: if that row is gone or another, rows were removed.
    last_number: str = ""
    # Bumped when the copy is dropped, so a top-up read before that is not merged into it.
    generation: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def highest(self) -> int:
        return self.ids[-1] if self.ids else 0

    def refresh(self, session: Session) -> int:
        """Read the cases filed since the last look; return the highest id now known."""
        while True:
            with self.lock:
                highest, last, generation = self.highest, self.last_number, self.generation
                gaps = [
                    i for i in range(max(1, highest - GAP_WINDOW), highest) if i not in self.known
                ]
            connection = session.connection()
            if highest == 0:
                found = connection.execute(_FIRST_LOOK)
            else:
                # The gaps and the highest known (to check it is unchanged), by id; then the
                # next ids after the highest, in order, at most AHEAD of them.
                found = connection.execute(
                    _top_up(connection.dialect.name),
                    {"ids": [*gaps, highest], "highest": highest, "ahead": AHEAD},
                )
            rows = {case_id: (key, number) for case_id, key, number in found}
            full = highest > 0 and sum(1 for i in rows if i > highest) >= AHEAD
            with self.lock:
                if generation != self.generation:
                    continue  # another thread started afresh meanwhile: read again
                if highest and rows.get(highest, (None, None))[1] != last:
                    self._clear()  # the highest known case is gone: what was known is void
                    continue
                self._add(rows)
                if not full:
                    return self.highest
            # As many cases as asked for came after the highest: more may follow.

    def matches(
        self, name: str, *, cutoff: float, limit: int, exclude: int | None = None
    ) -> list[tuple[int, float]]:
        """(case id, 0–100 name score) of the names close to ``name``, best first.

        Among cases of the same name, the latest first: those are the ones still open.
        """
        scored: list[tuple[int, float]] = []
        with self.lock:
            found = process.extract(
                name, list(self.by_key), scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
            )
            for key, score, _index in found:
                for case_id in reversed(self.by_key[key]):
                    if case_id != exclude:
                        scored.append((case_id, float(score)))
                if len(scored) >= limit:
                    break
        return scored[:limit]

    def _add(self, rows: dict[int, tuple[str | None, str]]) -> None:
        fresh = sorted((i, key or "") for i, (key, _number) in rows.items() if i not in self.known)
        for case_id, key in fresh:
            # A late commit below the highest id goes in its place: the lists stay in id order.
            at = bisect.bisect(self.ids, case_id) if case_id < self.highest else len(self.ids)
            self.ids.insert(at, case_id)
            self.keys.insert(at, key)
            if key:  # a case without a business name matches nothing
                bisect.insort(self.by_key.setdefault(key, []), case_id)
        self.known.update(i for i, _key in fresh)
        if rows and max(rows) >= self.highest:
            self.last_number = rows[max(rows)][1]
        if len(self.ids) > SIZE + SIZE // 4:  # trim in steps, not on every case
            for gone, key in zip(self.ids[:-SIZE], self.keys[:-SIZE], strict=True):
                self.known.discard(gone)
                self._forget(key, gone)
            del self.ids[:-SIZE], self.keys[:-SIZE]

    def _forget(self, key: str, case_id: int) -> None:
        """Drop one of the oldest ids from its key's list (and the key, when it was the last)."""
        kept = self.by_key.get(key)
        if kept is None:
            return
        kept.remove(case_id)
        if not kept:
            del self.by_key[key]

    def _clear(self) -> None:
        self.ids, self.keys, self.known, self.last_number = [], [], set(), ""
        self.by_key = {}
        self.generation += 1


# A first look reads only as many as are kept. A top-up reads the few ids it must check by
# primary key, and the ids after the highest in index order with a limit. Neither may be
# planned as a scan of the whole table: PostgreSQL did that for ``id >= highest`` alone
# while the table had no statistics yet (a new database's first minutes), and for a list
# of every id that might come next (the highest + 1 … + 64) its prepared plan tested all
# of them against every row, the costliest statement of a submission.
_NAMES = select(Case.id, Case.business_key, Case.case_number)
_FIRST_LOOK = _NAMES.order_by(Case.id.desc()).limit(SIZE)


@cache
def _top_up(dialect: str) -> CompoundSelect[int, str | None, str]:
    checked = _NAMES.where(among_ids(Case.id, "ids", dialect))
    after = (
        _NAMES.where(Case.id > bindparam("highest", type_=Integer))
        .order_by(Case.id)
        .limit(bindparam("ahead", type_=Integer))
    )
    return union_all(checked, after.subquery().select())


_BY_ENGINE: weakref.WeakKeyDictionary[Engine, RecentNames] = weakref.WeakKeyDictionary()
_BY_ENGINE_LOCK = threading.Lock()


def recent_names(session: Session) -> RecentNames:
    """This process's names for the database ``session`` is bound to."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with _BY_ENGINE_LOCK:
        names = _BY_ENGINE.get(engine)
        if names is None:
            names = _BY_ENGINE[engine] = RecentNames()
    return names
