"""Every role, in the case's bureau, another bureau and the coordinating office, and the
anonymous visitor, against every staff route and every case action.

The expected table is written out here from the policy (issue 2 and 6), not computed from
``intake.authz``; a staff route that is added without a row here fails the first test. The
read-side matrix (queue, exports, files per bureau) is tests/web/test_authorization_matrix.
"""

from __future__ import annotations

from collections import Counter

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import PASSWORD, form_token, log_in, make_staff, photo_bytes

from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails, NewAttachment
from intake.models import Attachment, AuditEvent, ContactRevealRequest, StaffUser
from intake.routing.decision import Evidence, RoutingDecision
from intake.settings import Settings
from intake.staff import totp_secret
from intake.submit import submit_case

ROLES = ("handler", "lead", "coordinator", "admin", "custodian")
BUREAUS = ("samr", "agri", "fso")  # the case's bureau, an unrelated one, the coordinating one
LEAD = "samr"
WORK = ("accept", "reject", "transfer", "start", "resolve", "close", "reply", "request_reveal")
SENIOR_WORK = ("reopen", "extend")
FIELDS = {"reject": {"reason": "不属于本部门职责"}, "transfer": {"to_bureau": LEAD,
          "reason": "留在本部门办理"}, "resolve": {"reason": "已责令整改并处罚"},
          "reopen": {"reason": "举报人补充了新证据"}, "extend": {"reason": "案情复杂需要延期"},
          "reply": {"text": "我们已收到，正在核查。"}, "request_reveal": {"reason": "需要电话调解"}}
# Every staff endpoint, and who may use it (None: anyone logged in; the login pages: anyone).
STAFF_ENDPOINTS = {
    "staff.login", "staff.second_factor", "staff.logout", "staff.queue", "staff.statistics",
    "staff.chart_png", "staff.export_csv", "staff.export_xlsx", "staff.accounts",
    "staff.create_account", "staff.change_account", "staff.case", "staff.act",
    "staff.attachment", "staff.reveal", "staff.reveal_requests", "staff.approve_reveal",
    "staff.deny_reveal",
}


def may_view(role: str, bureau: str) -> bool:
    return role in ("coordinator", "admin") or bureau == LEAD


def may_work(role: str, bureau: str, action: str) -> bool:
    if role in ("coordinator", "admin"):
        return True
    if bureau != LEAD or role == "custodian":
        return False
    return action in WORK or (action in SENIOR_WORK and role == "lead")


class FixedRouter:
    def route(self, text: str) -> RoutingDecision:
        return RoutingDecision(lead=LEAD, co=(), confidence=0.9, needs_review=False,
                               evidence=(Evidence("test", "(七)", "饭店", "饭店"),))


def a_case(factory: sessionmaker[Session], settings: Settings) -> tuple[str, str]:
    draft = CaseDraft(kind="complaint", channel="web", text="在矩阵饭店吃坏了肚子，要求赔偿。",
                      business_name="矩阵饭店", contact=ContactDetails(phone="13912345678"),
                      attachments=[NewAttachment("p.jpg", "image/jpeg", photo_bytes())])
    with transaction(factory) as session:
        number = submit_case(session, settings=settings, draft=draft,
                             router=FixedRouter()).case_number
    with factory() as session:
        return number, session.scalars(select(Attachment.token)).one()


def token_of(client: FlaskClient, path: str = "/staff/") -> str:
    return form_token(client.get(path).data)


def test_every_staff_route_has_a_row_in_this_matrix(app: Flask) -> None:
    registered = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")}
    assert registered == STAFF_ENDPOINTS


