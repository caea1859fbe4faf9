"""A page of a form files once (intake.filed_once): the page's token goes into the row it
filed, under a unique index, so the same page again files nothing, whoever sends it."""

from __future__ import annotations

import intake_factories as factories
import pytest
from sqlalchemy import func, select
from together import at_the_same_instant

from intake.db import transaction
from intake.errors import AlreadyFiled
from intake.filed_once import page_digest
from intake.models import AuditEvent, Case, Message
from intake.service import add_reporter_message, submit_case


def count(session, model) -> int:
    session.rollback()  # a fresh read
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_page_files_one_case_and_keeps_only_a_digest_of_its_token(session, settings):
    factories.submit(session, settings, factories.complaint(page="1764500000-a1.sig"))
    with pytest.raises(AlreadyFiled):
        factories.submit(session, settings, factories.complaint(page="1764500000-a1.sig"))
    session.rollback()
    assert count(session, Case) == 1
    assert count(session, AuditEvent) == 1  # nothing of the second was written
    stored = session.scalar(select(Case.page_hash))
    assert stored == page_digest("1764500000-a1.sig") and "a1" not in stored
    # another page, and drafts without a page (the bot, the API), file as before
    factories.submit(session, settings, factories.complaint(page="1764500000-b2.sig"))
    factories.submit(session, settings, factories.tip())
    factories.submit(session, settings, factories.tip())
    assert count(session, Case) == 4


def test_a_taken_case_number_is_drawn_again_for_a_page_not_filed_yet(
    session, settings, monkeypatch
):
    import intake.submit as submit_module

    taken = factories.submit(session, settings, factories.tip()).case_number
    fresh = taken[:7] + "ZZZZZ-ZZZZZ"
    drawn = iter([taken, fresh])
    monkeypatch.setattr(submit_module, "_new_case_number", lambda _received_on: next(drawn))
    result = factories.submit(session, settings, factories.tip(page="page-1"))
    assert result.case_number == fresh


def test_a_page_files_one_reporter_message(session, session_factory, settings):
    receipt = factories.submit(session, settings).receipt

    def send(page: str | None) -> None:
        with transaction(session_factory) as tx:
            add_reporter_message(tx, settings=settings, receipt=receipt, text="补充：还有小票",
                                 client_key="c", page=page)

    send("page-1")
    with pytest.raises(AlreadyFiled):
        send("page-1")
    send("page-2")
    send(None)
    send(None)
    assert count(session, Message) == 4


def test_two_posts_of_one_page_at_once_file_one_case(session_factory, settings):
    """The second waits for the first's commit and loses; nothing is half written."""
    def file() -> str:
        try:
            with transaction(session_factory) as session:
                submit_case(session, settings=settings,
                            draft=factories.complaint(page="the-same-page"))
        except AlreadyFiled:
            return "already"
        return "filed"

    outcomes = at_the_same_instant(file)
    assert sorted(outcomes) == ["already", "filed"]
    with session_factory() as session:
        assert count(session, Case) == 1
        assert count(session, AuditEvent) == 1
