"""Possible duplicates are linked, never merged; professional claimants are only flagged."""

from __future__ import annotations

import logging
import threading
import time
import uuid

import intake_factories as factories
import pytest
from sqlalchemy import func, select, text, update

from intake import duplicates, service
from intake.abuse import demands_compensation
from intake.db import transaction
from intake.drafts import ContactDetails, ReporterIdentity
from intake.duplicate_linker import link_all, start_background, stop_background
from intake.models import AbuseFlag, AuditEvent, Case, DuplicateLink
from intake.pseudonyms import PATTERN, contact_pseudonym, pseudonym
from intake.routing.router import default_router
from knowledge.text import normalize, tokenize


def test_similar_cases_about_the_same_business_are_linked_not_merged(session, settings):
    first = factories.submit(session, settings, factories.complaint())
    second = factories.submit(
        session,
        settings,
        factories.complaint(
            business_name="老王川菜館",  # traditional form of the same name
            text="幸福路老王川菜馆的凉拌菜吃了以后全家都腹泻了，要求退款",
        ),
    )
    assert session.scalar(select(func.count(Case.id))) == 2
    link = session.scalar(select(DuplicateLink))
    numbers = dict(session.execute(select(Case.id, Case.case_number)).all())
    assert {numbers[link.case_id], numbers[link.other_case_id]} == {
        first.case_number,
        second.case_number,
    }
    handler = factories.staff(session, settings, bureau=first.decision.lead)
    view = service.view_case(
        session, settings=settings, actor=handler, case_number=first.case_number
    )
    assert [number for number, _score in view.duplicates] == [second.case_number]


def test_different_businesses_or_different_stories_are_not_linked(session, settings):
    factories.submit(session, settings, factories.complaint())
    factories.submit(session, settings, factories.complaint(business_name="好味炸鸡"))
    factories.submit(
        session,
        settings,
        factories.complaint(text="老王川菜馆的发票开错了金额，拒绝重开，服务员态度恶劣"),
    )
    assert session.scalar(select(func.count(DuplicateLink.id))) == 0


def test_closed_cases_are_not_linked(session, settings):
    first = factories.submit(session, settings, factories.complaint())
    handler = factories.staff(session, settings, bureau=first.decision.lead)
    args = {"settings": settings, "actor": handler, "case_number": first.case_number}
    service.reject_case(session, reason="已调解完毕", **args)
    service.close_case(session, **args)
    session.commit()
    factories.submit(session, settings, factories.complaint())
    assert session.scalar(select(func.count(DuplicateLink.id))) == 0


def test_many_compensation_complaints_against_many_businesses_are_flagged_not_refused(
    session, settings
):
    claimant = ReporterIdentity("telegram", "555")
    shops = ["甲超市", "乙超市", "丙便利店", "丁商行", "戊食品店"]
    for shop in shops:
        factories.submit(
            session,
            settings,
            factories.complaint(
                channel="telegram",
                business_name=shop,
                text=f"{shop}销售的进口饼干没有中文标签，要求退一赔十",
            ),
            reporter=claimant,
        )
    assert session.scalar(select(func.count(Case.id))) == 5  # every complaint went through
    assert set(session.scalars(select(Case.status))) == {"received"}
    flag = session.scalar(select(AbuseFlag))
    assert flag.evidence["complaints"] == 5 and flag.evidence["businesses"] == 5
    handler = factories.staff(session, settings, role="coordinator", bureau="fso")
    assert all(item.reporter_flagged for item in service.list_queue(session, actor=handler))


def test_an_ordinary_complainant_is_not_flagged(session, settings):
    person = ReporterIdentity("telegram", "777")
    for shop in ["甲超市", "乙超市"]:
        factories.submit(
            session,
            settings,
            factories.complaint(channel="telegram", business_name=shop),
            reporter=person,
        )
    assert session.scalar(select(AbuseFlag.id)) is None


def test_compensation_demands_are_recognised_in_chinese_and_english():
    assert demands_compensation("要求十倍赔偿")
    assert demands_compensation("退一赔三")
    assert demands_compensation("I want compensation")
    assert not demands_compensation("希望商家改进卫生")


def test_a_flag_is_reviewed_by_a_senior_and_the_cases_stay_as_they_are(session, settings):
    from intake.abuse import flagged_reporters, mark_flag_reviewed
    from intake.errors import NotAllowed

    claimant = ReporterIdentity("telegram", "556")
    for shop in ["甲超市", "乙超市", "丙便利店", "丁商行", "戊食品店"]:
        factories.submit(
            session,
            settings,
            factories.complaint(channel="telegram", business_name=shop, text=f"{shop}要求十倍赔偿"),
            reporter=claimant,
        )
    handler = factories.staff(session, settings, bureau="samr")
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    with pytest.raises(NotAllowed):
        flagged_reporters(session, actor=handler)
    (flag,) = flagged_reporters(session, actor=coordinator)
    assert not flag.reviewed
    reviewed = mark_flag_reviewed(session, actor=coordinator, pseudonym=flag.pseudonym)
    assert reviewed.reviewed
    assert set(session.scalars(select(Case.status))) == {"received"}