def test_the_anonymous_visitor_reaches_no_staff_page_and_no_case(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    tried: Counter[str],
) -> None:
    number, token = a_case(session_factory, web_settings)
    gets = ["/staff/", "/staff/statistics", "/staff/statistics/per_bureau.png",
            "/staff/export.csv", "/staff/export.xlsx", "/staff/accounts", "/staff/reveals",
            f"/staff/cases/{number}", f"/staff/cases/{number}/attachments/{token}"]
    posts = [f"/staff/cases/{number}/{a}" for a in (*WORK, *SENIOR_WORK)] + [
        f"/staff/cases/{number}/reveal/1", f"/staff/reveals/{number}/1/approve",
        f"/staff/reveals/{number}/1/deny", "/staff/accounts", "/staff/accounts/1"]
    for path in gets:
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login" in response.location, path
    login_token = token_of(client, "/staff/login")  # a real CSRF token does not help either
    for path in posts:
        response = client.post(path, data={"csrf_token": login_token, "reason": "xxxxxxxx"})
        assert response.status_code in (302, 400), path
        assert number.encode() not in response.data and b"13912345678" not in response.data
    tried["authorization: anonymous requests"] += len(gets) + len(posts)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_in_each_bureau_can_do_exactly_what_the_policy_says(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings, role: str,
    tried: Counter[str],
) -> None:
    number, file_token = a_case(session_factory, web_settings)
    outcomes: dict[tuple[str, str], tuple[bool, bool]] = {}
    for bureau in BUREAUS:
        client = app.test_client()
        username = f"{role}.{bureau}"
        log_in(client, username, make_staff(session_factory, web_settings, username=username,
                                            bureau=bureau, role=role))
        token = token_of(client)
        # Pages every logged-in member of staff has (scoped to their bureau inside).
        for path in ("/staff/", "/staff/statistics", "/staff/export.csv"):
            assert client.get(path).status_code == 200, (username, path)
        # The custodian's list of reveal requests is the custodian's alone.
        reveals = client.get("/staff/reveals").status_code
        assert reveals == (200 if role == "custodian" else 403), (username, reveals)
        # The case, its file, and every action on it.
        viewed = client.get(f"/staff/cases/{number}").status_code
        assert viewed == (200 if may_view(role, bureau) else 403), (username, viewed)
        opened = client.get(f"/staff/cases/{number}/attachments/{file_token}").status_code
        assert opened == (200 if may_view(role, bureau) else 403), (username, opened)
        for action in (*WORK, *SENIOR_WORK):
            response = client.post(f"/staff/cases/{number}/{action}",
                                   data={"csrf_token": token, **FIELDS.get(action, {})})
            allowed = may_work(role, bureau, action)
            assert response.status_code < 500, (username, action)
            assert (response.status_code == 403) != allowed, (username, action,
                                                              response.status_code)
            outcomes[(bureau, action)] = (allowed, response.status_code != 403)
        # Staff administration is for administrators only.
        accounts = client.get("/staff/accounts").status_code
        assert accounts == (200 if role == "admin" else 403), (username, accounts)
        created = client.post("/staff/accounts", data={
            "csrf_token": token, "username": f"new.{username}", "display_name": "新人",
            "password": PASSWORD, "bureau": "samr", "role": "handler"}).status_code
        assert created == (200 if role == "admin" else 403), (username, created)
        tried["authorization: role x bureau x route"] += 8 + len(WORK) + len(SENIOR_WORK)
    with session_factory() as session:
        victim = session.scalars(select(StaffUser.id).where(
            StaffUser.username == f"{role}.agri")).one()
    for bureau in BUREAUS:
        client = app.test_client()
        log_in(client, f"{role}.{bureau}", _totp_of(session_factory, web_settings,
                                                     f"{role}.{bureau}"))
        changed = client.post(f"/staff/accounts/{victim}", data={
            "csrf_token": token_of(client), "role": "lead"})
        own = bureau == "agri"
        expected = 403 if (role != "admin" or own) else 303
        assert changed.status_code == expected, (role, bureau, changed.status_code)
    assert all(allowed == got for allowed, got in outcomes.values())


def _totp_of(factory: sessionmaker[Session], settings: Settings, username: str) -> pyotp.TOTP:
    with factory() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
        return pyotp.TOTP(totp_secret(settings, user))


