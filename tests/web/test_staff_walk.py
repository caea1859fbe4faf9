"""What a demanding staff walk found (docs/web.md, seventh session): the custodian decides
on what the request says and may refuse, the case page offers only what the viewer may do,
a refused action leads back to its case, and an export speaks the desk's words."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import file_case, form_token, log_in, make_staff

from intake.actions import MIN_REASON
from intake.models import Case, ContactRevealRequest
from intake.reveal import MIN_REASON as REVEAL_MIN_REASON
from intake.settings import Settings

SCHOOL_TIP = "实验小学食堂的厨工不戴口罩，剩菜第二天再给学生吃。"


def _bureaus(factory: sessionmaker[Session], number: str) -> tuple[str, list[str]]:
    """The case's lead bureau and its cooperating ones."""
    with factory() as session:
        case = session.scalars(select(Case).where(Case.case_number == number)).one()
        return case.lead_bureau, list(case.co_bureaus)


def _on_a_new_case(client: FlaskClient, factory: sessionmaker[Session], settings: Settings,
                   username: str, *, role: str = "handler", bureau: str = "") -> tuple[str, str]:
    """A complaint filed, and ``username`` logged in (of its lead bureau unless told another):
    the case's number and its lead bureau."""
    number = file_case(factory, settings).case_number
    lead, _co = _bureaus(factory, number)
    log_in(client, username, make_staff(factory, settings, username=username,
                                        bureau=bureau or lead, role=role))
    return number, lead


def _post(client: FlaskClient, page_path: str, action_path: str, **fields: str):
    page = client.get(page_path)
    return client.post(action_path, data={"csrf_token": form_token(page.data), **fields})