def serial_web_complaints(session, settings, phones):
    shops = ["甲超市", "乙超市", "丙便利店", "丁商行", "戊食品店"]
    return [
        factories.submit(
            session,
            settings,
            factories.complaint(
                channel="web",
                business_name=shop,
                text=f"{shop}销售的进口饼干没有中文标签，要求退一赔十",
                contact=ContactDetails(phone=phone),
            ),
        )
        for shop, phone in zip(shops, phones, strict=True)
    ]


def test_a_serial_web_complainant_is_flagged_by_a_keyed_hash_of_their_contact(session, settings):
    # The same phone written five ways is one person; none of the complaints is refused.
    phones = ["13912345678", "139 1234 5678", "+86 139-1234-5678", "008613912345678", "13912345678"]
    results = serial_web_complaints(session, settings, phones)
    assert {r.pseudonym for r in results} == {results[0].pseudonym}
    assert set(session.scalars(select(Case.status))) == {"received"}
    flag = session.scalar(select(AbuseFlag))
    assert flag.pseudonym == results[0].pseudonym
    assert flag.evidence["complaints"] == 5 and flag.evidence["businesses"] == 5
    assert "13912345678" not in flag.pseudonym
    stored = {str(value) for value in session.execute(select(Case.reporter_pseudonym)).scalars()}
    assert not any("1391234" in value for value in stored)
    # Five more complaints refresh the flag's counts.
    serial_web_complaints(session, settings, phones)
    session.refresh(flag)
    assert flag.evidence["complaints"] == 10 and flag.evidence["compensation_demands"] == 10


def test_the_contact_pseudonym_is_not_the_platform_pseudonym_of_the_same_digits(settings):
    key = settings.keys.pseudonym_key
    same = ContactDetails(phone="13912345678")
    assert contact_pseudonym(key, same) != pseudonym(key, "telegram", "13912345678")
    assert PATTERN.match(contact_pseudonym(key, same))
    assert contact_pseudonym(key, ContactDetails(email=" Zhang@Example.CN ")) == contact_pseudonym(
        key, ContactDetails(email="zhang@example.cn")
    )


def test_different_contacts_are_different_complainants_and_not_flagged(session, settings):
    phones = [f"1391234567{i}" for i in range(5)]
    results = serial_web_complaints(session, settings, phones)
    assert len({r.pseudonym for r in results}) == 5
    assert session.scalar(select(AbuseFlag.id)) is None


def test_an_anonymous_tip_gets_no_pseudonym_even_with_contact_for_a_reward(session, settings):
    anonymous = factories.submit(session, settings, factories.tip(channel="web"))
    rewarded = factories.submit(
        session,
        settings,
        factories.tip(
            channel="web", contact=ContactDetails(phone="13912345678"), wants_reward=True
        ),
    )
    assert anonymous.pseudonym is None and rewarded.pseudonym is None
    assert set(session.scalars(select(Case.reporter_pseudonym))) == {None}


def test_a_staff_member_sees_the_web_complainants_other_cases_under_one_pseudonym(
    session, settings
):
    results = serial_web_complaints(session, settings, ["13912345678"] * 5)
    coordinator = factories.staff(session, settings, bureau="fso", role="coordinator")
    view = service.view_case(
        session, settings=settings, actor=coordinator, case_number=results[0].case_number
    )
    assert view.reporter_pseudonym == results[0].pseudonym and view.reporter_flagged
    others = session.scalars(
        select(Case.case_number).where(Case.reporter_pseudonym == view.reporter_pseudonym)
    )
    assert set(others) == {r.case_number for r in results}


def test_a_case_is_searched_after_its_commit_and_then_no_longer_waits(session, settings):
    first = factories.submit(session, settings, factories.complaint())
    kept = factories.submit_and_keep(session, settings, factories.complaint())
    # Before the commit the new case waits, unlinked: the search runs once it is committed.
    assert session.scalar(select(func.count(DuplicateLink.id))) == 0
    session.commit()
    waiting = dict(session.execute(select(Case.case_number, Case.duplicates_pending)).all())
    assert waiting == {first.case_number: False, kept.case_number: False}
    assert session.scalar(select(func.count(DuplicateLink.id))) == 1
    # The search is bookkeeping: neither case reads as updated (Open311's updated_datetime).
    times = session.execute(select(Case.created_at, Case.updated_at)).all()
    assert all(created == updated for created, updated in times)


