"""The way out from everywhere, nonsense at every step, timeouts, languages, restarts and two
engines on one conversation."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from chat_driver import ChatDriver, FakeClock
from sqlalchemy import select, text

from bot.engine import DialogueEngine
from bot.states import TRANSITIONS, State
from intake.models import Case, Conversation
from intake.routing.router import default_router
from knowledge.faq import default_base


def _to_tip_notice(chat: ChatDriver) -> None:
    chat.tap("menu:tip")


def _to_what(chat: ChatDriver) -> None:
    chat.tap("menu:complaint")


def _to_business(chat: ChatDriver) -> None:
    _to_what(chat)
    chat.say("昨天在老王面馆吃出了一只苍蝇")


def _to_when(chat: ChatDriver) -> None:
    _to_business(chat)
    chat.say("老王面馆")


def _to_photos(chat: ChatDriver) -> None:
    _to_when(chat)
    chat.tap("when:1")


def _to_contact(chat: ChatDriver) -> None:
    _to_photos(chat)
    chat.photo()
    chat.tap("photos:done")


def _to_reward(chat: ChatDriver) -> None:
    _to_tip_notice(chat)
    chat.tap("tip:go")
    chat.say("华联超市把过期酸奶改了日期重新上架")
    chat.tap("biz:unknown")
    chat.tap("when:skip")
    chat.tap("photos:skip")


def _to_confirm(chat: ChatDriver) -> None:
    _to_contact(chat)
    chat.say("13812345678")


def _to_status_receipt(chat: ChatDriver) -> None:
    chat.tap("menu:status")


REACH: dict[State, Callable[[ChatDriver], None]] = {
    State.TIP_NOTICE: _to_tip_notice,
    State.REPORT_WHAT: _to_what,
    State.REPORT_BUSINESS: _to_business,
    State.REPORT_WHEN: _to_when,
    State.REPORT_PHOTOS: _to_photos,
    State.REPORT_CONTACT: _to_contact,
    State.REPORT_REWARD: _to_reward,
    State.REPORT_CONFIRM: _to_confirm,
    State.STATUS_RECEIPT: _to_status_receipt,
}
FLOW_STATES = sorted(REACH, key=lambda s: s.value)


def test_every_flow_state_is_reached_by_some_test() -> None:
    reachable_by_status_tests = {State.IDLE, State.STATUS_VIEW, State.STATUS_REPLY}
    assert set(TRANSITIONS) == set(REACH) | reachable_by_status_tests


@pytest.mark.parametrize("step", FLOW_STATES, ids=lambda s: s.value)
def test_cancel_from_every_step_returns_to_the_menu_with_the_draft_deleted(
        chat: ChatDriver, step: State, settings: object) -> None:
    REACH[step](chat)
    assert chat.state == step.value
    chat.command("cancel")
    assert chat.state == "idle" and chat.draft == {}
    assert "已取消" in chat.text and "menu:complaint" in chat.payloads
    staged = settings.data_dir / "bot-staging"  # type: ignore[attr-defined]
    assert not staged.exists() or list(staged.iterdir()) == []


@pytest.mark.parametrize("step", FLOW_STATES, ids=lambda s: s.value)
@pytest.mark.parametrize("nonsense", ["", "？", "🤷", "xyz:42-button"], ids=["empty", "mark",
                                                                            "emoji", "button"])
def test_nonsense_at_every_step_keeps_the_step_and_asks_again(
        chat: ChatDriver, step: State, nonsense: str) -> None:
    REACH[step](chat)
    before = chat.draft
    if nonsense.endswith("-button"):
        chat.tap(nonsense)
    else:
        chat.say(nonsense)
    assert chat.state == step.value
    assert chat.replies, "the person always gets an answer"
    assert chat.draft == before


@pytest.mark.parametrize("step", FLOW_STATES, ids=lambda s: s.value)
def test_help_and_language_switch_at_every_step_re_ask_the_same_question(
        chat: ChatDriver, step: State) -> None:
    REACH[step](chat)
    chat.command("help")
    assert "/cancel" in chat.text and chat.state == step.value
    chat.command("lang", "en")
    assert chat.state == step.value and "English" in chat.replies[0].text
    assert len(chat.replies) >= 2  # the step's question again, in English
    question = chat.replies[1].text.splitlines()[0]  # (a summary quotes the person's words)
    assert not any("\u4e00" <= c <= "\u9fff" for c in question)


def test_a_stale_conversation_restarts_politely(chat: ChatDriver, clock: FakeClock) -> None:
    _to_confirm(chat)
    clock.advance(minutes=31)
    chat.tap("confirm:submit")
    assert "重新开始" in chat.text and chat.state == "idle" and chat.draft == {}
    with chat.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_a_fresh_message_after_a_timeout_is_still_understood(
        chat: ChatDriver, clock: FakeClock) -> None:
    _to_when(chat)
    clock.advance(hours=2)
    chat.say("我在XX饭店吃出了苍蝇")
    assert "重新开始" in chat.text and chat.state == "report_business"


def test_a_new_engine_resumes_where_the_person_was(chat: ChatDriver,
                                                   dialogue: DialogueEngine) -> None:
    _to_photos(chat)
    restarted = DialogueEngine(settings=dialogue.settings,
                               session_factory=dialogue.session_factory,
                               knowledge=default_base(), router=default_router(),
                               clock=dialogue.clock)
    resumed = ChatDriver(restarted, conversation_key=chat.conversation_key,
                         user_id=chat.user_id)
    resumed.tap("photos:skip")
    assert resumed.state == "report_contact"
    assert resumed.draft["business"] == "老王面馆"


def test_two_engines_sharing_a_conversation_lose_no_turn(chat: ChatDriver,
                                                         dialogue: DialogueEngine) -> None:
    """Eight threads, two engines, one conversation: every turn is applied exactly once."""
    chat.command("start")
    second = DialogueEngine(settings=dialogue.settings, session_factory=dialogue.session_factory,
                            knowledge=default_base(), router=default_router(),
                            clock=dialogue.clock)
    drivers = [ChatDriver(engine, conversation_key=chat.conversation_key, user_id=chat.user_id)
               for engine in (dialogue, second)]
    start_version = chat.snapshot()["version"]
    turns_each, errors = 5, []

    def talk(driver: ChatDriver) -> None:
        for _ in range(turns_each):
            replies = driver.command("lang")
            if not replies or "Sorry" in replies[0].text or "抱歉" in replies[0].text:
                errors.append(replies)

    threads = [threading.Thread(target=talk, args=(drivers[i % 2],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert chat.snapshot()["version"] == start_version + 8 * turns_each
    assert chat.snapshot()["lang"] == "zh"  # 40 switches: back where it started


def test_the_platform_ids_are_never_stored_in_clear(chat: ChatDriver) -> None:
    chat.conversation_key = chat.user_id = "7788991122"
    _to_confirm(chat)
    chat.tap("confirm:submit")
    with chat.session() as session:
        dump = []
        for table in ("conversations", "notifier_links", "cases", "audit_events"):
            for row in session.execute(text(f"SELECT * FROM {table}")):  # noqa: S608
                dump.append(repr(tuple(row)))
        keys = session.scalars(select(Conversation.key_hash)).all()
    assert dump and "7788991122" not in "\n".join(dump)
    assert all(len(k) == 64 for k in keys)


def test_an_overlong_message_is_refused_without_touching_the_conversation(
        chat: ChatDriver) -> None:
    chat.say("x" * 20_000)
    assert "太长" in chat.text
    with chat.session() as session:
        assert session.scalars(select(Conversation)).all() == []


def test_abandoned_drafts_and_their_photos_are_swept_after_the_timeout(
        chat: ChatDriver, clock: FakeClock, dialogue: DialogueEngine, settings: object) -> None:
    from bot.engine import forget_stale_drafts

    _to_contact(chat)
    staged = settings.data_dir / "bot-staging"  # type: ignore[attr-defined]
    assert len(list(staged.iterdir())) == 1
    assert forget_stale_drafts(dialogue) == 0  # not stale yet
    clock.advance(minutes=31)
    assert forget_stale_drafts(dialogue) == 1
    assert chat.draft == {} and chat.state == "idle"
    assert list(staged.iterdir()) == []


@pytest.mark.parametrize(("link", "state"), [("tip", "tip_notice"), ("complaint", "report_what"),
                                             ("status", "status_receipt"), ("nonsense", "idle")])
def test_a_start_deep_link_opens_its_flow(chat: ChatDriver, link: str, state: str) -> None:
    chat.command("start", link)
    assert chat.state == state and chat.replies
