"""The domain's ``foodsafe`` subcommands: keys, init-db, create-staff, demo-data."""

from __future__ import annotations

import os
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from intake.settings import ConfigurationError, Settings, load_settings, write_key_file


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc


def _prepare_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)


def _factory(settings: Settings) -> sessionmaker[Session]:
    from intake.db import make_engine, make_session_factory

    return make_session_factory(make_engine(settings.database_url))


@click.command()
@click.option("--init", "init", is_flag=True, help="Create the key file if it does not exist.")
def keys(init: bool) -> None:
    """Create the local key file (never prints the keys) / 生成本地密钥文件。"""
    if not init:
        raise click.UsageError("use `foodsafe keys --init`")
    env_path = os.environ.get("FOODSAFE_KEY_FILE")
    path = write_key_file(Path(env_path) if env_path else None)
    click.echo(f"key file: {path}")


@click.command("init-db")
def init_db() -> None:
    """Migrate the database to the latest schema / 升级数据库到最新结构。"""
    from intake.migrate import upgrade

    settings = _settings()
    _prepare_sqlite_dir(settings.database_url)
    upgrade(settings.database_url)
    click.echo(f"database at head: {make_url(settings.database_url).render_as_string()}")


@click.command("create-staff")
@click.option("--username", required=True)
@click.option("--bureau", required=True, help="Bureau code, e.g. samr, health, fso.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["handler", "lead", "coordinator", "admin", "custodian"]),
)
@click.option("--display-name", default="", help="Name shown to colleagues.")
@click.password_option(help="Prompted when not given (at least 10 characters).")
def create_staff(username: str, bureau: str, role: str, display_name: str, password: str) -> None:
    """Create a staff account / 创建工作人员账号。"""
    from intake.db import transaction
    from intake.errors import IntakeError
    from intake.staff import create_staff as create
    from intake.staff import totp_uri

    settings = _settings()
    try:
        with transaction(_factory(settings)) as session:
            user = create(
                session,
                settings=settings,
                username=username,
                password=password,
                bureau=bureau,
                role=role,
                display_name=display_name or username,
            )
            uri = totp_uri(settings, user)
    except IntakeError as exc:
        raise click.ClickException(f"{exc.message('en')} ({exc.detail})") from exc
    click.echo(f"created {user.username} ({user.role} @ {user.bureau})")
    click.echo(f"TOTP: {uri}")


@click.command("demo-data")
def demo_data() -> None:
    """Load demo staff and cases (idempotent) / 载入演示账号与案件。"""
    from intake.db import transaction
    from intake.demo import ensure_demo_staff, load_demo_cases

    settings = _settings()
    with transaction(_factory(settings)) as session:
        logins = ensure_demo_staff(session, settings=settings)
        submissions = load_demo_cases(session, settings=settings)
    click.echo("Demo staff logins / 演示账号 (password, then the TOTP code from the secret):")
    for login in logins:
        click.echo(
            f"  {login.username:<16} {login.role:<11} {login.bureau:<8} "
            f"password={login.password}  totp_secret={login.totp_secret}"
        )
        click.echo(f"  {'':<16} {login.totp_uri}")
    if submissions:
        click.echo(f"Demo cases / 演示案件: {len(submissions)} (receipts shown once):")
        for sub in submissions:
            click.echo(f"  {sub.case_number}  receipt={sub.receipt}  -> {sub.decision.lead}")
    else:
        click.echo("Demo cases already loaded / 演示案件已存在.")
