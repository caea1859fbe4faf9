"""Driving the dialogue engine like a person would: type, tap, send a photo."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image
from sqlalchemy.orm import Session

from bot.engine import DialogueEngine, Incoming, Outgoing, conversation_snapshot
from bot.turn import Surface
from intake.drafts import NewAttachment


def photo_bytes(size: tuple[int, int] = (40, 30), *, exif_marker: str = "CameraMakerMarker"
                ) -> bytes:
    """A small JPEG carrying EXIF metadata (which must never reach the stored copy)."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = exif_marker
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


class FakeClock:
    """A clock a test can move forward (for conversation timeouts).

    Like a real one it never stands still: each reading is a millisecond later, so two turns
    never share a timestamp (the model's ``onupdate`` would otherwise stamp the real time).
    """

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _surface(channel: str) -> Surface:
    """What each adapter supplies about its platform, as the adapter itself supplies it."""
    if channel == "telegram":
        from bot.telegram.handlers import SURFACE

        return SURFACE
    if channel == "web":
        from web.chat import surface

        return surface()  # type: ignore[no-any-return]
    if channel == "console":
        from bot.console import SURFACE as CONSOLE

        return CONSOLE
    return Surface()


class ChatDriver:
    def __init__(self, engine: DialogueEngine, *, conversation_key: str, user_id: str | None,
                 channel: str = "telegram", lang: str | None = None,
                 surface: Surface | None = None) -> None:
        self.engine = engine
        # What the adapter declares; by default the project adapter's of that channel name.
        self.surface = surface if surface is not None else _surface(channel)
        self.conversation_key = conversation_key
        self.user_id = user_id
        self.channel = channel
        self.lang = lang
        self.replies: list[Outgoing] = []

    def _send(self, **fields: Any) -> list[Outgoing]:
        incoming = Incoming(channel=self.channel, conversation_key=self.conversation_key,
                            platform_user_id=self.user_id, lang=self.lang,
                            surface=self.surface, **fields)
        self.replies = self.engine.handle(incoming)
        return self.replies

    def say(self, text: str) -> list[Outgoing]:
        return self._send(text=text)

    def tap(self, payload: str) -> list[Outgoing]:
        return self._send(button=payload)

    def command(self, name: str, argument: str | None = None) -> list[Outgoing]:
        return self._send(command=name, text=argument)

    def photo(self, data: bytes | None = None, caption: str | None = None) -> list[Outgoing]:
        attachment = NewAttachment("photo.jpg", "image/jpeg", data or photo_bytes())
        return self._send(attachments=(attachment,), text=caption)

    def file_complaint(self, account: str = "我在XX饭店吃出了苍蝇") -> str:
        """A complaint told in one message, taken through every step: its receipt."""
        self.say(account)
        self.tap("biz:use")
        self.tap("when:1")
        self.tap("photos:skip")
        self.say("13812345678")
        replies = self.tap("confirm:submit")
        return next(reply.receipt for reply in replies if reply.receipt)

    @property
    def text(self) -> str:
        """Everything the assistant said in its last turn."""
        return "\n".join(reply.text for reply in self.replies)

    @property
    def payloads(self) -> list[str]:
        return [button.payload for reply in self.replies for button in reply.buttons]

    @property
    def labels(self) -> list[str]:
        """The buttons' labels of the last turn, as the person reads them."""
        return [button.label for reply in self.replies for button in reply.buttons]

    def snapshot(self) -> dict[str, Any]:
        with self.engine.session_factory() as session:
            found = conversation_snapshot(session, self.engine, self.channel,
                                          self.conversation_key)
        assert found is not None
        return found

    @property
    def state(self) -> str:
        return str(self.snapshot()["state"])

    @property
    def draft(self) -> dict[str, Any]:
        return dict(self.snapshot()["data"])

    def session(self) -> Session:
        return self.engine.session_factory()
