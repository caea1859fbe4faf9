"""Webhook mode refuses to start without its secret: a forged update must not get in."""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

from bot.telegram.app import WebhookNotConfigured, webhook_target
from intake.cli import main
from intake.settings import Settings


def test_webhook_without_a_secret_is_refused(settings: Settings) -> None:
    configured = replace(settings, telegram_webhook_url="https://bot.example/hook/abc123")
    with pytest.raises(WebhookNotConfigured, match="WEBHOOK_SECRET"):
        webhook_target(configured)


def test_webhook_without_an_address_is_refused(settings: Settings) -> None:
    with pytest.raises(WebhookNotConfigured, match="WEBHOOK_URL"):
        webhook_target(replace(settings, telegram_webhook_secret="s3cret"))


def test_webhook_target_gives_url_path_and_secret(settings: Settings) -> None:
    configured = replace(settings, telegram_webhook_url="https://bot.example/hook/abc123/",
                         telegram_webhook_secret="s3cret")
    assert webhook_target(configured) == ("https://bot.example/hook/abc123/", "abc123", "s3cret")


def test_foodsafe_bot_webhook_without_a_secret_stops_with_a_message(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.migrate import upgrade
    from intake.settings import Keys

    keys = Keys.generate()
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    upgrade(url)
    for name in ("pseudonym_key", "receipt_key", "encryption_key", "session_key"):
        monkeypatch.setenv(f"FOODSAFE_{name.upper()}", getattr(keys, name).hex())
    monkeypatch.setenv("FOODSAFE_KEY_FILE", str(tmp_path / "none.json"))
    monkeypatch.setenv("FOODSAFE_DATABASE_URL", url)
    monkeypatch.setenv("FOODSAFE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FOODSAFE_TELEGRAM_TOKEN", "123:fake")
    monkeypatch.setenv("FOODSAFE_TELEGRAM_WEBHOOK_URL", "https://bot.example/hook/abc123")
    monkeypatch.delenv("FOODSAFE_TELEGRAM_WEBHOOK_SECRET", raising=False)
    result = CliRunner().invoke(main, ["bot", "--webhook"])
    assert result.exit_code != 0
    assert "FOODSAFE_TELEGRAM_WEBHOOK_SECRET" in result.output
