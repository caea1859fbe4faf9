"""Storage faults: a full disk or an unreachable database never shows a receipt for a case
that was not stored, never leaves half a case behind, and tells the citizen to try again.

The full disk is a SQLite database capped with ``PRAGMA max_page_count`` at its current
size (the same SQLITE_FULL a full file system gives); the unreachable database is a
PostgreSQL URL on a port where nothing listens. Both are real failures of the real driver.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from web_factories import API_KEY, RELAXED_LIMITS, form_token, photo_bytes, receipt_on

from intake import audit
from intake.db import make_engine, make_session_factory, transaction
from intake.drafts import CaseDraft, ContactDetails, NewAttachment
from intake.migrate import upgrade
from intake.models import Attachment, AuditEvent, Case, Contact
from intake.settings import Settings
from intake.submit import submit_case
from web.app import create_app
from web.runtime import EXTENSION_KEY, Runtime

TRY_AGAIN = "请稍后重试"
NOT_STORED = "没有看到回执码，说明提交没有完成"
# Long enough to need fresh database pages (the text is stored, so a full disk must refuse it).
LONG_COMPLAINT = "昨天在幸福路老王饭店吃的凉菜里有苍蝇，全家腹泻，要求赔偿。" * 150
UNREACHABLE_POSTGRES = "postgresql://postgres@127.0.0.1:9/foodsafe_nowhere"


def rows(engine: Engine) -> dict[str, int]:
    """How many rows each case-bearing table holds (read without any cap)."""
    counted = {}
    with Session(engine) as session:
        for model in (Case, AuditEvent, Contact, Attachment):
            counted[model.__tablename__] = int(
                session.scalar(select(func.count()).select_from(model)) or 0
            )
    return counted


def files_under(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def capped_runtime(settings: Settings, url: str) -> Runtime:
    """A runtime whose SQLite database cannot grow by a single page: a full disk."""
    with make_engine(url).connect() as probe:
        pages = int(probe.execute(text("PRAGMA page_count")).scalar() or 0)
    engine = make_engine(url)

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", cap)
    return Runtime(settings=settings, engine=engine, session_factory=make_session_factory(engine))


@pytest.fixture
def full_disk(tmp_path: Path, keys_settings: Settings) -> Iterator[tuple[Flask, Engine, Settings]]:
    url = f"sqlite:///{tmp_path / 'full.sqlite3'}"
    upgrade(url)
    settings = replace(keys_settings, database_url=url)
    app = create_app(settings, **RELAXED_LIMITS)
    app.extensions[EXTENSION_KEY].engine.dispose()
    app.extensions[EXTENSION_KEY] = capped_runtime(settings, url)
    reader = make_engine(url)
    yield app, reader, settings
    app.extensions[EXTENSION_KEY].engine.dispose()
    reader.dispose()


@pytest.fixture
def keys_settings(settings: Settings) -> Settings:
    return replace(settings, open311_api_keys=(API_KEY,))


@pytest.fixture
def database_down(keys_settings: Settings) -> Iterator[FlaskClient]:
    app = create_app(replace(keys_settings, database_url=UNREACHABLE_POSTGRES), **RELAXED_LIMITS)
    yield app.test_client()
    app.extensions[EXTENSION_KEY].engine.dispose()


def file_complaint(client: FlaskClient, text_: str = LONG_COMPLAINT, photo: bool = True):
    page = client.get("/complaint")
    data: dict[str, Any] = {
        "csrf_token": form_token(page.data), "text": text_, "business_name": "老王饭店",
        "name": "张三", "phone": "13800000000",
    }
    if photo:
        data["attachments"] = [(BytesIO(photo_bytes()), "IMG_0001.jpg")]
    return client.post("/complaint", data=data, content_type="multipart/form-data")


def assert_try_again_without_receipt(response: Any) -> None:
    page = response.data.decode()
    assert response.status_code == 503
    assert response.headers.get("Retry-After")
    assert TRY_AGAIN in page and NOT_STORED in page
    assert 'id="receipt"' not in page
    assert "Traceback" not in page and "sqlite" not in page.lower()


def test_a_full_disk_tells_the_citizen_to_try_again_and_stores_nothing(
    full_disk: tuple[Flask, Engine, Settings],
) -> None:
    app, reader, _settings = full_disk
    before = rows(reader)

    response = file_complaint(app.test_client())

    assert_try_again_without_receipt(response)
    assert rows(reader) == before == {"cases": 0, "audit_events": 0, "contacts": 0,
                                      "attachments": 0}


def test_after_space_is_freed_the_same_complaint_gets_its_receipt(
    full_disk: tuple[Flask, Engine, Settings],
) -> None:
    app, reader, settings = full_disk
    assert file_complaint(app.test_client()).status_code == 503

    # Given space again (the cap lifted), when the citizen retries, the case is stored once.
    app.extensions[EXTENSION_KEY].engine.dispose()
    app.extensions[EXTENSION_KEY] = Runtime.start(settings)
    response = file_complaint(app.test_client())

    assert response.status_code == 200
    assert receipt_on(response.data)
    assert rows(reader)["cases"] == 1


def test_a_refused_submission_leaves_no_attachment_files_behind(
    full_disk: tuple[Flask, Engine, Settings],
) -> None:
    app, _reader, settings = full_disk
    assert file_complaint(app.test_client()).status_code == 503
    assert files_under(settings.upload_dir) == []


@pytest.mark.parametrize("path", ["/complaint", "/tip"])
def test_an_unreachable_database_makes_the_reporter_forms_say_try_again(
    database_down: FlaskClient, path: str
) -> None:
    page = database_down.get(path)
    response = database_down.post(path, data={
        "csrf_token": form_token(page.data), "text": "华联超市把过期酸奶改日期重新上架。",
        "name": "张三", "phone": "13800000000",
    })
    assert_try_again_without_receipt(response)


def test_an_unreachable_database_makes_the_status_lookup_say_try_again(
    database_down: FlaskClient,
) -> None:
    page = database_down.get("/status")
    response = database_down.post("/status", data={
        "csrf_token": form_token(page.data), "receipt": "7KQ2M-9XDAB-C3EFG-HJK4N"})
    assert response.status_code == 503
    assert TRY_AGAIN in response.data.decode()


def test_an_unreachable_database_gives_api_clients_a_503_in_json(
    database_down: FlaskClient,
) -> None:
    response = database_down.post("/open311/v2/requests.json", data={
        "api_key": API_KEY, "service_code": "tip", "description": "过期酸奶改日期上架。"})
    assert response.status_code == 503
    body = response.get_json()
    assert body[0]["code"] == 503 and "receipt" not in response.data.decode()


class InjectedFault(RuntimeError):
    """A failure planted inside the submission's transaction."""


