"""Every role in every kind of bureau against every staff read: page, queue, export, file.

The case is led by samr with health cooperating. The expected table is written out here,
independently of intake.authz, so a change to the rules shows up as a failing cell.
"""

from __future__ import annotations

import csv
import io

from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import form_token, log_in, make_staff, photo_bytes

from intake.db import transaction
from intake.drafts import CaseDraft, ContactDetails, NewAttachment
from intake.models import Attachment
from intake.routing.decision import Evidence, RoutingDecision
from intake.settings import Settings
from intake.submit import submit_case

ROLES = ("handler", "lead", "coordinator", "admin", "custodian")
BUREAUS = ("samr", "health", "agri", "fso")  # lead, cooperating, unrelated, coordinating
LEAD, CO = "samr", ("health",)

# (role, bureau) -> may read the case, see it in the queue and export, open its files
EXPECTED = {
    (role, bureau): role in ("coordinator", "admin") or bureau in ("samr", "health")
    for role in ROLES
    for bureau in BUREAUS
}


class FixedRouter:
    """Routing is not under test here: the case goes where the matrix needs it."""

    def route(self, text: str) -> RoutingDecision:
        return RoutingDecision(lead=LEAD, co=CO, confidence=0.9, needs_review=False,
                               evidence=(Evidence("test", "(五)", "饭店", "饭店"),))


def test_every_role_and_bureau_reads_lists_exports_and_downloads_exactly_what_it_may(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    draft = CaseDraft(kind="complaint", channel="web", text="在饭店吃坏了肚子，要求赔偿。",
                      business_name="矩阵饭店", contact=ContactDetails(phone="13800000000"),
                      attachments=[NewAttachment("p.jpg", "image/jpeg", photo_bytes())])
    with transaction(session_factory) as session:
        number = submit_case(session, settings=web_settings, draft=draft,
                             router=FixedRouter()).case_number
    with session_factory() as session:
        token = session.scalars(select(Attachment.token)).one()

    seen: dict[tuple[str, str], tuple[bool, bool, bool, bool, bool]] = {}
    for role in ROLES:
        for bureau in BUREAUS:
            username = f"{role}.{bureau}"
            client = app.test_client()
            log_in(client, username, make_staff(session_factory, web_settings,
                                                username=username, bureau=bureau, role=role))
            page = client.get(f"/staff/cases/{number}")
            assert page.status_code in (200, 403), (role, bureau, page.status_code)
            queue = client.get("/staff/?status=all").data.decode()
            rows = list(csv.reader(io.StringIO(
                client.get("/staff/export.csv?status=all").data.decode("utf-8-sig"))))
            sheet = load_workbook(io.BytesIO(client.get("/staff/export.xlsx?status=all").data))
            cells = {c.value for row in sheet.active.iter_rows() for c in row}
            download = client.get(f"/staff/cases/{number}/attachments/{token}")
            assert download.status_code in (200, 403), (role, bureau, download.status_code)
            seen[(role, bureau)] = (
                page.status_code == 200,
                number in queue,
                any(r and r[0] == number for r in rows),
                number in cells,
                download.status_code == 200,
            )

    wrong = {
        cell: got for cell, got in seen.items() if got != (EXPECTED[cell],) * 5
    }
    assert not wrong, f"(read, list, csv, xlsx, download) differ from the table: {wrong}"


def test_a_cooperating_bureau_may_read_but_not_act(
    app: Flask, session_factory: sessionmaker[Session], web_settings: Settings
) -> None:
    draft = CaseDraft(kind="tip", channel="web", text="饭店后厨不卫生。")
    with transaction(session_factory) as session:
        number = submit_case(session, settings=web_settings, draft=draft,
                             router=FixedRouter()).case_number
    client = app.test_client()
    log_in(client, "co", make_staff(session_factory, web_settings, username="co",
                                    bureau=CO[0]))
    page = client.get(f"/staff/cases/{number}")
    assert page.status_code == 200
    response = client.post(f"/staff/cases/{number}/accept",
                           data={"csrf_token": form_token(page.data)})
    assert response.status_code == 403
