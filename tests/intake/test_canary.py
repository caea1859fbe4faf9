"""The canary: a marker text, a fake IP and a fake platform id go through the service;
afterwards no log line and no byte of the database (SQLite files; PostgreSQL tables and
pg_dump output) holds the id or the IP, the marker is only inside the case text, and the
opted-in contact is unreadable."""

from __future__ import annotations

import logging
import secrets
import shutil
import subprocess
from pathlib import Path

import intake_factories as factories
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlite_files import sqlite_file_bytes

from intake import service
from intake.db import Base
from intake.drafts import ContactDetails, ReporterIdentity
from intake.errors import CaseNotFound
from intake.models import Case
from intake.receipts import new_receipt

PG_DUMP = shutil.which("pg_dump")


def _everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        lines.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            lines.append(repr(record.exc_info[1]))
    return "\n".join(lines)


def _database_bytes(db_url: str) -> bytes:
    """Every byte SQLite keeps: the database file, its WAL and shared-memory files."""
    return sqlite_file_bytes(db_url)


def _pg_dump(db_url: str) -> str:
    """The database's data as pg_dump writes it (what a backup would hold)."""
    url = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [PG_DUMP, "--data-only", "--no-owner", url], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def _table_dump(session) -> dict[str, str]:
    """Every row of every table, as text (PostgreSQL's contents, and SQLite's as well)."""
    dump = {}
    for table in Base.metadata.sorted_tables:
        rows = session.execute(text(f"SELECT * FROM {table.name}")).all()  # noqa: S608
        dump[table.name] = "\n".join(repr(tuple(row)) for row in rows)
    return dump


def test_the_reporters_ip_and_platform_id_never_reach_a_log_or_the_database(
    session, settings, db_url, caplog
):
    marker = f"CANARY{secrets.token_hex(8)}"
    platform_id = str(7_000_000_000 + secrets.randbelow(999_999_999))
    fake_ip = f"198.51.100.{secrets.randbelow(200) + 20}"
    contact_name = f"NAME{secrets.token_hex(6)}"
    phone = f"139{secrets.randbelow(10**8):08d}"
    caplog.set_level(logging.DEBUG)  # every logger...
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # ...and every SQL statement

    # Given a tip with the marker, sent from Telegram with contact details opted in
    draft = factories.tip(
        text=f"举报：{marker} 这家店把过期肉重新包装出售",
        contact=ContactDetails(name=contact_name, phone=phone),
    )
    result = service.submit_case(
        session,
        settings=settings,
        draft=draft,
        reporter=ReporterIdentity("telegram", platform_id),
    )
    session.commit()
    # When the reporter looks it up from that IP, guesses wrong once and writes again
    service.find_case_by_receipt(
        session, settings=settings, receipt=result.receipt, client_key=fake_ip
    )
    with pytest.raises(CaseNotFound):
        service.find_case_by_receipt(
            session, settings=settings, receipt=new_receipt(), client_key=fake_ip
        )
    service.add_reporter_message(
        session,
        settings=settings,
        receipt=result.receipt,
        text="补充：周五晚上最明显",
        client_key=fake_ip,
    )
    # and staff work on the case
    handler = factories.staff(session, settings, bureau=result.decision.lead)
    args = {"settings": settings, "actor": handler, "case_number": result.case_number}
    service.view_case(session, **args)
    service.accept_case(session, **args)
    service.reply_to_reporter(session, text="已收到，正在核查", **args)
    session.commit()
    receipt = result.receipt  # only its keyed hash may be stored
    compact = receipt.replace("-", "")

    # Then no log line holds the id, the IP, the marker, the contact or the receipt
    logged = _everything_logged(caplog)
    assert caplog.records, "the canary must have captured log records"
    for secret in (platform_id, fake_ip, marker, contact_name, phone, receipt, compact):
        assert secret not in logged

    # and in the database the marker is only in cases.text; id, IP and contact nowhere
    dump = _table_dump(session)
    assert marker in dump["cases"]
    holders = {name for name, rows in dump.items() if marker in rows}
    assert holders == {"cases"}
    case = session.scalar(select(Case).where(Case.case_number == result.case_number))
    assert marker in case.text
    assert all(
        marker not in str(getattr(case, c.key)) for c in Case.__table__.columns if c.key != "text"
    )
    for name, rows in dump.items():
        for secret in (platform_id, fake_ip, contact_name, phone, receipt, compact):
            assert secret not in rows, f"{secret!r} found in table {name}"

    if make_url(db_url).get_backend_name() == "postgresql" and PG_DUMP:
        backup = _pg_dump(db_url)
        assert marker in backup
        for secret in (platform_id, fake_ip, contact_name, phone, receipt, compact):
            assert secret not in backup

    if make_url(db_url).get_backend_name() == "sqlite":
        raw = _database_bytes(db_url)
        assert marker.encode() in raw, "the byte search must see what the database holds"
        for secret in (platform_id, fake_ip, contact_name, phone, receipt, compact):
            assert secret.encode() not in raw

    # and nothing in the data directory (uploads) holds them either
    for path in Path(settings.data_dir).rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in (platform_id, fake_ip, marker, contact_name, phone):
                assert secret.encode() not in content