def test_a_failure_after_the_case_row_is_written_rolls_the_whole_case_back(
    session_factory: sessionmaker[Session], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the audit write fails after the case, its sealed contact and its photo were written,
    recorded = audit.record_at_once

    def failing_record(session: Session, **kwargs: Any) -> Any:
        session.flush()
        # The case and its parts are written in this transaction, there to be rolled back.
        assert session.scalar(select(func.count(Attachment.id))) == 1
        assert session.scalar(select(func.count(Contact.id))) == 1
        raise InjectedFault("audit store failed")

    monkeypatch.setattr(audit, "record_at_once", failing_record)
    draft = CaseDraft(kind="complaint", channel="web", text="老王饭店的凉菜有苍蝇，全家腹泻。",
                      business_name="老王饭店", contact=ContactDetails(phone="13800000000"),
                      attachments=[NewAttachment("x", "image/jpeg", photo_bytes())])
    with pytest.raises(InjectedFault), transaction(session_factory) as session:
        submit_case(session, settings=settings, draft=draft)
    monkeypatch.setattr(audit, "record_at_once", recorded)

    # then not one row of the case survives, on either database.
    engine = session_factory.kw["bind"]
    assert rows(engine) == {"cases": 0, "audit_events": 0, "contacts": 0, "attachments": 0}


@pytest.fixture
def full_upload_disk(tmp_path: Path, keys_settings: Settings, db_url: str) -> Iterator[Flask]:
    """The upload directory on a 64 KB tmpfs filled to the last byte (needs root to mount)."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                              str(mountpoint)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        with contextlib.suppress(OSError), (mountpoint / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        app = create_app(replace(keys_settings, data_dir=mountpoint, database_url=db_url),
                         **RELAXED_LIMITS)
        yield app
        app.extensions[EXTENSION_KEY].engine.dispose()
    finally:
        subprocess.run(["umount", str(mountpoint)], check=False)


def test_a_full_upload_disk_says_try_again_and_stores_no_case(
    full_upload_disk: Flask, session_factory: sessionmaker[Session],
) -> None:
    response = file_complaint(full_upload_disk.test_client(), "老王饭店的凉菜有苍蝇，全家腹泻。")
    assert_try_again_without_receipt(response)
    assert rows(session_factory.kw["bind"]) == {"cases": 0, "audit_events": 0, "contacts": 0,
                                               "attachments": 0}
