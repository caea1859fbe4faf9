"""Submitting cases through the service: routing, deadlines, pseudonyms, contact, files."""

from __future__ import annotations

from datetime import UTC, date, datetime

import intake_factories as factories
import pytest
from sqlalchemy import select

from intake.contacts import open_contact
from intake.drafts import ContactDetails, ReporterIdentity
from intake.errors import AttachmentRejected, ContactRequired, InvalidDraft
from intake.models import Attachment, AuditEvent, Case, Contact
from intake.pseudonyms import pseudonym
from intake.receipts import receipt_hash
from intake.routing.decision import Evidence, RoutingDecision
from intake.service import NewAttachment, submit_case


class FixedRouter:
    def __init__(self, decision: RoutingDecision) -> None:
        self.decision = decision
        self.texts: list[str] = []

    def route(self, text: str) -> RoutingDecision:
        self.texts.append(text)
        return self.decision


def test_a_complaint_is_stored_with_routing_deadline_and_only_a_receipt_hash(session, settings):
    result = factories.submit(session, settings)
    case = session.scalar(select(Case).where(Case.case_number == result.case_number))
    assert case.status == "received"
    assert case.lead_bureau == result.decision.lead
    assert case.routing == result.decision.to_json()
    assert case.receipt_hash == receipt_hash(settings.keys.receipt_key, result.receipt)
    assert result.receipt not in str(case.__dict__)
    assert case.due_limit == "complaint_accept"
    assert case.due_on == result.deadline and result.deadline > case.received_on


def test_the_router_reads_the_text_business_and_place_and_co_bureaus_are_kept(session, settings):
    decision = RoutingDecision(
        lead="edu",
        co=("samr", "edu", "health"),
        confidence=0.9,
        needs_review=False,
        evidence=(Evidence("school-canteen", "(九)", "食堂", "食堂"),),
    )
    router = FixedRouter(decision)
    result = submit_case(
        session, settings=settings, draft=factories.tip(), reporter=None, router=router
    )
    session.commit()
    case = session.scalar(select(Case).where(Case.case_number == result.case_number))
    assert case.lead_bureau == "edu"
    assert case.co_bureaus == ("samr", "health")  # the lead is not its own cooperator
    assert factories.TIP_TEXT in router.texts[0] and "华联超市" in router.texts[0]


def test_a_deadline_counts_working_days_from_the_district_day(session, settings):
    # 23:30 UTC on Friday 13 Feb 2026 is already Saturday 14 Feb in China (a working day).
    now = datetime(2026, 2, 13, 23, 30, tzinfo=UTC)
    result = submit_case(session, settings=settings, draft=factories.complaint(), now=now)
    case = session.scalar(select(Case).where(Case.case_number == result.case_number))
    assert case.received_on == date(2026, 2, 14)
    # 24, 25, 26, 27, 28 (Sat, adjusted) Feb, 2, 3 Mar -> 7th working day is 3 Mar.
    assert result.deadline == date(2026, 3, 3)


def test_a_telegram_reporter_gets_a_pseudonym_and_the_web_gets_none(session, settings):
    identity = ReporterIdentity("telegram", "987654321")
    telegram = factories.submit(session, settings, factories.tip(), reporter=identity)
    web = factories.submit(session, settings, factories.tip(channel="web"))
    expected = pseudonym(settings.keys.pseudonym_key, "telegram", "987654321")
    assert telegram.pseudonym == expected
    assert web.pseudonym is None
    stored = session.scalars(select(Case.reporter_pseudonym).order_by(Case.id)).all()
    assert stored == [expected, None]


def test_a_complaint_without_a_phone_or_email_is_refused(session, settings):
    with pytest.raises(ContactRequired):
        submit_case(session, settings=settings, draft=factories.complaint(contact=None))
    with pytest.raises(ContactRequired):
        submit_case(
            session,
            settings=settings,
            draft=factories.complaint(contact=ContactDetails(name="只有名字")),
        )


@pytest.mark.parametrize("phone, email", [("abc", None), ("138", None), (None, "name@qq"),
                                          ("1" * 16, "微信同号")])
def test_a_contact_that_reaches_no_one_is_no_contact(session, settings, phone, email):
    contact = ContactDetails(name="张三", phone=phone, email=email)
    with pytest.raises(ContactRequired):
        submit_case(session, settings=settings, draft=factories.complaint(contact=contact))