def test_the_custodian_sees_who_asks_about_what_and_may_deny_with_a_reason(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    handler, custodian = app.test_client(), app.test_client()
    number, bureau = _on_a_new_case(handler, session_factory, web_settings, "wh")
    log_in(custodian, "wc", make_staff(session_factory, web_settings, username="wc",
                                       bureau="fso", role="custodian"))
    assert _post(handler, f"/staff/cases/{number}", f"/staff/cases/{number}/request_reveal",
                 reason="需要联系投诉人核实就餐时间").status_code == 303
    # the custodian's desk opens on the queue: it says a request waits, and where
    landing = custodian.get("/staff/").data.decode()
    assert 'id="approvals-waiting"' in landing and 'href="/staff/reveals"' in landing
    assert "等待您审批的查看联系方式申请：1 件" in landing
    assert 'id="approvals-waiting"' not in handler.get("/staff/").data.decode()
    inbox = custodian.get("/staff/reveals").data.decode()
    # what the decision needs, on the request: the custodian may not open the case
    assert custodian.get(f"/staff/cases/{number}").status_code == 403
    for said in ("经办人", "投诉", "已收到，待受理", "需要联系投诉人核实就餐时间"):
        assert said in inbox, said
    assert inbox.count("区市场监管局" if bureau == "samr" else "承办部门") >= 1
    with session_factory() as session:
        request_id = session.scalars(select(ContactRevealRequest.id)).one()
    deny = f"/staff/reveals/{number}/{request_id}/deny"
    assert f'action="{deny}"' in inbox
    assert f'minlength="{REVEAL_MIN_REASON}"' in inbox
    # only a custodian decides: the requester's own "deny" is refused and changes nothing
    own_page = handler.get(f"/staff/cases/{number}").data.decode()
    assert handler.post(deny, data={"csrf_token": form_token(own_page),
                                    "reason": "我自己撤回这个申请吧"}).status_code == 403
    custodian.set_cookie("lang", "en")
    english = custodian.get("/staff/reveals").data.decode()
    for said in ("Requested by", "Complaint", "Received", "Deny", "Reason for denying"):
        assert said in english, said
    custodian.set_cookie("lang", "zh_Hans")
    too_short = custodian.post(deny, data={"csrf_token": form_token(inbox), "reason": "不行"})
    assert too_short.status_code == 422
    denied = custodian.post(deny, data={"csrf_token": form_token(inbox),
                                        "reason": "理由不足以说明为何必须联系本人"})
    assert denied.status_code == 303
    assert number in custodian.get("/staff/reveals", follow_redirects=True).data.decode()
    assert number not in custodian.get("/staff/reveals").data.decode().split("<h1>")[-1]
    assert 'id="approvals-waiting"' not in custodian.get("/staff/").data.decode()
    page = handler.get(f"/staff/cases/{number}").data.decode()
    assert "已驳回" in page and "理由不足以说明为何必须联系本人" in page
    assert "13800000000" not in page


def test_the_case_page_offers_only_what_the_viewer_may_do(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    number = file_case(session_factory, web_settings, kind="tip", text=SCHOOL_TIP,
                       business="实验小学食堂").case_number
    lead_bureau, co_bureaus = _bureaus(session_factory, number)
    assert co_bureaus, "the school tip is expected to have a cooperating bureau"
    helper, lead = app.test_client(), app.test_client()
    log_in(helper, "co", make_staff(session_factory, web_settings, username="co",
                                    bureau=co_bureaus[0]))
    log_in(lead, "ld", make_staff(session_factory, web_settings, username="ld",
                                  bureau=lead_bureau))
    page = helper.get(f"/staff/cases/{number}").data.decode()
    # the reply box was shown to a bureau that may only look; sending it was a 403
    assert 'id="reply-text"' not in page and "发送回复" not in page
    assert 'id="no-actions"' in page and "协办" in page
    assert _post(helper, f"/staff/cases/{number}", f"/staff/cases/{number}/reply",
                 text="我们协助核查。").status_code == 403
    queue = helper.get("/staff/").data.decode()
    row = next(r for r in queue.split("<tr>") if number in r)
    assert "（本局协办）" in row
    own = lead.get(f"/staff/cases/{number}").data.decode()
    assert 'id="reply-text"' in own and 'id="no-actions"' not in own
    lead_row = next(r for r in lead.get("/staff/").data.decode().split("<tr>") if number in r)
    assert "（本局协办）" not in lead_row


def test_a_refused_action_leads_back_to_its_case_and_the_boxes_say_what_is_needed(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    number, _bureau = _on_a_new_case(client, session_factory, web_settings, "rb", role="lead")
    page = client.get(f"/staff/cases/{number}").data.decode()
    # a reason box asks for as much as the domain takes, and a transfer starts unchosen
    boxes = re.findall(r'<textarea id="reason-\d+" name="reason"[^>]*>', page)
    assert boxes and all(f'minlength="{MIN_REASON}"' in box for box in boxes)
    select_box = re.search(r'<select id="to-\d+" name="to_bureau" required>(<option[^>]*>)',
                           page)
    assert select_box and select_box.group(1) == '<option value="">'
    refused = client.post(f"/staff/cases/{number}/reject",
                          data={"csrf_token": form_token(page), "reason": "不行"})
    assert refused.status_code == 422
    text = refused.data.decode()
    assert f'href="/staff/cases/{number}"' in text and 'href="/staff/"' in text
    assert "返回首页" not in text and "返回键" in text and "两三个字" in text
    missing = client.get("/staff/cases/FS0000-AAAAA-AAAAA")
    assert missing.status_code == 404
    assert 'href="/staff/"' in missing.data.decode()
    assert 'href="/staff/cases/FS0000' not in missing.data.decode()


def test_an_export_speaks_the_desks_words_in_the_pages_language(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    number, bureau = _on_a_new_case(client, session_factory, web_settings, "ex",
                                    role="coordinator", bureau="fso")
    rows = list(csv.reader(io.StringIO(
        client.get("/staff/export.csv").data.decode("utf-8-sig"))))
    heading, row = rows[0], next(r for r in rows if r[0] == number)
    assert heading[:5] == ["案件编号", "类型", "渠道", "状态", "承办部门"]
    assert row[1:5] == ["投诉", "网页表单", "已收到，待受理", _bureau_zh(bureau)]
    assert row[heading.index("已超期")] == "否"
    client.set_cookie("lang", "en")
    sheet = load_workbook(io.BytesIO(client.get("/staff/export.xlsx").data)).active
    values = [[c.value for c in line] for line in sheet.iter_rows()]
    assert values[0][:2] == ["Case number", "Type"]
    english = next(v for v in values if v[0] == number)
    assert english[1] == "Complaint" and english[3] == "Received"
    assert english[4].startswith("District") and bureau not in english[4:5]
    assert "13800000000" not in str(values)


def _bureau_zh(code: str) -> str:
    from intake.bureaus import BUREAUS

    return BUREAUS[code].name_zh


def _reason_label(page: str, action: str) -> str:
    form = re.search(rf'action="[^"]*/{action}"(.*?)</form>', page, re.S)
    assert form, f"no {action} form"
    label = re.search(r'<label for="reason-\d+">([^<]*)</label>', form.group(1))
    assert label, f"the {action} form has no reason box"
    return label.group(1)


def test_a_reason_box_says_whether_the_reporter_reads_it_and_it_is_so(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    number, bureau = _on_a_new_case(client, session_factory, web_settings, "rr", role="lead")
    page = client.get(f"/staff/cases/{number}").data.decode()
    assert "投诉人会在进度页读到" in _reason_label(page, "reject")
    assert "看不到" in _reason_label(page, "transfer")
    other = next(code for code in ("health", "samr") if code != bureau)
    client.post(f"/staff/cases/{number}/transfer", data={
        "csrf_token": form_token(page), "to_bureau": other, "reason": "内部说明：应由他局办理"})
    # the lead's own bureau no longer holds the case: read it as the coordinator
    log_in(client, "rc", make_staff(session_factory, web_settings, username="rc",
                                    bureau="fso", role="coordinator"))
    page = client.get(f"/staff/cases/{number}").data.decode()
    thread = page.split('id="thread"')[1].split("</ul>")[0]
    assert "内部说明" not in thread
    client.post(f"/staff/cases/{number}/reject", data={
        "csrf_token": form_token(page), "reason": "已由平台先行赔付，双方达成和解"})
    page = client.get(f"/staff/cases/{number}").data.decode()
    thread = page.split('id="thread"')[1].split("</ul>")[0]
    assert "已由平台先行赔付" in thread
    client.set_cookie("lang", "en")
    reopened = client.get(f"/staff/cases/{number}").data.decode()
    assert "never shown to the complainant" in _reason_label(reopened, "reopen")


def test_a_case_transferred_out_of_reach_leads_to_the_queue_saying_where_it_went(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    number, bureau = _on_a_new_case(client, session_factory, web_settings, "tl", role="lead")
    other = next(code for code in ("health", "samr") if code != bureau)
    page = client.get(f"/staff/cases/{number}").data.decode()
    moved = client.post(f"/staff/cases/{number}/transfer", data={
        "csrf_token": form_token(page), "to_bureau": other, "reason": "属于其他部门职责"})
    assert moved.status_code == 303 and moved.location.endswith("/staff/")
    queue = client.get(moved.location).data.decode()
    assert number in queue and _bureau_zh(other) in queue and "不再在本局队列中" in queue
    # its page is no longer this lead's to open; the desk went there and said "not allowed"
    assert client.get(f"/staff/cases/{number}").status_code == 403
    # a coordinator, who reaches every case, stays on the case's page
    log_in(client, "tc", make_staff(session_factory, web_settings, username="tc",
                                    bureau="fso", role="coordinator"))
    page = client.get(f"/staff/cases/{number}").data.decode()
    back = client.post(f"/staff/cases/{number}/transfer", data={
        "csrf_token": form_token(page), "to_bureau": bureau, "reason": "改回原部门办理"})
    assert back.status_code == 303 and back.location.endswith(f"/staff/cases/{number}")


def test_a_queue_longer_than_its_page_says_so_and_what_an_export_holds(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _on_a_new_case(client, session_factory, web_settings, "ql", role="coordinator", bureau="fso")
    page = client.get("/staff/").data.decode()
    assert 'id="queue-cut"' not in page and 'id="export-note"' in page
    file_case(session_factory, web_settings, business="小李面馆")
    monkeypatch.setattr("web.staff.queue.QUEUE_LIMIT", 1)  # the page's size, not a component
    page = client.get("/staff/").data.decode()
    assert 'id="queue-cut"' in page and page.count('href="/staff/cases/FS') == 1
    client.set_cookie("lang", "en")
    english = client.get("/staff/").data.decode()
    assert "there are more" in english and "An export holds the cases of the present filter" in (
        english)


def test_the_statistics_give_the_weekly_figures_as_numbers_too(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    _number, bureau = _on_a_new_case(client, session_factory, web_settings, "sf",
                                     role="coordinator", bureau="fso")
    file_case(session_factory, web_settings, business="小李面馆")
    page = client.get("/staff/statistics").data.decode()
    table = page.split('id="weekly-figures"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if _bureau_zh(bureau) in r)
    cells = re.findall(r"<td>(?:<strong>)?(\d+)", row)
    assert len(cells) == 9 and cells[-1] == "2" and sum(map(int, cells[:-1])) == 2
    client.set_cookie("lang", "en")
    english = client.get("/staff/statistics").data.decode()
    assert "Cases per week" in english and "Week of" in english and "Total" in english


def test_a_charts_count_axis_has_whole_numbers_only(app: Flask) -> None:
    from datetime import date

    from intake.statistics import Figures
    from web.staff.stats import _pyplot, plot

    figures = Figures(weeks=[date(2026, 11, 30)], weekly={"samr": [1]}, overdue={"samr": 1},
                      topics=[("food-at-a-business", 1)], overrides=[(("samr", "health"), 1)],
                      total=1, district_wide=True)
    with app.test_request_context("/staff/statistics"):
        for chart in ("weekly", "overdue", "topics", "overrides"):
            fig = plot(chart, figures)
            try:
                axis = fig.axes[0].yaxis if chart == "weekly" else fig.axes[0].xaxis
                ticks = [t for t in axis.get_ticklocs() if t >= 0]
                assert ticks and all(float(t).is_integer() for t in ticks), (chart, ticks)
            finally:
                _pyplot().close(fig)


def test_the_audit_trail_names_staff_by_name_as_well_as_user_name(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    from intake.db import transaction
    from intake.models import StaffUser

    number, _bureau = _on_a_new_case(client, session_factory, web_settings, "an")
    with transaction(session_factory) as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == "an")).one()
        user.display_name = "王敏（市场监管局受理员）"
    page = client.get(f"/staff/cases/{number}").data.decode()
    trail = page.split('id="audit"')[1].split("</table>")[0]
    assert "王敏（市场监管局受理员） (an)" in trail
    assert "投诉人" in trail  # the complainant's line as before