def test_a_case_keeps_its_words_once_compared_and_is_not_cut_again(session, settings):
    first = factories.submit(session, settings, factories.complaint())
    second = factories.submit(session, settings, factories.complaint())
    kept = dict(session.execute(select(Case.case_number, Case.words)).all())
    # The first had nothing to be compared with; the second was, and keeps its words.
    assert kept[first.case_number] is None
    assert kept[second.case_number] == " ".join(tokenize(normalize(factories.complaint().text)))
    session.execute(update(Case).where(Case.case_number == second.case_number)
                    .values(words="完全 不同 的 词"))
    session.commit()
    factories.submit(session, settings, factories.complaint())
    # The third is compared with the second's kept words, not with its text cut again.
    scores = dict(session.execute(
        select(Case.case_number, DuplicateLink.score)
        .join(DuplicateLink, DuplicateLink.other_case_id == Case.id)
    ).all())
    assert second.case_number not in scores and first.case_number in scores


def test_a_savepoint_rolled_back_in_the_filing_transaction_does_not_cancel_the_search(
    session, settings
):
    factories.submit(session, settings, factories.complaint())
    factories.submit_and_keep(session, settings, factories.complaint())
    with pytest.raises(LookupError), session.begin_nested():
        raise LookupError  # any savepoint undone before the commit
    session.commit()
    assert session.scalar(select(func.count(DuplicateLink.id))) == 1


def test_a_case_left_waiting_by_a_process_that_died_is_linked_by_the_next_search(
    session, session_factory, settings
):
    first = factories.submit(session, settings, factories.complaint())
    orphan = factories.submit_and_keep(session, settings, factories.complaint())
    session.info.clear()  # as if the process died between its commit and its search
    session.commit()
    assert session.scalar(select(Case.duplicates_pending).where(
        Case.case_number == orphan.case_number))
    assert session.scalar(select(func.count(DuplicateLink.id))) == 0
    assert link_all(session_factory) == 1
    assert _linked_numbers(session) == [{first.case_number, orphan.case_number}]
    assert link_all(session_factory) == 0  # searched once: a sweep finds nothing left


def _waiting_cases(session, settings, count: int = 2) -> list[str]:
    """Cases filed and committed whose search has not run (as if left to a linker)."""
    numbers = []
    for _ in range(count):
        numbers.append(factories.submit_and_keep(session, settings).case_number)
        session.info.clear()
        session.commit()
    return numbers


def test_two_waiting_cases_searched_in_one_batch_are_linked_once(
    session, session_factory, settings
):
    numbers = _waiting_cases(session, settings)
    assert link_all(session_factory) == 2
    assert _linked_numbers(session) == [set(numbers)]
    audit_counts = session.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == "duplicates_linked")
    ).all()
    assert audit_counts == [{"count": 1}]


def test_a_submission_writes_while_a_linker_compares(
    session, session_factory, settings, monkeypatch
):
    _waiting_cases(session, settings)
    filed: list[str] = []

    def file_one() -> None:
        with transaction(session_factory) as other:
            filed.append(service.submit_case(
                other, settings=settings, draft=factories.complaint()).case_number)
            other.info.clear()  # left to a linker: the point is the write alone

    compare = duplicates._scores_of

    def comparing(*args, **kwargs):
        # SQLite lets one transaction write at a time: a linker that held the write turn
        # while it compared would keep this submission waiting until it committed.
        writer = threading.Thread(target=file_one)
        writer.start()
        writer.join(timeout=10)
        assert filed, "the submission waited for the linker's comparisons"
        return compare(*args, **kwargs)

    monkeypatch.setattr(duplicates, "_scores_of", comparing)
    assert link_all(session_factory) == 2
    monkeypatch.setattr(duplicates, "_scores_of", compare)
    assert link_all(session_factory) == 1  # the case filed meanwhile, in the next batch
    assert len(_linked_numbers(session)) == 3


def test_a_case_searched_elsewhere_while_a_linker_compares_is_not_linked_twice(
    session, session_factory, settings, monkeypatch
):
    first, second = _waiting_cases(session, settings)
    compare = duplicates._scores_of

    def comparing(*args, **kwargs):
        scores = compare(*args, **kwargs)
        # Meanwhile another search (inside a submission's transaction, say) took the
        # second case and linked the pair.
        with transaction(session_factory) as other:
            ids = dict(other.execute(select(Case.case_number, Case.id)).all())
            other.execute(update(Case).where(Case.id == ids[second])
                          .values(duplicates_pending=False))
            other.add(DuplicateLink(case_id=ids[second], other_case_id=ids[first], score=99.0))
        return scores

    monkeypatch.setattr(duplicates, "_scores_of", comparing)
    assert link_all(session_factory) == 1  # the first only: the second was searched
    assert _linked_numbers(session) == [{first, second}]  # once, by the other search
    assert session.scalar(select(func.count(AuditEvent.id))
                          .where(AuditEvent.action == "duplicates_linked")) == 0