@pytest.mark.parametrize("phone, email", [("+86 138-0013-8000", None), ("010 1234 5678", None),
                                          ("1234567", None), (None, "zhang.san@qq.com")])
def test_phones_and_emails_as_people_type_them_are_contact(session, settings, phone, email):
    contact = ContactDetails(name="张三", phone=phone, email=email)
    factories.submit(session, settings, factories.complaint(contact=contact))
    assert session.scalar(select(Contact.id)) is not None


def test_a_tip_asking_for_a_reward_needs_contact_but_an_anonymous_tip_does_not(session, settings):
    with pytest.raises(ContactRequired):
        submit_case(session, settings=settings, draft=factories.tip(wants_reward=True))
    factories.submit(session, settings, factories.tip())
    assert session.scalar(select(Contact.id)) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "praise"},
        {"channel": "fax"},
        {"text": "   "},
        {"text": "字" * 5001},
        {"business_name": "店" * 201},
    ],
)
def test_malformed_drafts_are_refused_with_invalid_draft(session, settings, changes):
    with pytest.raises(InvalidDraft):
        submit_case(session, settings=settings, draft=factories.tip(**changes))


def test_opted_in_contact_is_sealed_in_its_own_table(session, settings):
    result = factories.submit(session, settings)
    row = session.scalar(select(Contact))
    assert b"13800000000" not in row.ciphertext
    details = open_contact(settings, case_number=result.case_number, ciphertext=row.ciphertext)
    assert details.phone == "13800000000"


def test_an_image_is_stored_cleaned_with_its_original_sealed(session, settings):
    image = factories.jpeg()
    factories.submit(session, settings, factories.tip(attachments=[image]))
    attachment = session.scalar(select(Attachment))
    cleaned = (settings.upload_dir / attachment.cleaned_path).read_bytes()
    sealed = (settings.upload_dir / attachment.original_path).read_bytes()
    assert b"CameraMakerMarker" in image.data
    assert b"CameraMakerMarker" not in cleaned and b"CameraMakerMarker" not in sealed
    assert "IMG_0001" not in str(attachment.__dict__)
    from intake.attachments import read_original

    assert read_original(settings, attachment) == image.data


def test_a_file_that_is_not_an_image_is_refused_before_anything_is_stored(session, settings):
    bad = NewAttachment(filename="x.jpg", content_type="image/jpeg", data=b"MZ\x90\x00 not a jpeg")
    with pytest.raises(AttachmentRejected):
        submit_case(session, settings=settings, draft=factories.tip(attachments=[bad]))
    session.rollback()
    assert session.scalar(select(Case.id)) is None


def test_submission_writes_an_audit_event_without_the_text(session, settings):
    result = factories.submit(session, settings)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "submitted"))
    # A web complaint's reporter is its contact pseudonym, never the contact itself.
    assert event.actor == f"reporter:{result.pseudonym}" and "13800000000" not in event.actor
    assert "老王" not in str(event.detail) and "腹泻" not in str(event.detail)


def test_case_numbers_are_random_not_sequential(session, settings):
    numbers = [factories.submit(session, settings, factories.tip()).case_number for _ in range(5)]
    suffixes = [n.split("-", 1)[1] for n in numbers]
    assert len(set(suffixes)) == 5
    assert sorted(suffixes) != suffixes or sorted(suffixes, reverse=True) != suffixes


def test_a_case_number_already_taken_is_drawn_again(session, settings, monkeypatch):
    import intake.submit as submit_module

    taken = factories.submit(session, settings, factories.tip()).case_number
    fresh = taken[:7] + "ZZZZZ-ZZZZZ"
    drawn = iter([taken, fresh])
    monkeypatch.setattr(submit_module, "_new_case_number", lambda _received_on: next(drawn))
    result = factories.submit(session, settings)
    assert result.case_number == fresh
    numbers = session.scalars(select(Case.case_number).order_by(Case.id)).all()
    assert numbers == [taken, fresh]
    # The contact is sealed to the number the case got, not the one refused.
    row = session.scalar(select(Contact))
    assert open_contact(settings, case_number=fresh, ciphertext=row.ciphertext).phone
