"""Fixtures for the assistant: a dialogue engine on each database, a clock, a chat driver.

Chained on the project fixtures (settings → session_factory), so every test taking
``dialogue`` or ``chat`` runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_driver import ChatDriver, FakeClock
from sqlalchemy.orm import Session, sessionmaker

from bot.engine import DialogueEngine
from intake.routing.router import default_router
from intake.settings import Settings
from knowledge.faq import default_base


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def dialogue(settings: Settings, session_factory: sessionmaker[Session],
             clock: FakeClock) -> DialogueEngine:
    return DialogueEngine(settings=settings, session_factory=session_factory,
                          knowledge=default_base(), router=default_router(), clock=clock)


@pytest.fixture
def chat(dialogue: DialogueEngine) -> Iterator[ChatDriver]:
    yield ChatDriver(dialogue, conversation_key="chat-5550001", user_id="5550001")
