"""The reporter's side: receipt lookup, domain throttling, thread messages, self-doxxing."""

from __future__ import annotations

from dataclasses import replace

import intake_factories as factories
import pytest
from sqlalchemy import select

from intake.db import transaction
from intake.errors import CaseNotFound, MessageRejected, ReceiptThrottled, SelfDoxxing
from intake.models import AuditEvent, Message, ReceiptLookupFailures
from intake.receipts import new_receipt
from intake.service import add_reporter_message, find_case_by_receipt


def test_the_receipt_finds_the_case_however_it_is_typed(session, settings):
    result = factories.submit(session, settings)
    typed = result.receipt.lower().replace("-", " ")
    view = find_case_by_receipt(session, settings=settings, receipt=typed, client_key="c1")
    assert view.case_number == result.case_number
    assert view.status == "received" and view.status_zh
    assert view.due_on == result.deadline


def test_a_wrong_receipt_raises_case_not_found_and_is_counted(session, settings):
    factories.submit(session, settings)
    with pytest.raises(CaseNotFound):
        find_case_by_receipt(session, settings=settings, receipt=new_receipt(), client_key="c1")
    with pytest.raises(CaseNotFound):
        find_case_by_receipt(session, settings=settings, receipt="hello", client_key="c1")
    session.rollback()
    assert session.scalar(select(ReceiptLookupFailures.failures)) == 2


def test_failed_guesses_are_throttled_per_client_even_after_the_callers_rollback(
    session_factory, settings
):
    settings = replace(settings, receipt_lookups_per_day=3)
    with transaction(session_factory) as session:
        good = factories.submit_case_only(session, settings)
    for _ in range(3):
        with pytest.raises(CaseNotFound), transaction(session_factory) as session:
            find_case_by_receipt(
                session, settings=settings, receipt=new_receipt(), client_key="10.0.0.9"
            )
    # Even the right receipt is refused to this client for the rest of the day...
    with pytest.raises(ReceiptThrottled), transaction(session_factory) as session:
        find_case_by_receipt(session, settings=settings, receipt=good, client_key="10.0.0.9")
    # ...while another client is not affected.
    with transaction(session_factory) as session:
        find_case_by_receipt(session, settings=settings, receipt=good, client_key="10.0.0.10")


def test_the_client_key_is_stored_only_as_a_keyed_hash(session, settings):
    with pytest.raises(CaseNotFound):
        find_case_by_receipt(
            session, settings=settings, receipt=new_receipt(), client_key="203.0.113.77"
        )
    stored = session.scalar(select(ReceiptLookupFailures.client_hash))
    assert "203.0.113.77" not in stored and len(stored) == 64


def test_a_reporter_message_joins_the_thread_and_is_audited(session, settings):
    result = factories.submit(session, settings)
    view = add_reporter_message(
        session,
        settings=settings,
        receipt=result.receipt,
        text="补充：我还保留了小票",
        client_key="c",
    )
    session.commit()
    assert [(m.author, m.text) for m in view.messages] == [("reporter", "补充：我还保留了小票")]
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "reporter_message"))
    assert "小票" not in str(event.detail)


def test_a_message_containing_the_reporters_own_receipt_is_refused(session, settings):
    result = factories.submit(session, settings)
    spelled = "我的回执是 " + " ".join(result.receipt.lower())
    with pytest.raises(SelfDoxxing):
        add_reporter_message(
            session, settings=settings, receipt=result.receipt, text=spelled, client_key="c"
        )
    session.rollback()
    assert session.scalar(select(Message.id)) is None


@pytest.mark.parametrize("text", ["", "   ", "字" * 2001])
def test_an_empty_or_overlong_message_is_refused(session, settings, text):
    result = factories.submit(session, settings)
    with pytest.raises(MessageRejected):
        add_reporter_message(
            session, settings=settings, receipt=result.receipt, text=text, client_key="c"
        )


def test_a_message_with_a_wrong_receipt_is_not_found(session, settings):
    factories.submit(session, settings)
    with pytest.raises(CaseNotFound):
        add_reporter_message(
            session, settings=settings, receipt=new_receipt(), text="你好", client_key="c"
        )


def test_a_failed_lookup_after_a_write_in_the_same_transaction_is_counted_without_deadlock(
    session_factory, settings
):
    from intake.feedback import record_feedback

    with transaction(session_factory) as session:
        record_feedback(session, entry_id="eggs", helpful=True)  # the caller already wrote
        with pytest.raises(CaseNotFound):
            find_case_by_receipt(
                session, settings=settings, receipt=new_receipt(), client_key="busy"
            )
    with session_factory() as session:
        assert session.scalar(select(ReceiptLookupFailures.failures)) == 1


def test_a_failed_lookup_needs_no_second_pooled_connection(db_url, session_factory, settings):
    # Given a pool of one connection, held by the caller's transaction
    from intake.db import make_engine, make_session_factory

    engine = make_engine(db_url, pool_size=1, max_overflow=0, pool_timeout=2)
    try:
        factory = make_session_factory(engine)
        # When a guess fails inside it, the failure is still counted (no pool time-out)
        with factory() as session:
            session.execute(select(1))  # check the only connection out
            with pytest.raises(CaseNotFound):
                find_case_by_receipt(
                    session, settings=settings, receipt=new_receipt(), client_key="pool"
                )
    finally:
        engine.dispose()
    with session_factory() as session:  # (this fixture also empties the tables afterwards)
        assert session.scalar(select(ReceiptLookupFailures.failures)) == 1


def test_a_reporter_can_add_a_photo_later_and_it_is_cleaned(session, settings):
    from intake.models import Attachment

    result = factories.submit(session, settings)
    view = add_reporter_message(
        session,
        settings=settings,
        receipt=result.receipt,
        text="补一张照片",
        attachments=[factories.jpeg()],
        client_key="c",
    )
    session.commit()
    assert view.attachment_count == 1
    attachment = session.scalar(select(Attachment))
    message_id = session.scalar(select(Message.id))
    assert attachment.message_id == message_id
    cleaned = (settings.upload_dir / attachment.cleaned_path).read_bytes()
    assert b"CameraMakerMarker" not in cleaned
