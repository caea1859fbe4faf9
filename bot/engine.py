"""The dialogue engine: one turn in, the replies out, the conversation kept in the database.

``DialogueEngine.handle(Incoming)`` knows nothing of Telegram, the terminal or the web; the
adapters translate. Each turn runs in one transaction: it loads the conversation (keyed by
a keyed hash of channel and platform conversation id), runs the step for its state, and
writes the new state and draft back with an optimistic version check. When two processes
serve the same conversation at once, the loser's transaction (including any case it was
about to submit) rolls back and its turn is replayed on the fresh state, so a restart or a
second instance resumes exactly where the person was.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from bot import staging
from bot.dialogue import STEPS
from bot.flows import menu, report
from bot.flows.common import (
    KEPT_ACROSS_DRAFTS,
    has_draft,
    label_key,
    leave_draft,
    menu_buttons,
    reset_draft,
)
from bot.messages import normalise_lang, say
from bot.redaction import describe_exception
from bot.states import State, check_transition
from bot.turn import Button, Incoming, KnowledgeSource, Outgoing, TextRouter, Turn
from intake.clock import local_today
from intake.crypto import Sealer, derive_key
from intake.db import transaction
from intake.models import Conversation
from intake.settings import Settings

__all__ = ["Button", "DialogueEngine", "Incoming", "Outgoing"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = timedelta(minutes=30)
# Longer than any answer we accept; beyond it we do not even read the message.
MAX_INCOMING = 10_000
MAX_ATTEMPTS = 12
# Longer than any button's label (就是“<a 14-character business>”, "Leave contact for a reward").
MAX_LABEL = 40
COMMANDS = frozenset({"start", "help", "cancel", "lang", "status"})
DEEP_LINKS = {"complaint": "menu:complaint", "tip": "menu:tip", "status": "menu:status"}


class DialogueEngine:
    """The assistant, independent of any platform; thread-safe (state lives in the database)."""

    def __init__(
        self,
        *,
        settings: Settings,
        session_factory: sessionmaker[Session],
        knowledge: KnowledgeSource,
        router: TextRouter,
        timeout: timedelta = DEFAULT_TIMEOUT,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.knowledge = knowledge
        self.router = router
        self.timeout = timeout
        self.clock = clock or (lambda: datetime.now(UTC))
        self._conversation_key = derive_key(settings.keys.pseudonym_key, "bot-conversation")
        self._sealer = Sealer.for_purpose(settings.keys.encryption_key, "bot-draft")

    def key_hash(self, channel: str, conversation_key: str) -> str:
        """The stored key of a conversation: the platform id itself is never stored."""
        message = f"{channel}\x00{conversation_key}".encode()
        return hmac.new(self._conversation_key, message, hashlib.sha256).hexdigest()

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """The replies to one incoming message; never raises for anything a person sends."""
        if incoming.text is not None and len(incoming.text) > MAX_INCOMING:
            return [Outgoing(say("too_long", normalise_lang(incoming.lang), limit=MAX_INCOMING))]
        key_hash = self.key_hash(incoming.channel, incoming.conversation_key)
        for attempt in range(MAX_ATTEMPTS):
            try:
                turn = self._turn(incoming, key_hash)
            except (StaleDataError, IntegrityError):
                # Another process moved this conversation on first: replay on its state,
                # after a short random pause so that racing turns spread out.
                time.sleep(random.uniform(0, 0.005 * (attempt + 1)))  # noqa: S311 - jitter
                continue
            except Exception as exc:  # a person gets an apology, the log only a type and place
                log.error("dialogue turn failed: %s", describe_exception(exc))
                return [Outgoing(say("error", normalise_lang(incoming.lang)))]
            for action in turn.after_commit:
                action()
            return turn.replies
        log.warning("dialogue turn gave up after %d conflicting attempts", MAX_ATTEMPTS)
        return [Outgoing(say("error", normalise_lang(incoming.lang)))]

    # -- one attempt ----------------------------------------------------------------------

    def _turn(self, incoming: Incoming, key_hash: str) -> Turn:
        now = self.clock()
        with transaction(self.session_factory) as session:
            conversation = self._conversation(session, incoming, key_hash, now)
            turn = Turn(
                incoming=incoming, session=session, settings=self.settings,
                knowledge=self.knowledge, router=self.router, sealer=self._sealer,
                key_hash=key_hash, today=local_today(now), lang=conversation.lang,
                # A deep copy: the stored value must not change under SQLAlchemy's feet, or
                # an in-place append would look like "no change" and never be written.
                data=copy.deepcopy(dict(conversation.data or {})),
            )
            state = self._state(conversation, turn, now)
            state = self._dispatch(turn, state)
            conversation.state = state.value
            conversation.data = dict(turn.data)
            conversation.lang = turn.lang
            conversation.updated_at = now  # always written, so the version always moves on
        return turn

    def _conversation(self, session: Session, incoming: Incoming, key_hash: str,
                      now: datetime) -> Conversation:
        # FOR UPDATE (PostgreSQL; SQLite serialises writers anyway) queues a second process's
        # turn behind the first instead of letting both run and one replay; the version
        # check stays as the guard that makes a lost update impossible either way.
        found = session.scalar(select(Conversation).where(Conversation.key_hash == key_hash)
                               .with_for_update())
        if found is not None:
            return found
        created = Conversation(key_hash=key_hash, channel=incoming.channel[:16],
                               state=State.IDLE.value, data={},
                               lang=normalise_lang(incoming.lang), created_at=now,
                               updated_at=now)
        session.add(created)
        session.flush()  # a concurrent first message collides here and is replayed
        return created

    def _state(self, conversation: Conversation, turn: Turn, now: datetime) -> State:
        """The stored state, or IDLE (said politely) when the conversation went stale."""
        try:
            state = State(conversation.state)
        except ValueError:
            state = State.IDLE
        updated = conversation.updated_at
        if updated is not None and updated.tzinfo is None:
            updated = updated.replace(tzinfo=UTC)
        stale = updated is not None and now - updated > self.timeout
        if stale and (state is not State.IDLE or has_draft(turn.data)):
            reset_draft(turn)
            turn.say("timed_out")
            return State.IDLE
        return state

    # -- dispatch -------------------------------------------------------------------------

    def _dispatch(self, turn: Turn, state: State) -> State:
        incoming = turn.incoming
        if incoming.text and not (incoming.button or incoming.attachments or incoming.command):
            # "不清楚", "保持匿名", "确认提交" typed rather than tapped (a console, a habit, an
            # old phone): the button it names, not a business called "不清楚".
            payload = _typed_button(turn, state)
            if payload is not None:
                turn.incoming = incoming = replace(incoming, text=None, button=payload)
        if incoming.command is not None:
            return self._command(turn, state, incoming.command.lower().lstrip("/"))
        if incoming.button:
            chosen = menu.on_menu(turn)
            if chosen is not None:
                return self._enter(turn, state, chosen, by_command=True)
        elif menu.cancels(turn.text, state):
            return self._enter(turn, state, menu.cancel(turn, in_flow=state is not State.IDLE),
                               by_command=True)
        elif turn.text.lower() in menu.HELP_WORDS:
            return self._command(turn, state, "help")
        elif report.receipt_aside(turn, state) or report.returned(turn, state):
            # an earlier case's receipt, mid-report; "我回来了 刚才说到哪了"
            return self._enter(turn, state, state)
        if incoming.attachments and state in report.PHOTOS_ASIDE:
            report.keep_photos(turn, state)
            if turn.reprompt:
                return self._enter(turn, state, state)
        following = STEPS[state].on(turn)
        if turn.redispatch:
            check_transition(state, following)
            turn.redispatch = False
            state, following = State.IDLE, STEPS[State.IDLE].on(turn)
        return self._enter(turn, state, following)

    def _enter(self, turn: Turn, state: State, following: State, *,
               by_command: bool = False) -> State:
        check_transition(state, following, by_command=by_command)
        if following is not state or turn.reprompt:
            STEPS[following].ask(turn)
        return following

    def _command(self, turn: Turn, state: State, command: str) -> State:
        name, _, inline_argument = command.partition(" ")
        argument = inline_argument.strip() or turn.text or None
        if name == "start" and argument in DEEP_LINKS:
            # t.me/<bot>?start=tip: a link on the web page opens the right flow directly.
            turn.incoming = replace(turn.incoming, button=DEEP_LINKS[argument])
            chosen = menu.on_menu(turn)
            if chosen is not None:
                return self._enter(turn, state, chosen, by_command=True)
        if name == "start":
            return self._enter(turn, state, menu.start(turn), by_command=True)
        if name == "cancel":
            in_flow = state is not State.IDLE or has_draft(turn.data)
            return self._enter(turn, state, menu.cancel(turn, in_flow=in_flow), by_command=True)
        if name == "status":
            leave_draft(turn)
            return self._enter(turn, state, State.STATUS_RECEIPT, by_command=True)
        if name == "lang":
            menu.switch_language(turn, argument)
        else:  # help, and anything unknown
            turn.say("help", *(menu_buttons(turn) if state is State.IDLE else ()))
        if state is not State.IDLE:
            STEPS[state].ask(turn)
        return state


def _typed_button(turn: Turn, state: State) -> str | None:
    """The payload of the button of ``state``'s question whose label the person typed. The
    question is asked again on a scratch turn (nothing is sent, stored or written), so no
    list of offered buttons has to be kept with the conversation."""
    typed = label_key(turn.text)
    if len(typed) > MAX_LABEL:  # an account, not a label: no question asked for nothing
        return None
    scratch = replace(turn, replies=[], reprompt=True, data=copy.deepcopy(turn.data),
                      after_commit=[])
    STEPS[state].ask(scratch)
    return next((button.payload for reply in scratch.replies for button in reply.buttons
                 if label_key(button.label) == typed), None)


def forget_stale_drafts(engine: DialogueEngine, *, limit: int = 500) -> int:
    """Delete the drafts (and staged photos) of conversations silent for longer than the
    timeout; how many were forgotten. An abandoned report should not sit in the database
    waiting for a person who never comes back."""
    cutoff = engine.clock() - engine.timeout
    forgotten = 0
    try:
        with transaction(engine.session_factory) as session:
            rows = session.scalars(
                select(Conversation)
                .where(Conversation.updated_at < cutoff, Conversation.state != State.IDLE.value)
                .limit(limit)
            ).all()
            photos: list[str] = []
            for row in rows:
                photos.extend(str(token) for token in (row.data or {}).get("photos", []))
                kept = {k: v for k, v in (row.data or {}).items() if k in KEPT_ACROSS_DRAFTS}
                row.data, row.state = kept, State.IDLE.value
                forgotten += 1
    except StaleDataError:  # someone came back meanwhile: their turn wins, sweep next time
        return 0
    staging.discard(engine.settings, photos)
    return forgotten


def conversation_snapshot(session: Session, engine: DialogueEngine, channel: str,
                          conversation_key: str) -> dict[str, Any] | None:
    """The stored state and draft of a conversation (for tests and support tooling)."""
    row = session.scalar(select(Conversation).where(
        Conversation.key_hash == engine.key_hash(channel, conversation_key)))
    if row is None:
        return None
    return {"state": row.state, "data": dict(row.data or {}), "lang": row.lang,
            "version": row.version}
