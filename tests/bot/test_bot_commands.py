"""`foodsafe bot` without a token, `foodsafe chat` in a terminal, webhook mode, and the
notifier's at-most-once claim."""

from __future__ import annotations

import io
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from sqlalchemy import select
from telegram_harness import RunningBot

from bot import notifier
from bot.commands import bot as bot_command
from bot.console import run_console
from bot.engine import DialogueEngine
from intake.db import transaction
from intake.drafts import ContactDetails
from intake.models import Case
from intake.pseudonyms import contact_pseudonym
from intake.service import accept_case
from intake.settings import KEY_NAMES, Keys, Settings
from intake.staff import create_staff


def test_bot_without_a_token_explains_botfather_and_the_console(keys: Keys) -> None:
    env = {f"FOODSAFE_{name.upper()}": getattr(keys, name).hex() for name in KEY_NAMES}
    env["FOODSAFE_TELEGRAM_TOKEN"] = ""
    result = CliRunner().invoke(bot_command, [], env=env)
    assert result.exit_code == 1
    assert "@BotFather" in result.output and "foodsafe chat" in result.output


def test_console_chat_files_a_complaint_with_numbered_buttons(dialogue: DialogueEngine) -> None:
    typed = "\n".join(["我在老王面馆吃出了一只苍蝇", "1", "2", "/photo /no/such/file.jpg", "2",
                       "13812345678", "1", "/lang en", "/quit", "never read"]) + "\n"
    out = io.StringIO()
    run_console(dialogue, stdin=io.StringIO(typed), stdout=out, conversation_key="term-1")
    printed = out.getvalue()
    assert "[1] 我要投诉" in printed and "回执码" in printed
    assert "（无法读取这个文件 / cannot read that file）" in printed  # it was English only
    assert "Switched to English" in printed and "never read" not in printed
    with dialogue.session_factory() as session:
        case = session.scalars(select(Case)).one()
        # The console knows no platform identity: the complaint is known only by the keyed
        # pseudonym of the phone it gave (for serial-complainant review), never the phone.
        expected = contact_pseudonym(dialogue.settings.keys.pseudonym_key,
                                     ContactDetails(phone="13812345678"))
        assert case.channel == "chat" and case.reporter_pseudonym == expected


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi().start()
    yield server
    server.stop()


def test_webhook_mode_serves_updates_posted_with_the_secret_only(
        api: FakeBotApi, dialogue: DialogueEngine) -> None:
    port = _free_port()
    running = RunningBot(api, dialogue)
    running.start(webhook={"listen": "127.0.0.1", "port": port, "url_path": "tg-hook",
                           "webhook_url": "https://bot.example.test/tg-hook",
                           "secret_token": "hook-secret-1"})
    try:
        assert api.calls("setWebhook")[-1].params["secret_token"] == "hook-secret-1"
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": 1, "text": "你好",
            "chat": {"id": 31337, "type": "private"},
            "from": {"id": 31337, "is_bot": False, "first_name": "x"}}}

        def post(secret: str) -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/tg-hook", data=json.dumps(update).encode(),
                headers={"Content-Type": "application/json",
                         "X-Telegram-Bot-Api-Secret-Token": secret})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    return int(response.status)
            except urllib.error.HTTPError as error:
                return int(error.code)

        assert post("wrong") == 403
        assert post("hook-secret-1") == 200
        api.wait_for(lambda: len(api.sent(31337)) == 1)
        assert "食品安全助手" in api.sent_texts(31337)[0]
    finally:
        running.stop()


def test_a_notification_is_claimed_by_one_notifier_only(dialogue: DialogueEngine,
                                                        settings: Settings) -> None:
    from chat_driver import ChatDriver

    chat = ChatDriver(dialogue, conversation_key="77001", user_id="77001")
    for step in (lambda: chat.say("我在XX饭店吃出了苍蝇"), lambda: chat.tap("biz:use"),
                 lambda: chat.tap("when:0"), lambda: chat.tap("photos:skip"),
                 lambda: chat.say("13812345678"), lambda: chat.tap("confirm:submit")):
        step()
    with transaction(dialogue.session_factory) as session:
        number = session.scalars(select(Case.case_number)).one()
        actor = create_staff(session, settings=settings, username="h1", password="pw-123456789",
                             bureau="samr", role="handler", display_name="H")
        accept_case(session, settings=settings, actor=actor, case_number=number)
    with transaction(dialogue.session_factory) as first:
        claimed = notifier.claim_deliveries(first, settings=settings, channel="telegram")
    with transaction(dialogue.session_factory) as second:
        again = notifier.claim_deliveries(second, settings=settings, channel="telegram")
    assert [d.address for d in claimed] == ["77001"] and again == []
    assert number in claimed[0].text and "苍蝇" not in claimed[0].text
    with transaction(dialogue.session_factory) as session:
        notifier.release(session, notification_id=claimed[0].notification_id)
    with transaction(dialogue.session_factory) as session:
        assert len(notifier.claim_deliveries(session, settings=settings,
                                             channel="telegram")) == 1
