"""Walk labelled conversations through the console adapter and count the right ones.

    PYTHONPATH=. .venv/bin/python tests/data/bot_walks/run.py tests/data/bot_walks/botx7.yaml

Each walk is a fresh conversation on a throw-away SQLite database; each turn is typed (``say``),
a button tapped by its payload (``tap``, refused when the last reply did not offer it) or a
photo sent (``photo``); ``expect`` is what the reply should be, written before the first run:
``state``, ``has`` (every string in the reply or its buttons), ``lacks``, ``draft`` (a field's
value, ``~text`` for "contains"), ``receipt`` (a receipt was given). A walk that starts with
``file:`` files a complaint first; ``{receipt}`` and its mistyped forms are filled in.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.console import SURFACE, render
from bot.engine import DialogueEngine, Incoming, conversation_snapshot
from intake.db import make_engine, make_session_factory
from intake.drafts import NewAttachment
from intake.migrate import upgrade
from intake.routing.router import default_router
from intake.settings import Keys, Settings
from knowledge.faq import default_base

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bot"))
from chat_driver import FakeClock, photo_bytes


def _receipt_forms(receipt: str) -> dict[str, str]:
    groups = receipt.split("-")
    bad = groups[:]
    bad[1] = "O" + bad[1][1:]
    return {"receipt": receipt, "receipt_o": "-".join(bad),
            "receipt_short": receipt[:-1].lower().replace("-", " "),
            "receipt_spaced": receipt.replace("-", " ")}


def walk(engine: DialogueEngine, number: int, spec: dict[str, Any]) -> tuple[int, int, list[str]]:
    key = f"walk-{number}"
    lang = spec.get("lang")
    payloads: list[str] = []
    fill: dict[str, str] = {}

    def send(**fields: Any) -> tuple[str, list[str]]:
        replies = engine.handle(Incoming(channel="console", conversation_key=key, lang=lang,
                                         surface=SURFACE, **fields))
        text, offered = render(replies)
        if any(reply.receipt for reply in replies):
            fill.update(_receipt_forms(next(r.receipt for r in replies if r.receipt)))
            text += "\n<receipt>"
        return text, offered

    if spec.get("file"):
        for step in ({"text": spec["file"]}, {"button": "biz:use"}, {"button": "when:1"},
                     {"button": "photos:skip"}, {"text": "13812345678"},
                     {"button": "confirm:submit"}):
            send(**step)
    right, notes = 0, []
    for index, turn in enumerate(spec["turns"], 1):
        expect = turn.get("expect", {})
        if "tap" in turn:
            if turn["tap"] not in payloads:
                notes.append(f"  {index}. tap {turn['tap']}: not offered ({payloads})")
                continue
            text, payloads = send(button=turn["tap"])
            said = f"[{turn['tap']}]"
        elif "photo" in turn:
            text, payloads = send(attachments=(NewAttachment("p.jpg", "image/jpeg",
                                                             photo_bytes()),))
            said = "[photo]"
        else:
            said = str(turn["say"]).format(**fill)
            text, payloads = send(text=said)
        with engine.session_factory() as session:
            snap = conversation_snapshot(session, engine, "console", key) or {}
        state, draft = str(snap.get("state")), dict(snap.get("data") or {})
        wrong = []
        states = expect.get("state")
        if states and state not in ([states] if isinstance(states, str) else states):
            wrong.append(f"state {state}")
        wrong += [f"lacks {s!r}" for s in expect.get("has", []) if str(s) not in text]
        wrong += [f"has {s!r}" for s in expect.get("lacks", []) if str(s) in text]
        for field, value in (expect.get("draft") or {}).items():
            got = draft.get(field)
            if isinstance(value, str) and value.startswith("~"):
                ok = got is not None and value[1:] in str(got)
            else:
                ok = got == value
            if not ok:
                wrong.append(f"draft {field}={got!r}")
        if expect.get("receipt") and "<receipt>" not in text:
            wrong.append("no receipt")
        if wrong:
            notes.append(f"  {index}. {said[:50]!r}: " + "; ".join(wrong)
                         + "\n      " + text.replace("\n", "\n      ")[:700])
        else:
            right += 1
    return right, len(spec["turns"]), notes


def main(path: str, only: str | None = None) -> None:
    walks = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/walks.sqlite3"
        # The labels' day: Monday 30 November 2026, noon in the district (UTC+8).
        clock = FakeClock()
        clock.now = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
        upgrade(url)
        settings = replace(Settings(keys=Keys.generate()), data_dir=Path(tmp) / "var",
                           database_url=url)
        engine = DialogueEngine(settings=settings, session_factory=make_session_factory(
            make_engine(url)), knowledge=default_base(), router=default_router(), clock=clock)
        walks_right = turns_right = turns = 0
        for number, spec in enumerate(walks, 1):
            if only and not spec["name"].startswith(only):
                continue
            right, count, notes = walk(engine, number, spec)
            walks_right += right == count
            turns_right, turns = turns_right + right, turns + count
            print(f"{'ok ' if right == count else 'NO '} {spec['name']}: {right}/{count}")
            for note in notes:
                print(note)
        print(f"walks right: {walks_right}; turns right: {turns_right}/{turns}")


if __name__ == "__main__":
    main(*sys.argv[1:])
