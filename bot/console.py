"""The console adapter: the same assistant in a terminal (``foodsafe chat``).

Type as you would on Telegram. A reply's buttons are numbered; type the number to tap one.
``/start``, ``/help``, ``/cancel``, ``/lang`` work as everywhere; ``/photo PATH`` attaches a
picture; ``/quit`` leaves (the conversation stays in the database and ``--session NAME``
resumes it).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TextIO

from bot.engine import DialogueEngine, Incoming, Outgoing
from bot.turn import Surface
from intake.drafts import NewAttachment

CHANNEL = "console"
# What this adapter declares to the engine (bot.turn.Surface): a terminal is not Telegram; its
# cases are filed as the assistant's ("chat"); it cannot reach anyone later.
SURFACE = Surface(tip_notice="tip_notice_console", not_kept="tip_account_other",
                  case_channel="chat", follows_up=False)
QUIT = frozenset({"/quit", "/exit", "/q"})


def render(replies: list[Outgoing]) -> tuple[str, list[str]]:
    """The text to print and the payloads of the numbered buttons."""
    lines, payloads = [], []
    for reply in replies:
        lines.append(reply.text)
        for button in reply.buttons:
            payloads.append(button.payload)
            lines.append(f"  [{len(payloads)}] {button.label}")
    return "\n".join(lines), payloads


def incoming_for(line: str, *, payloads: list[str], conversation_key: str,
                 lang: str | None) -> Incoming | None:
    """What one typed line means; None when it is a local command that failed."""
    def incoming(**fields: object) -> Incoming:
        return Incoming(channel=CHANNEL, conversation_key=conversation_key, lang=lang,
                        surface=SURFACE, **fields)  # type: ignore[arg-type]

    if line.isdigit() and 1 <= int(line) <= len(payloads):
        return incoming(button=payloads[int(line) - 1])
    if line.startswith("/photo "):
        path = Path(line.removeprefix("/photo ").strip()).expanduser()
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return incoming(attachments=(NewAttachment(path.name, "image/jpeg", data),))
    if line.startswith("/"):
        name, _, argument = line[1:].partition(" ")
        return incoming(command=name, text=argument.strip() or None)
    return incoming(text=line)


def run_console(engine: DialogueEngine, *, stdin: TextIO, stdout: TextIO,
                conversation_key: str | None = None, lang: str | None = None) -> None:
    key = conversation_key or f"console-{secrets.token_hex(8)}"
    text, payloads = render(engine.handle(Incoming(channel=CHANNEL, conversation_key=key,
                                                   command="start", lang=lang,
                                                   surface=SURFACE)))
    stdout.write(text + "\n> ")
    stdout.flush()
    for raw in stdin:
        line = raw.strip()
        if line in QUIT:
            break
        if not line:
            stdout.write("> ")
            stdout.flush()
            continue
        incoming = incoming_for(line, payloads=payloads, conversation_key=key, lang=lang)
        if incoming is None:
            # The adapter's own line, in both languages: it knows no conversation language.
            stdout.write("（无法读取这个文件 / cannot read that file）\n> ")
            stdout.flush()
            continue
        text, payloads = render(engine.handle(incoming))
        stdout.write(text + "\n> ")
        stdout.flush()
    stdout.write("\n")
