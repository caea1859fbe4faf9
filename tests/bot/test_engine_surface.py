"""The engine knows no platform: what an adapter can do is what it declares in its own file
(bot.turn.Surface), never read from its channel's name. A future adapter (WeChat, say) is
one thin file; these adapters are declared here, under names the engine has never heard of."""

from __future__ import annotations

import pytest
from chat_driver import ChatDriver
from sqlalchemy import select

from bot import notifier
from bot.engine import DialogueEngine
from bot.turn import Surface
from intake.db import transaction
from intake.models import Case, NotifierLink
from intake.service import accept_case
from intake.settings import Settings
from intake.staff import create_staff

FOLLOW_UP = "部门处理时我会在这里通知您"


def _complaint(chat: ChatDriver) -> None:
    chat.say("我在XX饭店吃出了苍蝇")
    chat.tap("biz:use")
    chat.tap("when:0")
    chat.tap("photos:skip")
    chat.say("13812345678")
    chat.tap("confirm:submit")
    assert chat.state == "idle" and "回执码" in chat.text, chat.text


def test_an_adapter_that_declares_follow_ups_gets_them_under_its_case_channel(
        dialogue: DialogueEngine, settings: Settings) -> None:
    pigeon = Surface(case_channel="chat", follows_up=True)
    chat = ChatDriver(dialogue, conversation_key="coop-7", user_id="pigeon-7",
                      channel="carrier-pigeon", surface=pigeon)
    _complaint(chat)
    assert FOLLOW_UP in chat.text  # promised: this adapter can reach the reporter
    with transaction(dialogue.session_factory) as session:
        case = session.scalars(select(Case)).one()
        assert case.channel == "chat"
        assert session.scalars(select(NotifierLink.channel)).all() == ["chat"]
        staff = create_staff(session, settings=settings, username="h1",
                             password="pw-123456789", bureau="samr", role="handler",
                             display_name="H")
        accept_case(session, settings=settings, actor=staff, case_number=case.case_number)
    with transaction(dialogue.session_factory) as session:
        delivered = notifier.claim_deliveries(session, settings=settings, channel="chat")
    # The notifier of that case channel reaches the conversation the complaint came from.
    assert [d.address for d in delivered] == ["coop-7"]


@pytest.mark.parametrize("channel", ["telegram", "smoke-signal"])
def test_an_adapter_that_declares_no_follow_up_promises_none_whatever_its_name(
        dialogue: DialogueEngine, channel: str) -> None:
    # Even under the name "telegram": the name decides nothing, the declaration does.
    chat = ChatDriver(dialogue, conversation_key=f"{channel}-1", user_id="4242",
                      channel=channel, surface=Surface(case_channel="web"))
    _complaint(chat)
    assert FOLLOW_UP not in chat.text
    with chat.session() as session:
        assert session.scalars(select(Case.channel)).one() == "web"
        assert session.scalars(select(NotifierLink)).all() == []


def test_an_adapter_that_declares_nothing_claims_nothing_of_a_platform(
        dialogue: DialogueEngine) -> None:
    chat = ChatDriver(dialogue, conversation_key="new-1", user_id=None, channel="wechat",
                      surface=Surface())
    chat.command("start")
    chat.tap("menu:tip")
    assert chat.state == "tip_notice" and "Telegram" not in chat.text
    chat.command("cancel")
    _complaint(chat)
    assert FOLLOW_UP not in chat.text
    with chat.session() as session:
        assert session.scalars(select(Case.channel)).one() == "chat"


def test_a_surface_must_name_a_case_channel_staff_know() -> None:
    with pytest.raises(ValueError, match="unknown case channel"):
        Surface(case_channel="wechat")


def test_the_project_adapters_declare_their_case_channels_and_follow_ups() -> None:
    from bot.console import SURFACE as CONSOLE
    from bot.telegram.handlers import SURFACE as TELEGRAM
    from web.chat import surface

    web = surface()
    assert (TELEGRAM.case_channel, TELEGRAM.follows_up) == ("telegram", True)
    assert (web.case_channel, web.follows_up) == ("chat", False)  # staff read "Web chat"
    assert (CONSOLE.case_channel, CONSOLE.follows_up) == ("chat", False)