def test_cases_behind_a_batch_that_others_searched_are_not_left_waiting(
    session, session_factory, settings, monkeypatch
):
    first, second, third = _waiting_cases(session, settings, count=3)
    compare = duplicates._scores_of

    def comparing(*args, **kwargs):
        scores = compare(*args, **kwargs)
        # Meanwhile another search took both cases this batch read: it searched none itself.
        with transaction(session_factory) as other:
            other.execute(update(Case).where(Case.case_number.in_([first, second]))
                          .values(duplicates_pending=False))
        return scores

    monkeypatch.setattr(duplicates, "_scores_of", comparing)
    assert link_all(session_factory, batch_size=2) == 1  # the third, in the next batch
    assert session.scalars(select(Case.case_number).where(Case.duplicates_pending)).all() == []
    links = _linked_numbers(session)
    assert links and all(third in pair for pair in links)  # searched: linked to the others


def test_the_background_linker_links_after_the_commit(session_factory, settings):
    engine = session_factory.kw["bind"]
    start_background(engine)
    try:
        with transaction(session_factory) as session:
            first = service.submit_case(session, settings=settings, draft=factories.complaint())
        with transaction(session_factory) as session:
            second = service.submit_case(session, settings=settings, draft=factories.complaint())
        deadline = time.monotonic() + 20
        with session_factory() as session:
            while not _linked_numbers(session) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _linked_numbers(session) == [{first.case_number, second.case_number}]
    finally:
        stop_background(engine)


def test_a_failed_search_leaves_the_case_waiting_and_logs_no_text(
    session, session_factory, settings, caplog
):
    factories.submit(session, settings, factories.complaint())
    links = DuplicateLink.__table__
    session.execute(text("DROP TABLE duplicate_links"))  # the search now fails
    session.commit()
    story = factories.complaint().text
    try:
        with caplog.at_level(logging.WARNING):
            second = factories.submit(session, settings, factories.complaint())
        assert session.scalar(select(Case.duplicates_pending).where(
            Case.case_number == second.case_number))
    finally:
        links.create(session_factory.kw["bind"])
    assert link_all(session_factory) == 1  # searched once the fault is gone
    assert "duplicate search failed" in caplog.text
    assert story[:8] not in caplog.text and second.case_number not in caplog.text


def _linked_numbers(session) -> list[set[str]]:
    number = dict(session.execute(select(Case.id, Case.case_number)).all())
    return [{number[a], number[b]} for a, b in session.execute(
        select(DuplicateLink.case_id, DuplicateLink.other_case_id))]


def test_several_duplicates_are_linked_with_their_scores_and_time(session, settings):
    numbers = [factories.submit(session, settings, factories.complaint()).case_number
               for _ in range(3)]
    ids = dict(session.execute(select(Case.case_number, Case.id)).all())
    links = session.execute(
        select(DuplicateLink.other_case_id, DuplicateLink.score, DuplicateLink.created_at)
        .where(DuplicateLink.case_id == ids[numbers[2]])
        .order_by(DuplicateLink.other_case_id)
    ).all()
    assert [other for other, _score, _at in links] == sorted([ids[numbers[0]], ids[numbers[1]]])
    assert all(isinstance(score, float) and 60.0 <= score <= 100.0 for _o, score, _at in links)
    assert all(at is not None for _o, _score, at in links)


def test_two_complaints_about_one_business_at_the_same_moment_are_linked(
    session_factory, settings
):
    # Without the lock the insert takes on PostgreSQL, each searched before the other had
    # committed and neither was linked (42 pairs in 60); SQLite's write lock orders them.
    router = default_router()
    pairs = []
    for trial in range(8):
        shop = f"店{uuid.uuid4().hex[:12]}"
        barrier = threading.Barrier(2)
        numbers: list[str] = []

        def file(n: int, shop: str = shop, barrier: threading.Barrier = barrier,
                 numbers: list[str] = numbers, trial: int = trial) -> None:
            draft = factories.complaint(business_name=shop, contact=ContactDetails(
                phone=f"1390000{trial:02d}{n:02d}"))
            barrier.wait()
            with transaction(session_factory) as session:
                numbers.append(service.submit_case(
                    session, settings=settings, draft=draft, router=router).case_number)

        threads = [threading.Thread(target=file, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pairs.append(set(numbers))
    with session_factory() as session:
        linked = _linked_numbers(session)
    assert all(pair in linked for pair in pairs), f"{sum(p in linked for p in pairs)} of 8"