def test_only_a_custodian_approves_and_only_the_requester_reads_the_contact(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings,
    tried: Counter[str],
) -> None:
    number, _file = a_case(session_factory, web_settings)
    clients = {}
    for role, bureau in (("handler", LEAD), ("lead", LEAD), ("coordinator", "fso"),
                         ("admin", "fso"), ("custodian", "fso"), ("handler", "agri")):
        client = app.test_client()
        name = f"{role}.{bureau}"
        log_in(client, name, make_staff(session_factory, web_settings, username=name,
                                        bureau=bureau, role=role))
        clients[name] = client
    requester = clients["handler.samr"]
    assert requester.post(f"/staff/cases/{number}/request_reveal", data={
        "csrf_token": token_of(requester), "reason": "需要电话调解"}).status_code == 303
    with session_factory() as session:
        request_id = session.scalars(select(ContactRevealRequest.id)).one()
    reveal = f"/staff/cases/{number}/reveal/{request_id}"
    approve = f"/staff/reveals/{number}/{request_id}/approve"
    deny = f"/staff/reveals/{number}/{request_id}/deny"

    # Before approval nobody reads the contact, the requester included.
    for name, client in clients.items():
        response = client.post(reveal, data={"csrf_token": token_of(client)})
        assert response.status_code in (403, 409, 422), name
        assert b"13912345678" not in response.data
    # Nobody but the custodian approves or denies.
    for name, client in clients.items():
        if name != "custodian.fso":
            assert client.post(approve, data={"csrf_token": token_of(client)}).status_code == 403
            assert client.post(deny, data={"csrf_token": token_of(client),
                                           "reason": "不需要联系举报人"}).status_code == 403
    custodian = clients["custodian.fso"]
    assert custodian.post(approve, data={"csrf_token": token_of(custodian)}).status_code == 303
    # After approval only the requester reads it, and only once.
    for name, client in clients.items():
        if name != "handler.samr":
            response = client.post(reveal, data={"csrf_token": token_of(client)})
            assert response.status_code == 403 and b"13912345678" not in response.data, name
    shown = requester.post(reveal, data={"csrf_token": token_of(requester)})
    assert shown.status_code == 200 and "13912345678" in shown.data.decode()
    again = requester.post(reveal, data={"csrf_token": token_of(requester)})
    assert again.status_code != 200 and b"13912345678" not in again.data
    tried["authorization: contact reveal attempts"] += 3 * len(clients) + 2

    # Every step is in the audit trail, each once.
    with session_factory() as session:
        events = Counter(session.scalars(select(AuditEvent.action).where(
            AuditEvent.action.in_(("reveal_requested", "reveal_approved",
                                   "contact_revealed")))))
    assert events == {"reveal_requested": 1, "reveal_approved": 1, "contact_revealed": 1}


# Was a strict xfail (the hole): the desk now refuses to appoint or edit custodians.
def test_an_administrator_cannot_become_their_own_custodian(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    admin = app.test_client()
    log_in(admin, "root", make_staff(session_factory, web_settings, username="root",
                                     bureau="fso", role="admin"))
    make_staff(session_factory, web_settings, username="friend", bureau="fso")
    make_staff(session_factory, web_settings, username="keeper", bureau="fso", role="custodian")
    with session_factory() as session:
        ids = dict(session.execute(select(StaffUser.username, StaffUser.id)).all())
    # Neither a new custodian, nor a friend promoted, nor the real custodian switched off.
    created = admin.post("/staff/accounts", data={
        "csrf_token": token_of(admin), "username": "sockpuppet", "display_name": "傀儡",
        "password": PASSWORD, "bureau": "fso", "role": "custodian"})
    promoted = admin.post(f"/staff/accounts/{ids['friend']}", data={
        "csrf_token": token_of(admin), "role": "custodian"})
    disabled = admin.post(f"/staff/accounts/{ids['keeper']}", data={
        "csrf_token": token_of(admin), "active": "0"})
    assert (created.status_code, promoted.status_code, disabled.status_code) == (403, 403, 403)
    with session_factory() as session:
        roles = dict(session.execute(select(StaffUser.username, StaffUser.role)).all())
        keeper_active = session.scalars(select(StaffUser.active).where(
            StaffUser.username == "keeper")).one()
    assert "sockpuppet" not in roles and roles["friend"] == "handler" and keeper_active
