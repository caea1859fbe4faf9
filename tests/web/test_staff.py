"""The staff desk: two-factor login, the bureau's queue, a case and its actions, exports,
statistics, reveal with the custodian's approval, and account administration."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from documents import pdf_document
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import (
    PASSWORD,
    RELAXED_LIMITS,
    file_case,
    form_token,
    log_in,
    make_staff,
    photo_bytes,
)

from intake.db import transaction
from intake.drafts import CaseDraft, NewAttachment
from intake.models import AuditEvent, Case, Message
from intake.settings import Settings
from intake.submit import submit_case
from web.app import create_app


def bureau_of(factory: sessionmaker[Session], case_number: str) -> str:
    with factory() as session:
        query = select(Case.lead_bureau).where(Case.case_number == case_number)
        return session.scalars(query).one()


def handler_on_a_new_case(
    client: FlaskClient, factory: sessionmaker[Session], settings: Settings, username: str = "h1"
) -> str:
    """A case filed on the web form, and a handler of its bureau logged in: its number."""
    submission = file_case(factory, settings)
    bureau = bureau_of(factory, submission.case_number)
    log_in(client, username, make_staff(factory, settings, username=username, bureau=bureau))
    return submission.case_number


def post_action(client: FlaskClient, case_number: str, action: str, **fields: str):
    page = client.get(f"/staff/cases/{case_number}")
    return client.post(f"/staff/cases/{case_number}/{action}",
                       data={"csrf_token": form_token(page.data), **fields})


def test_login_needs_the_password_and_then_the_totp_code(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    totp = make_staff(session_factory, web_settings, username="wang", bureau="samr")
    assert client.get("/staff/").status_code == 302  # not logged in
    page = client.get("/staff/login")
    wrong = client.post("/staff/login", data={"csrf_token": form_token(page.data),
                                              "username": "wang", "password": "nope nope nope"})
    assert wrong.status_code == 401
    good = client.post("/staff/login", data={"csrf_token": form_token(page.data),
                                             "username": "wang", "password": PASSWORD})
    assert good.status_code == 302 and good.location.endswith("/staff/2fa")
    assert client.get("/staff/").status_code == 302  # the password alone is not a login
    page = client.get("/staff/2fa")
    bad_code = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    assert client.post("/staff/2fa", data={"csrf_token": form_token(page.data),
                                           "code": bad_code}).status_code == 401
    ok = client.post("/staff/2fa", data={"csrf_token": form_token(page.data), "code": totp.now()})
    assert ok.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_the_session_cookie_is_httponly_and_samesite(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    cookie = client.get("/staff/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_an_idle_session_expires(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    log_in(client, "idle", make_staff(session_factory, web_settings, username="idle",
                                      bureau="samr"))
    with client.session_transaction() as session:
        session["seen"] = time.time() - 31 * 60
    response = client.get("/staff/")
    assert response.status_code == 302 and response.location.endswith("/staff/login")
    assert client.get("/staff/").status_code == 302


def test_login_attempts_are_throttled(
    web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    app = create_app(web_settings, **{**RELAXED_LIMITS, "FOODSAFE_LOGIN_LIMIT": "3 per minute"})
    client = app.test_client()
    token = form_token(client.get("/staff/login").data)
    codes = [client.post("/staff/login", data={"csrf_token": token, "username": "x",
                                               "password": "wrong password"}).status_code
             for _ in range(4)]
    app.extensions["foodsafe"].engine.dispose()
    assert codes == [401, 401, 401, 429]


def test_a_handler_finds_the_case_in_the_queue_reads_it_and_replies(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    case_number = handler_on_a_new_case(client, session_factory, web_settings)
    queue = client.get("/staff/").data.decode()
    assert case_number in queue
    page = client.get(f"/staff/cases/{case_number}").data.decode()
    assert "老王饭店" in page and 'id="audit"' in page
    assert "· 网页表单</dd>" in page  # the channel by name
    assert "<dt>发生时间</dt><dd>—</dd>" in page  # not told: a dash, as for the other facts
    english = client.get(f"/staff/cases/{case_number}?lang=en").data.decode()
    assert "· Web form</dd>" in english
    response = post_action(client, case_number, "reply", text="已收到，正在核实。")
    assert response.status_code == 303
    with session_factory() as session:
        assert session.scalars(select(Message.text)).one() == "已收到，正在核实。"
        actions = list(session.scalars(select(AuditEvent.action)))
    assert actions.count("viewed") >= 2 and "replied" in actions
    with session_factory() as session, session.begin():
        message = session.scalars(select(Message)).one()
        message.created_at = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    page = client.get(f"/staff/cases/{case_number}").data.decode()
    thread = page.split('id="thread"')[1].split("</ul>")[0]
    assert "2026-11-30 09:30" in thread  # the district's clock, as in the audit trail


def test_the_routing_evidence_names_each_rule_in_the_pages_language_with_its_clause(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    # The desk listed rule ids ("food-at-a-business") that told a clerk nothing.
    case_number = handler_on_a_new_case(client, session_factory, web_settings)
    with session_factory() as session:
        evidence = session.scalars(select(Case.routing).where(
            Case.case_number == case_number)).one()["evidence"]
    rules = {e["rule"] for e in evidence}
    assert "food-at-a-business" in rules
    for lang in ("zh_Hans", "en"):
        page = client.get(f"/staff/cases/{case_number}?lang={lang}").data.decode()
        section = page.split("分派依据" if lang == "zh_Hans" else "Why it went there")[1]
        section = section.split("</section>")[0]
        for rule_id in rules:
            assert rule_id not in section, (lang, rule_id)
        if lang == "zh_Hans":
            assert ('<li>商家食品的其他问题（待人工复核） · <span class="nowrap">'
                    "方案条款 (六)(七)(十七)</span> · “饭店”“凉菜”</li>") in section
        else:
            assert ('<li>Other food problem at a business (to review) · <span class="nowrap">'
                    "plan clause (六)(七)(十七)</span> · “饭店”“凉菜”</li>") in section
        assert section.count("<li>") == len(rules) < len(evidence)  # a line per rule


def test_the_workflow_runs_accept_start_resolve_close_reopen(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    bureau = bureau_of(session_factory, submission.case_number)
    log_in(client, "lead", make_staff(session_factory, web_settings, username="lead",
                                      bureau=bureau, role="lead"))
    number = submission.case_number
    assert post_action(client, number, "accept").status_code == 303
    assert post_action(client, number, "start").status_code == 303
    assert post_action(client, number, "resolve", reason="已责令整改并调解退款").status_code == 303
    assert post_action(client, number, "close").status_code == 303
    assert post_action(client, number, "reopen", reason="举报人提出新证据").status_code == 303
    with session_factory() as session:
        assert session.scalars(select(Case.status)).one() == "in_progress"
    # an action the workflow does not allow now is a clear 409, not a silent no-op
    assert post_action(client, number, "accept").status_code == 409
    assert post_action(client, number, "no-such-action").status_code == 404


def test_reject_and_transfer_need_a_reason_and_transfer_moves_the_case(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    bureau = bureau_of(session_factory, submission.case_number)
    target = "agri" if bureau != "agri" else "samr"
    log_in(client, "t1", make_staff(session_factory, web_settings, username="t1", bureau=bureau))
    number = submission.case_number
    assert post_action(client, number, "reject", reason="").status_code == 422
    assert post_action(client, number, "transfer", to_bureau=target, reason="").status_code == 422
    response = post_action(client, number, "transfer", to_bureau=target,
                           reason="涉及农药残留，属农业部门")
    assert response.status_code == 303
    assert bureau_of(session_factory, number) == target
    # the case has left this bureau: it can no longer be read here
    assert client.get(f"/staff/cases/{number}").status_code == 403


def test_the_queue_filters_and_counts(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    complaint = file_case(session_factory, web_settings)
    tip = file_case(session_factory, web_settings, kind="tip",
                    text="老王饭店后厨老鼠很多，卫生很差。")
    log_in(client, "coord", make_staff(session_factory, web_settings, username="coord",
                                       bureau="fso", role="coordinator"))
    page = client.get("/staff/").data.decode()
    assert complaint.case_number in page and tip.case_number in page
    page = client.get("/staff/?kind=tip").data.decode()
    assert tip.case_number in page and complaint.case_number not in page
    page = client.get("/staff/?overdue=1").data.decode()
    assert complaint.case_number not in page
    assert client.get("/staff/?status=bogus").status_code == 400
    assert client.get("/staff/?due_soon=1&duplicate=1&status=all").status_code == 200


def test_exports_hold_the_filtered_queue_and_no_contact(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    log_in(client, "exp", make_staff(session_factory, web_settings, username="exp",
                                     bureau="fso", role="coordinator"))
    response = client.get("/staff/export.csv?kind=complaint")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "案件编号" and rows[1][0] == submission.case_number
    submitted = datetime.fromisoformat(rows[1][rows[0].index("提交时间")])
    assert submitted.utcoffset() == timedelta(hours=8)  # the district's clock, said so
    assert "13800000000" not in text and "张三" not in text
    assert submission.case_number not in client.get("/staff/export.csv?kind=tip").data.decode()
    response = client.get("/staff/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert submission.case_number in values and "13800000000" not in values


def test_statistics_draw_four_charts(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    file_case(session_factory, web_settings)
    log_in(client, "st", make_staff(session_factory, web_settings, username="st",
                                    bureau="fso", role="coordinator"))
    page = client.get("/staff/statistics").data.decode()
    # One fresh case: nothing overdue and nothing re-routed, so those two say so in words.
    for chart in ("weekly", "topics"):
        assert f"/staff/statistics/{chart}.png?lang=zh_Hans" in page
    assert page.count("暂无数据") == 2
    english = client.get("/staff/statistics?lang=en").data.decode()
    assert "Cases in the last 8 weeks: 1." in english  # it said "1 cases"
    for chart in ("weekly", "overdue", "topics", "overrides"):
        png = client.get(f"/staff/statistics/{chart}.png")
        assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert client.get("/staff/statistics/nope.png").status_code == 404


def test_contact_reveal_needs_the_custodian_and_is_shown_to_the_requester(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings)
    bureau = bureau_of(session_factory, submission.case_number)
    handler, custodian = app.test_client(), app.test_client()
    log_in(handler, "rh", make_staff(session_factory, web_settings, username="rh", bureau=bureau))
    log_in(custodian, "cu", make_staff(session_factory, web_settings, username="cu",
                                       bureau="fso", role="custodian"))
    number = submission.case_number
    assert post_action(handler, number, "request_reveal",
                       reason="需要联系投诉人组织调解").status_code == 303
    page = handler.get(f"/staff/cases/{number}").data.decode()
    assert "13800000000" not in page
    with session_factory() as session:
        from intake.models import ContactRevealRequest

        request_id = session.scalars(select(ContactRevealRequest.id)).one()
    token = form_token(page)
    early = handler.post(f"/staff/cases/{number}/reveal/{request_id}", data={"csrf_token": token})
    assert early.status_code == 422 and "13800000000" not in early.data.decode()
    # a handler cannot approve; the custodian can
    assert handler.get("/staff/reveals").status_code == 403
    inbox = custodian.get("/staff/reveals").data.decode()
    assert number in inbox
    approved = custodian.post(f"/staff/reveals/{number}/{request_id}/approve",
                              data={"csrf_token": form_token(inbox)})
    assert approved.status_code == 303
    shown = handler.post(f"/staff/cases/{number}/reveal/{request_id}", data={"csrf_token": token})
    assert shown.status_code == 200 and "13800000000" in shown.data.decode()
    again = handler.post(f"/staff/cases/{number}/reveal/{request_id}", data={"csrf_token": token})
    assert again.status_code == 422


def test_an_attachment_opens_as_the_cleaned_copy_and_is_audited(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    draft = CaseDraft(kind="tip", channel="web", text="老王饭店后厨老鼠乱窜。",
                      attachments=[NewAttachment("a.jpg", "image/jpeg", photo_bytes())])
    with transaction(session_factory) as session:
        number = submit_case(session, settings=web_settings, draft=draft).case_number
    bureau = bureau_of(session_factory, number)
    log_in(client, "att", make_staff(session_factory, web_settings, username="att", bureau=bureau))
    page = client.get(f"/staff/cases/{number}").data.decode()
    link = page.split(f"/staff/cases/{number}/attachments/")[1].split('"')[0]
    response = client.get(f"/staff/cases/{number}/attachments/{link}")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert b"PhoneMakerMarker" not in response.data
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert client.get(f"/staff/cases/{number}/attachments/{'0' * 32}").status_code == 404
    with session_factory() as session:
        assert "attachment_opened" in set(session.scalars(select(AuditEvent.action)))


def test_an_administrator_creates_an_account_that_can_then_log_in(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    admin, handler = app.test_client(), app.test_client()
    log_in(admin, "root", make_staff(session_factory, web_settings, username="root",
                                     bureau="fso", role="admin"))
    page = admin.get("/staff/accounts").data.decode()
    response = admin.post("/staff/accounts", data={
        "csrf_token": form_token(page), "username": "newbie", "display_name": "新同事",
        "password": PASSWORD, "bureau": "edu", "role": "handler"})
    assert response.status_code == 200
    uri = response.data.decode().split('id="totp-uri">')[1].split("<")[0].replace("&amp;", "&")
    totp = pyotp.parse_uri(uri)
    log_in(handler, "newbie", totp)  # type: ignore[arg-type]
    assert handler.get("/staff/accounts").status_code == 403
    with session_factory() as session:
        from intake.models import StaffUser

        newbie = session.scalars(select(StaffUser).where(StaffUser.username == "newbie")).one()
    response = admin.post(f"/staff/accounts/{newbie.id}", data={
        "csrf_token": form_token(page), "role": "handler", "bureau": "edu", "active": "0"})
    assert response.status_code == 303
    # the disabled account's next request is refused
    assert handler.get("/staff/").status_code in (302, 401)


def footer_of(page: str) -> str:
    return page.split("<footer>")[1].split("</footer>")[0]


def test_staff_pages_have_the_desks_footer_not_the_citizens_emergency_numbers(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    assert "12315" in footer_of(client.get("/").data.decode())  # the citizens' pages keep it
    login = client.get("/staff/login").data.decode()
    case_number = handler_on_a_new_case(client, session_factory, web_settings)
    pages = {"login": login}
    for lang in ("zh_Hans", "en"):
        for path in ("/staff/", f"/staff/cases/{case_number}", "/staff/statistics",
                     "/staff/cases/FS-0000-000000"):
            response = client.get(f"{path}?lang={lang}")
            pages[f"{path} {lang}"] = response.data.decode()
        assert response.status_code == 404  # a desk's page that failed
    for name, page in pages.items():
        footer = footer_of(page)
        assert "120" not in footer and "12315" not in footer, name
        assert "审计记录" in footer or "audit trail" in footer, name
    # the failed page keeps the desk's menu, not the citizens' (投诉, 举报, 查进度 …)
    missing = pages["/staff/cases/FS-0000-000000 en"]
    assert 'href="/staff/statistics"' in missing and 'href="/complaint"' not in missing
    assert "The desk is for authorised staff only" in footer_of(missing)


@pytest.mark.parametrize("path", ["/staff/", "/staff/statistics", "/staff/export.csv",
                                  "/staff/export.xlsx", "/staff/accounts", "/staff/reveals"])
def test_every_staff_page_sends_strangers_to_the_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response.location.endswith("/staff/login")


def test_a_staff_form_without_csrf_is_refused(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    case_number = handler_on_a_new_case(client, session_factory, web_settings, "cs")
    response = client.post(f"/staff/cases/{case_number}/accept")
    assert response.status_code == 400



def test_logout_ends_the_session(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    log_in(client, "bye", make_staff(session_factory, web_settings, username="bye",
                                     bureau="samr"))
    page = client.get("/staff/")
    response = client.post("/staff/logout", data={"csrf_token": form_token(page.data)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_the_second_factor_page_needs_a_fresh_password_step(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    assert client.get("/staff/2fa").location.endswith("/staff/login")
    make_staff(session_factory, web_settings, username="slow", bureau="samr")
    page = client.get("/staff/login")
    client.post("/staff/login", data={"csrf_token": form_token(page.data), "username": "slow",
                                      "password": PASSWORD})
    with client.session_transaction() as session:
        session["pending_at"] = time.time() - 600
    assert client.get("/staff/2fa").location.endswith("/staff/login")


def test_account_administration_refuses_bad_input_and_self_demotion(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    log_in(client, "boss", make_staff(session_factory, web_settings, username="boss",
                                      bureau="fso", role="admin"))
    token = form_token(client.get("/staff/accounts").data)
    account = {"csrf_token": token, "username": "boss", "display_name": "x",
               "password": PASSWORD, "bureau": "edu", "role": "handler"}
    assert client.post("/staff/accounts", data=account).status_code == 409  # name taken
    assert client.post("/staff/accounts", data={**account, "username": "n2",
                                                "password": "short"}).status_code == 400
    assert client.post("/staff/accounts", data={**account, "username": "n3",
                                                "role": "king"}).status_code == 400
    with session_factory() as session:
        from intake.models import StaffUser

        boss_id = session.scalars(select(StaffUser.id)).one()
    change = {"csrf_token": token, "role": "handler", "bureau": "fso", "active": "1"}
    assert client.post(f"/staff/accounts/{boss_id}", data=change).status_code == 403
    assert client.post("/staff/accounts/999999", data=change).status_code == 404


def test_extending_a_deadline_needs_a_senior_role_and_a_reason(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    submission = file_case(session_factory, web_settings, kind="tip",
                           text="老王饭店后厨老鼠很多，卫生很差。")
    bureau = bureau_of(session_factory, submission.case_number)
    handler, lead = app.test_client(), app.test_client()
    log_in(handler, "eh", make_staff(session_factory, web_settings, username="eh", bureau=bureau))
    log_in(lead, "el", make_staff(session_factory, web_settings, username="el", bureau=bureau,
                                  role="lead"))
    number = submission.case_number
    assert post_action(handler, number, "extend", reason="需要补充检验").status_code == 403
    assert post_action(lead, number, "extend", reason="").status_code == 422
    response = post_action(lead, number, "extend", reason="需要补充检验，延长核查期限")
    assert response.status_code in (303, 409)  # 409 when the policy allows no extension


def test_a_pdf_attachment_is_a_download_never_rendered(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    draft = CaseDraft(kind="tip", channel="web", text="饭店的检验报告是伪造的，附件为证据。",
                      attachments=[NewAttachment("r.pdf", "application/pdf", pdf_document())])
    with transaction(session_factory) as session:
        number = submit_case(session, settings=web_settings, draft=draft).case_number
    log_in(client, "pdf", make_staff(session_factory, web_settings, username="pdf",
                                     bureau="fso", role="coordinator"))
    page = client.get(f"/staff/cases/{number}").data.decode()
    link = page.split(f"/staff/cases/{number}/attachments/")[1].split('"')[0]
    response = client.get(f"/staff/cases/{number}/attachments/{link}")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_a_totp_code_logs_in_only_once(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    totp = make_staff(session_factory, web_settings, username="once", bureau="samr")
    code = totp.now()
    statuses = []
    for _ in range(2):
        client = app.test_client()
        page = client.get("/staff/login")
        client.post("/staff/login", data={"csrf_token": form_token(page.data),
                                          "username": "once", "password": PASSWORD})
        page = client.get("/staff/2fa")
        statuses.append(client.post("/staff/2fa", data={"csrf_token": form_token(page.data),
                                                        "code": code}).status_code)
    assert statuses == [302, 401]


def test_the_desk_never_appoints_or_edits_a_custodian(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    make_staff(session_factory, web_settings, username="keeper", bureau="fso", role="custodian")
    log_in(client, "chief", make_staff(session_factory, web_settings, username="chief",
                                       bureau="fso", role="admin"))
    token = form_token(client.get("/staff/accounts").data)
    created = client.post("/staff/accounts", data={
        "csrf_token": token, "username": "puppet", "display_name": "傀儡",
        "password": PASSWORD, "bureau": "fso", "role": "custodian"})
    assert created.status_code == 403
    with session_factory() as session:
        from intake.models import StaffUser

        ids = dict(session.execute(select(StaffUser.username, StaffUser.id)).all())
    assert "puppet" not in ids
    change = {"csrf_token": token, "role": "handler", "bureau": "fso", "active": "0"}
    assert client.post(f"/staff/accounts/{ids['keeper']}", data=change).status_code == 403


def test_the_weekly_charts_legend_sits_beside_its_bars(app: Flask) -> None:
    from datetime import date

    from intake.statistics import Figures
    from web.staff.stats import _pyplot, plot

    weeks = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    figures = Figures(weeks, {"samr": [1, 4, 6, 9], "health": [0, 1, 2, 3], "edu": [1, 0, 0, 2]},
                      {}, [], [], 29, True)
    with app.test_request_context("/?lang=zh_Hans"):
        fig = plot("weekly", figures)
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        legend = ax.get_legend().get_window_extent()
        assert not legend.overlaps(ax.get_window_extent())
        assert fig.bbox.contains(legend.x1 - 1, legend.y0 + 1)  # and is not cut off
    finally:
        _pyplot().close(fig)


@pytest.mark.parametrize("lang", ["zh_Hans", "en"])
def test_the_topics_chart_names_its_rules_in_the_pages_language_and_they_fit(
    app: Flask, lang: str
) -> None:
    # It listed rule ids ("food-at-a-business"). Drawn with the ten longest names: each label
    # on at most two lines, none over another, none cut off at the figure's edge.
    from datetime import date
    from itertools import pairwise

    from intake.routing.ruleset import load_rules
    from intake.statistics import Figures
    from web.staff.stats import _pyplot, plot

    name = "name_en" if lang == "en" else "name"
    rules = sorted(load_rules().rules, key=lambda r: -len(getattr(r, name)))[:10]
    topics = [(rule.id, 10 - i) for i, rule in enumerate(rules)]
    figures = Figures([date(2026, 11, 23)], {"samr": [55]}, {}, topics, [], 55, True)
    with app.test_request_context(f"/?lang={lang}"):
        fig = plot("topics", figures)
    try:
        fig.canvas.draw()
        labels = fig.axes[0].get_yticklabels()
        assert [label.get_text().replace("\n", " " if lang == "en" else "") for label in labels
                ] == [getattr(rule, name) for rule in rules][::-1]
        boxes = [label.get_window_extent() for label in labels]
        for text, box in zip(labels, boxes, strict=True):
            assert text.get_text().count("\n") <= 1
            assert fig.bbox.contains(box.x0 + 0.5, box.y0 + 0.5), text.get_text()
        for lower, upper in pairwise(boxes):
            assert lower.y1 <= upper.y0 + 0.5  # the labels stand apart, bottom to top
    finally:
        _pyplot().close(fig)


@pytest.mark.parametrize("lang", ["zh_Hans", "en"])
def test_the_phone_charts_keep_every_word_inside_the_picture(app: Flask, lang: str) -> None:
    # Drawn for a phone's width, titles, bureau names and the legend ran past the edges
    # until they were put on short lines (the wide charts shrank their words to 4-5 px).
    from datetime import date, timedelta

    from intake.routing.ruleset import load_rules
    from intake.statistics import Figures
    from web.staff.stats import CHARTS, _pyplot, plot

    weeks = [date(2026, 10, 5) + timedelta(weeks=i) for i in range(8)]
    weekly = {code: [i % 3 + 1 for i in range(8)] for code in ("samr", "health", "edu", "agri")}
    longest = sorted(load_rules().rules, key=lambda r: -len(r.name_en))[:10]
    figures = Figures(weeks, weekly, {"samr": 3, "agri": 1},
                      [(rule.id, 10 - i) for i, rule in enumerate(longest)],
                      [(("samr", "health"), 2), (("fso", "agri"), 1)], 80, True)
    for chart in CHARTS:
        with app.test_request_context(f"/?lang={lang}"):
            fig = plot(chart, figures, narrow=True)
        try:
            fig.canvas.draw()
            ax = fig.axes[0]
            low, high = ax.get_xlim()  # the ticks drawn, not those past the axis's ends
            shown = [t for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
            assert fig.get_suptitle()
            texts = [*fig.texts, *ax.get_yticklabels(), *shown]
            if ax.get_legend():
                texts += ax.get_legend().get_texts()
            assert len(texts) > 4
            for text in texts:
                box = text.get_window_extent()
                inside = (fig.bbox.x0 - 0.5 <= box.x0 and box.x1 <= fig.bbox.x1 + 0.5
                          and fig.bbox.y0 - 0.5 <= box.y0 and box.y1 <= fig.bbox.y1 + 0.5)
                assert inside, (chart, text.get_text())
        finally:
            _pyplot().close(fig)
