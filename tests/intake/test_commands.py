"""The domain's CLI: keys, init-db, create-staff and demo-data on a fresh install."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from intake.casefile import is_overdue
from intake.cli import main
from intake.clock import local_today
from intake.db import make_engine, make_session_factory
from intake.models import Case, StaffUser
from intake.staff import authenticate


@pytest.fixture
def install(tmp_path, monkeypatch):
    """A fresh local install: key file and data directory under tmp_path."""
    for name in ("PSEUDONYM_KEY", "RECEIPT_KEY", "ENCRYPTION_KEY", "SESSION_KEY", "DATABASE_URL"):
        monkeypatch.delenv(f"FOODSAFE_{name}", raising=False)
    monkeypatch.setenv("FOODSAFE_KEY_FILE", str(tmp_path / "config" / "keys.json"))
    monkeypatch.setenv("FOODSAFE_DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def _run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def _session(install):
    engine = make_engine(f"sqlite:///{install / 'var' / 'foodsafe.sqlite3'}")
    return make_session_factory(engine)()


def test_keys_init_writes_a_private_key_file_and_never_prints_a_key(install):
    result = _run("keys", "--init")
    path = install / "config" / "keys.json"
    assert result.exit_code == 0 and str(path) in result.output
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    for value in json.loads(path.read_text()).values():
        assert value not in result.output
    before = path.read_text()
    _run("keys", "--init")
    assert path.read_text() == before  # never overwritten


def test_commands_fail_clearly_without_keys(install):
    result = _run("init-db")
    assert result.exit_code != 0 and "foodsafe keys --init" in result.output


def test_init_db_then_demo_data_twice_gives_one_set_of_staff_and_cases(install):
    _run("keys", "--init")
    assert _run("init-db").exit_code == 0
    first = _run("demo-data")
    second = _run("demo-data")
    assert first.exit_code == 0 and second.exit_code == 0
    assert "receipt=" in first.output and "receipt=" not in second.output
    for role in ("handler", "lead", "coordinator", "admin", "custodian"):
        assert role in first.output
    assert "otpauth://totp/" in first.output
    with _session(install) as session:
        assert session.scalar(select(func.count(StaffUser.id))) == 9
        assert session.scalar(select(func.count(Case.id))) == 12
        assert len(set(session.scalars(select(Case.lead_bureau)))) >= 4
        # filed over the last weeks: the month-old complaint nobody accepted is overdue
        today = local_today()
        assert any(is_overdue(case, today) for case in session.scalars(select(Case)))
        # the printed password works, and is the same on the second run
        line = next(line for line in second.output.splitlines() if "fso.custodian" in line)
        password = line.split("password=")[1].split()[0]
        assert password in first.output
        assert authenticate(session, username="fso.custodian", password=password).role == (
            "custodian"
        )


def test_create_staff_prompts_for_the_password(install):
    _run("keys", "--init")
    _run("init-db")
    result = _run(
        "create-staff",
        "--username",
        "chen.jing",
        "--bureau",
        "health",
        "--role",
        "lead",
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "a long enough password" not in result.output.split("Repeat")[-1]
    with _session(install) as session:
        user = authenticate(session, username="chen.jing", password="a long enough password")
        assert (user.bureau, user.role) == ("health", "lead")
    refused = _run(
        "create-staff",
        "--username",
        "x",
        "--bureau",
        "moon",
        "--role",
        "lead",
        input="a long enough password\na long enough password\n",
    )
    assert refused.exit_code != 0 and "bureau" in refused.output
