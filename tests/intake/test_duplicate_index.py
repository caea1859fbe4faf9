"""Each process's copy of recent business names stays true to the table it copies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from intake.duplicate_index import AHEAD, GAP_WINDOW, recent_names
from intake.models import Case


def _case(case_id: int, business_key: str | None) -> Case:
    return Case(
        id=case_id,
        case_number=f"FS2611-TEST-{case_id:05d}",
        kind="complaint",
        channel="web",
        text="在店里买的面包发霉了",
        business_key=business_key,
        status="received",
        lead_bureau="samr",
        routing={},
        receipt_hash=f"{case_id:064d}",
        received_on=date(2026, 11, 2),
    )


def _matched(session, name: str) -> list[int]:
    names = recent_names(session)
    names.refresh(session)
    return [case_id for case_id, _score in names.matches(name, cutoff=85, limit=20)]


def test_names_filed_since_the_last_look_are_read(session):
    session.add_all([_case(1, "老王川菜馆"), _case(2, "好味炸鸡")])
    session.commit()
    assert _matched(session, "老王川菜馆") == [1]
    session.add(_case(3, "老王川菜馆"))
    session.commit()
    assert sorted(_matched(session, "老王川菜馆")) == [1, 3]


def test_a_case_committed_late_below_the_highest_id_is_still_found(session):
    # PostgreSQL gives out ids at insert time: id 5 can become visible after id 9 was read.
    session.add(_case(9, "好味炸鸡"))
    session.commit()
    assert _matched(session, "老王川菜馆") == []
    session.add(_case(5, "老王川菜馆"))
    session.commit()
    assert _matched(session, "老王川菜馆") == [5]


def test_a_gap_further_back_than_the_window_is_given_up(session):
    session.add(_case(GAP_WINDOW + 10, "好味炸鸡"))
    session.commit()
    _matched(session, "好味炸鸡")
    session.add(_case(2, "老王川菜馆"))
    session.commit()
    assert _matched(session, "老王川菜馆") == []  # the documented bound of the search


def test_removed_rows_are_forgotten_and_reused_ids_read_afresh(session):
    session.add_all([_case(1, "老王川菜馆"), _case(2, "老王川菜馆")])
    session.commit()
    assert sorted(_matched(session, "老王川菜馆")) == [1, 2]
    session.execute(delete(Case))
    session.add(_case(1, "好味炸鸡"))
    session.commit()
    assert _matched(session, "老王川菜馆") == []
    assert _matched(session, "好味炸鸡") == [1]


def test_a_case_without_a_business_name_matches_nothing(session):
    session.add(_case(1, None))
    session.commit()
    assert _matched(session, "老王川菜馆") == []
    assert recent_names(session).highest == 1


def test_a_busy_business_gives_its_latest_cases_then_the_close_names(session):
    # Ids no other test here uses: the copy of an earlier test must not look still valid.
    session.add_all([_case(i, "老王川菜馆") for i in range(101, 131)])
    session.add_all([_case(131, "老王川菜馆分店"), _case(132, "好味炸鸡")])
    session.commit()
    names = recent_names(session)
    names.refresh(session)
    busy = names.matches("老王川菜馆", cutoff=80, limit=20, exclude=130)
    # The latest 20 of its cases (not the oldest), the case itself left out.
    assert [case_id for case_id, _score in busy] == list(range(129, 109, -1))
    close = names.matches("老王川菜馆", cutoff=80, limit=40)
    assert [case_id for case_id, _score in close] == [*range(130, 100, -1), 131]
    assert close[0][1] == 100.0 and close[-1][1] < 100.0


def test_more_cases_than_one_top_up_asks_for_are_all_read(session):
    session.add(_case(201, "老王川菜馆"))
    session.commit()
    assert _matched(session, "老王川菜馆") == [201]
    # Filed by other processes meanwhile: more than one look ahead covers.
    session.add_all([_case(i, "好味炸鸡") for i in range(202, 202 + 2 * AHEAD + 5)])
    session.add(_case(202 + 2 * AHEAD + 5, "老王川菜馆"))
    session.commit()
    assert _matched(session, "老王川菜馆") == [202 + 2 * AHEAD + 5, 201]
    assert recent_names(session).highest == 202 + 2 * AHEAD + 5


def test_a_case_after_a_jump_in_ids_is_found(session):
    # Ids can jump (rolled-back inserts use theirs up): the top-up reads on from the highest,
    # not a fixed run of ids after it.
    session.add(_case(301, "好味炸鸡"))
    session.commit()
    assert _matched(session, "老王川菜馆") == []
    session.add(_case(301 + 10 * AHEAD, "老王川菜馆"))
    session.commit()
    assert _matched(session, "老王川菜馆") == [301 + 10 * AHEAD]
