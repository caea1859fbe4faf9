"""Staff administration: administrators only, never the custodian role, never oneself,
every change audited."""

from __future__ import annotations

import intake_factories as factories
import pyotp
import pytest
from sqlalchemy import select

from intake.errors import InvalidStaff, NotAllowed, StaffExists, StaffNotFound
from intake.models import AuditEvent, StaffUser
from intake.staff import authenticate
from intake.staff_admin import change_staff_account, create_staff_account, list_staff_accounts


def _new(session, settings, admin, username="newbie", role="handler"):
    return create_staff_account(
        session, settings=settings, actor=admin, username=username,
        password=factories.PASSWORD, bureau="edu", role=role, display_name="新同事")


@pytest.mark.parametrize("role", ["handler", "lead", "coordinator", "custodian"])
def test_only_an_administrator_lists_creates_or_changes_accounts(session, settings, role):
    someone = factories.staff(session, settings, bureau="fso", role=role)
    other = factories.staff(session, settings, bureau="samr")
    with pytest.raises(NotAllowed):
        list_staff_accounts(session, actor=someone)
    with pytest.raises(NotAllowed):
        _new(session, settings, someone)
    with pytest.raises(NotAllowed):
        change_staff_account(session, actor=someone, user_id=other.id, role="lead")
    assert session.scalar(select(StaffUser).where(StaffUser.username == "newbie")) is None


def test_a_created_account_can_log_in_and_its_creation_is_audited(session, settings):
    admin = factories.staff(session, settings, bureau="fso", role="admin")
    enrolment = _new(session, settings, admin)
    session.commit()
    assert enrolment.username == "newbie"
    assert pyotp.parse_uri(enrolment.totp_uri).secret
    user = authenticate(session, username="newbie", password=factories.PASSWORD)
    assert (user.bureau, user.role, user.active) == ("edu", "handler", True)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "staff_created"))
    assert event.actor == f"staff:{admin.username}" and event.detail["username"] == "newbie"
    assert [a.username for a in list_staff_accounts(session, actor=admin)] == [
        "newbie", admin.username]  # by bureau: edu before fso
    with pytest.raises(StaffExists):
        _new(session, settings, admin)


def test_the_desk_never_appoints_or_edits_a_custodian(session, settings):
    admin = factories.staff(session, settings, bureau="fso", role="admin")
    keeper = factories.staff(session, settings, bureau="fso", role="custodian")
    friend = factories.staff(session, settings, bureau="fso")
    with pytest.raises(NotAllowed):
        _new(session, settings, admin, username="puppet", role="custodian")
    with pytest.raises(NotAllowed):
        change_staff_account(session, actor=admin, user_id=friend.id, role="custodian")
    with pytest.raises(NotAllowed):
        change_staff_account(session, actor=admin, user_id=keeper.id, active=False)
    session.refresh(keeper)
    assert keeper.active and session.get(StaffUser, friend.id).role == "handler"


def test_an_administrator_cannot_change_their_own_account(session, settings):
    admin = factories.staff(session, settings, bureau="fso", role="admin")
    with pytest.raises(NotAllowed):
        change_staff_account(session, actor=admin, user_id=admin.id, active=False)


def test_a_change_keeps_unnamed_fields_and_records_before_and_after(session, settings):
    admin = factories.staff(session, settings, bureau="fso", role="admin")
    handler = factories.staff(session, settings, bureau="samr")
    account = change_staff_account(session, actor=admin, user_id=handler.id, active=False)
    session.commit()
    assert (account.role, account.bureau, account.active) == ("handler", "samr", False)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "staff_changed"))
    assert event.detail["before"]["active"] is True and event.detail["after"]["active"] is False


def test_unknown_accounts_roles_and_bureaus_are_named_errors(session, settings):
    admin = factories.staff(session, settings, bureau="fso", role="admin")
    handler = factories.staff(session, settings, bureau="samr")
    with pytest.raises(StaffNotFound):
        change_staff_account(session, actor=admin, user_id=handler.id + 1000, role="lead")
    with pytest.raises(InvalidStaff):
        change_staff_account(session, actor=admin, user_id=handler.id, role="king")
    with pytest.raises(InvalidStaff):
        change_staff_account(session, actor=admin, user_id=handler.id, bureau="nowhere")
